package dev.numguard.rules.fixes;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.List;
import java.util.Optional;

/** Text helpers for building fixes: operator precedence, fresh names, enclosing blocks. */
public final class SourceEdits {
    private SourceEdits() {
    }

    /**
     * The text of {@code e}, parenthesised when it would not stay one operand as the left side of
     * a binary {@code -} or {@code +}.
     */
    public static String asAdditiveOperand(Expr e, ClassFacts context) {
        String text = context.text(e);
        Expr bare = e;
        boolean safe = bare instanceof Expr.Literal || bare instanceof Expr.VarRead || bare instanceof Expr.ArrayElement
                || bare instanceof Expr.Call || bare instanceof Expr.Cast || bare instanceof Expr.Unary
                || bare instanceof Expr.Binary b && b.op().isArithmetic();
        return safe ? text : "(" + text + ")";
    }

    /**
     * The text of {@code e} as the right operand of {@code *} or {@code /}: parenthesised unless it
     * is a primary expression.
     */
    public static String asFactor(Expr e, ClassFacts context) {
        String text = context.text(e);
        boolean primary = e instanceof Expr.Literal || e instanceof Expr.VarRead || e instanceof Expr.ArrayElement
                || e instanceof Expr.Call;
        return primary ? text : "(" + text + ")";
    }

    /**
     * Replaces {@code span} by {@code primary} (a call, a name: one operand wherever it stands) and
     * drops the parentheses that only grouped the replaced expression, so that
     * {@code alpha * (Math.exp(x) - 1)} becomes {@code alpha * Math.expm1(x)}, not
     * {@code alpha * (Math.expm1(x))}. Parentheses that belong to a call, a cast or a statement
     * ({@code f(}, {@code if (}, {@code (double) (}) are kept, as is anything but whitespace between
     * them and the expression.
     */
    public static TextEdit replaceByPrimary(SourceSpan span, String primary, ClassFacts context) {
        String text = context.file().text();
        int open = skipSpaceBackwards(text, span.start() - 1);
        int close = skipSpaceForwards(text, span.end());
        if (open < 0 || close >= text.length() || text.charAt(open) != '(' || text.charAt(close) != ')') {
            return TextEdit.replace(span, primary);
        }
        int before = skipSpaceBackwards(text, open - 1);
        // an operator, a separator or an opening bracket before the '(' makes it grouping parentheses
        boolean grouping = before >= 0 && "=+-*/%<>!&|^?:,;{[(".indexOf(text.charAt(before)) >= 0;
        return grouping ? new TextEdit(open, close + 1, primary) : TextEdit.replace(span, primary);
    }

    private static int skipSpaceBackwards(String text, int at) {
        while (at >= 0 && Character.isWhitespace(text.charAt(at))) {
            at--;
        }
        return at;
    }

    private static int skipSpaceForwards(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The first of {@code candidates} (then {@code candidates[0]} + 1, 2, …) not used in the method. */
    public static String freshName(MethodFacts facts, String... candidates) {
        for (int suffix = 0; ; suffix++) {
            for (String candidate : candidates) {
                String name = suffix == 0 ? candidate : candidate + suffix;
                if (!isUsed(facts, name)) {
                    return name;
                }
            }
        }
    }

    /** The first of {@code candidates} (then {@code candidates[0]} + 1, 2, …) that is not a field of the class. */
    public static String freshFieldName(ClassFacts context, String... candidates) {
        for (int suffix = 0; ; suffix++) {
            for (String candidate : candidates) {
                String name = suffix == 0 ? candidate : candidate + suffix;
                if (context.clazz().field(name).isEmpty()) {
                    return name;
                }
            }
        }
    }

    private static boolean isUsed(MethodFacts facts, String name) {
        if (facts.isNameTaken(name)) {
            return true;
        }
        MethodModel method = facts.method();
        if (method.body() == null) {
            return false;
        }
        return Nodes.expressions(method.body()).stream().anyMatch(e -> e instanceof Expr.VarRead v && v.name().equals(name)
                || e instanceof Expr.Lambda l && l.parameters().contains(name))
                || Nodes.statements(method.body()).stream().anyMatch(s -> s instanceof Stmt.Loop l && l.element() != null
                && l.element().name().equals(name));
    }

    /** The block of {@code method} whose direct statements include {@code statement}. */
    public static Optional<Stmt.Block> parentBlock(MethodModel method, Stmt statement) {
        if (method.body() == null) {
            return Optional.empty();
        }
        for (Stmt s : Nodes.statements(method.body())) {
            if (s instanceof Stmt.Block b && b.statements().contains(statement)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The indentation unit of a loop: its body's first statement's indent minus its own. */
    public static String indentUnit(Stmt.Loop loop, ClassFacts context) {
        String own = context.indentationAt(loop.span().start());
        if (loop.body() instanceof Stmt.Block b && !b.statements().isEmpty()) {
            String inner = context.indentationAt(b.statements().get(0).span().start());
            if (inner.startsWith(own) && inner.length() > own.length()) {
                return inner.substring(own.length());
            }
        }
        return "    ";
    }

    /** True when only blanks precede {@code offset} on its line. */
    public static boolean startsLine(int offset, ClassFacts context) {
        String text = context.file().text();
        for (int i = context.lineStart(offset); i < offset; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code e} stands alone where it is, so that a replacement of lower precedence
     * needs no parentheses: a whole initializer, assigned value, returned value, expression
     * lambda body or call argument.
     */
    public static boolean isStandalone(Expr e, MethodFacts facts) {
        for (Stmt s : facts.statements()) {
            Expr whole = s instanceof Stmt.LocalDecl d ? d.init() : s instanceof Stmt.Assign a
                    && a.op() == dev.numguard.rules.model.AssignOp.ASSIGN ? a.value()
                    : s instanceof Stmt.Return r ? r.value() : null;
            if (whole != null && whole.span().equals(e.span()) && whole instanceof Expr.Call == e instanceof Expr.Call) {
                return true;
            }
        }
        for (Expr x : Nodes.expressions(facts.method().body())) {
            if (x instanceof Expr.Call call && call.args().stream().anyMatch(a -> a.span().equals(e.span()))
                    || x instanceof Expr.Lambda l && l.body() != null && l.body().span().equals(e.span())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code parenthesised} (a replacement of low precedence, such as a conditional, built with
     * parentheses around it) without those parentheses where {@code replaced} stands alone, so that
     * {@code return (c ? a : b);} is written {@code return c ? a : b;}.
     */
    public static String ungroupedWhereStandalone(String parenthesised, Expr replaced, MethodFacts facts) {
        return parenthesised.startsWith("(") && parenthesised.endsWith(")")
                && (isStandalone(replaced, facts) || isGrouped(replaced.span(), facts.context().file().text()))
                ? parenthesised.substring(1, parenthesised.length() - 1) : parenthesised;
    }

    /**
     * Whether the source already has parentheses right around {@code span} ({@code x * (a / b)}), so a
     * replacement there needs none of its own. The text inside must be balanced, so that the spans of
     * parenthesised operands ({@code p) / (q}) never count.
     */
    static boolean isGrouped(SourceSpan span, String source) {
        int before = span.start() - 1;
        while (before >= 0 && Character.isWhitespace(source.charAt(before))) {
            before--;
        }
        int after = span.end();
        while (after < source.length() && Character.isWhitespace(source.charAt(after))) {
            after++;
        }
        if (before < 0 || after >= source.length() || source.charAt(before) != '(' || source.charAt(after) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = span.start(); i < span.end(); i++) {
            char c = source.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The exponent argument of an {@code exp(a)} or {@code pow(E, a)} call. */
    public static Expr exponentOf(Expr.Call expCall) {
        List<Expr> args = expCall.args();
        return args.get(args.size() - 1);
    }
}
