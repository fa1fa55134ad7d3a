package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.Logarithm;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logarithm of a sum, difference or product of exponentials and other positive terms, carried
 * into log space as a whole: {@code log(exp(a) + c)} becomes {@code StableMath.logAddExp(a, Math.log(c))},
 * and where the argument is a local built from sums of exponentials ({@code s += exp(a)}) through
 * other locals ({@code r = 1 + s - t}, {@code r -= t}, on any branch), every one of those locals is
 * kept as its logarithm instead: {@code logS = StableMath.logAddExp(logS, a)} from {@code -Infinity},
 * {@code logR = StableMath.logSubExp(StableMath.logAddExp(0.0, logS), logT)}, and {@code log(r)}
 * reads {@code logR}. A test {@code s == 0} of such a local reads {@code logS == -Infinity}, and any
 * other read {@code Math.exp(logS)} (the same value up to rounding, under- or overflowing where s did).
 *
 * <p>The translation, for {@code L(e) = log(e)}: {@code L(exp(a)) = a}, {@code L(x + y) =
 * logAddExp(L(x), L(y))}, {@code L(x - y) = logSubExp(L(x), L(y))}, {@code L(x * y) = L(x) + L(y)},
 * {@code L(x / y) = L(x) - L(y)}, {@code L(0) = -Infinity}, {@code L(1) = 0}, and {@code L(c) =
 * Math.log(c)} for any other term with no exponential in it. Each is exact in real arithmetic for
 * positive terms; a term that can be negative gives NaN where the original could still be finite,
 * and a sum whose exponentials all underflowed to 0 is no longer taken for an empty one, so the fix
 * needs review.
 */
public final class LogSpaceCombination {
    private static final String STABLE_MATH = LogSumExpFixes.STABLE_MATH;
    private static final String NEGATIVE_INFINITY = "Double.NEGATIVE_INFINITY";
    private static final int MAX_LOCALS = 8;

    private final ClassFacts context;
    private final MethodFacts facts;
    /** The locals kept as their logarithm, each with its new name. */
    private final Map<String, String> logNames = new LinkedHashMap<>();
    private final Set<String> rejected = new HashSet<>();

    private LogSpaceCombination(MethodFacts facts) {
        this.context = facts.context();
        this.facts = facts;
    }

    /** The fix of {@code log}, a natural-log call whose argument combines exponentials, or empty. */
    public static Optional<Fix> of(Expr.Call log, MethodFacts facts) {
        if (MathCalls.call(log, "log", 1).isEmpty()) {
            return Optional.empty();
        }
        return of(log, log.args().get(0), true, facts);
    }

    /**
     * The fix of {@code log}, a logarithm of {@code argument} (the natural one, or a one-argument
     * helper in some base b when {@code natural} is false: its value is then read as
     * {@code helper(Math.E) * ln(argument)}, since log_b(x) = log_b(e) · ln x), or empty.
     */
    public static Optional<Fix> of(Expr.Call log, Expr argument, boolean natural, MethodFacts facts) {
        if (MathCalls.floatingType(argument) != NumericType.DOUBLE
                || !natural && (log.args().size() != 1 || !log.args().get(0).span().equals(argument.span()))) {
            return Optional.empty();
        }
        LogSpaceCombination combination = new LogSpaceCombination(facts);
        String scale = "";
        if (!natural) {
            String text = combination.context.text(log);
            int from = argument.span().start() - log.span().start();
            int to = argument.span().end() - log.span().start();
            if (from < 0 || to > text.length()) {
                return Optional.empty();
            }
            scale = text.substring(0, from) + "Math.E" + text.substring(to) + " * ";
        }
        return combination.fix(log, argument, scale);
    }

    /**
     * The fix of a softmax ratio {@code numerator / denominator} held in a local that is read once,
     * as the argument of a logarithm (natural or a helper in some base): the log of the ratio in log
     * space, {@code b - logS}, as {@link #of(Expr.Call, Expr, boolean, MethodFacts)} gives it for that
     * logarithm, so that the ratio's finding and the log's carry the same rewrite. Empty otherwise.
     */
    public static Optional<Fix> ofLoggedRatio(Expr numerator, Expr denominator, MethodFacts facts) {
        Optional<Stmt.LocalDecl> held = facts.statements().stream()
                .filter(st -> st instanceof Stmt.LocalDecl d && d.init() != null
                        && Nodes.stripCasts(d.init()) instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE
                        && b.left().span().equals(numerator.span()) && b.right().span().equals(denominator.span()))
                .map(Stmt.LocalDecl.class::cast).findFirst();
        if (held.isEmpty() || facts.definitions(held.get().name()).size() != 1) {
            return Optional.empty();
        }
        List<Expr.VarRead> reads = DeadCode.readsOf(held.get().id(), facts);
        if (reads.size() != 1) {
            return Optional.empty();
        }
        Expr.VarRead read = reads.get(0);
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Call c && c.args().size() == 1
                        && Nodes.stripCasts(c.args().get(0)).span().equals(read.span()))
                .map(Expr.Call.class::cast).findFirst()
                .flatMap(c -> Logarithm.of(c, facts).filter(l -> Nodes.stripCasts(l.argument()).span().equals(read.span()))
                        .flatMap(l -> of(c, c.args().get(0), l.natural(), facts)));
    }

    private Optional<Fix> fix(Expr.Call log, Expr loggedValue, String scale) {
        Expr argument = Nodes.stripCasts(loggedValue);
        if (!(argument instanceof Expr.VarRead) && !containsExp(argument)) {
            return Optional.empty();
        }
        Optional<String> whole;
        try {
            whole = translate(argument);
        } catch (Untranslatable e) {
            return Optional.empty();
        }
        if (whole.isEmpty() || logNames.isEmpty() && !(argument instanceof Expr.Binary)) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(SourceEdits.replaceByPrimary(log.span(), scale.isEmpty() ? whole.get() : "(" + scale + grouped(whole.get()) + ")", context));
        List<int[]> rewritten = new ArrayList<>();
        rewritten.add(range(log.span()));
        try {
            // rewriting a definition can bring in the locals it reads: until none is left
            Set<String> done = new HashSet<>();
            for (List<String> todo = List.copyOf(logNames.keySet()); !todo.isEmpty();
                 todo = logNames.keySet().stream().filter(n -> !done.contains(n)).toList()) {
                for (String name : todo) {
                    rewriteDefinitions(name, edits, rewritten);
                    done.add(name);
                }
            }
            for (String name : List.copyOf(logNames.keySet())) {
                rewriteReads(name, edits, rewritten);
            }
        } catch (Untranslatable e) {
            return Optional.empty();
        }
        String what = logNames.isEmpty() ? "Compute the logarithm in log space with StableMath.logAddExp"
                : "Keep " + String.join(", ", logNames.keySet()) + " as logarithms (StableMath.logAddExp/logSubExp)";
        return Optional.of(Fix.review(what, edits, List.of(STABLE_MATH)));
    }

    /** {@code L(e)}, the log-space text of {@code e}; empty when {@code e} holds no exponential (it stays opaque). */
    private Optional<String> translate(Expr e) {
        Expr x = Nodes.stripCasts(e);
        Optional<Expr> exponent = MathCalls.expArgument(x);
        if (exponent.isPresent()) {
            return Optional.of(context.text(exponent.get()));
        }
        if (x instanceof Expr.VarRead v && logLocal(v)) {
            return Optional.of(logNames.get(v.name()));
        }
        if (x instanceof Expr.Binary b && b.op().isArithmetic() && b.op() != BinaryOp.REMAINDER) {
            Optional<String> left = translate(b.left());
            Optional<String> right = translate(b.right());
            if (left.isEmpty() && right.isEmpty()) {
                return Optional.empty();
            }
            boolean plainLeft = left.isEmpty() && !positiveLiteral(b.left());
            boolean plainRight = right.isEmpty() && !positiveLiteral(b.right());
            // a plain term of unknown sign: log(exp(x) ± c) through logAddExpLinear, exact for either sign
            if (b.op() == BinaryOp.ADD && (plainLeft || plainRight)) {
                return Optional.of(STABLE_MATH + ".logAddExpLinear(" + (plainLeft ? right.get() : left.get()) + ", "
                        + context.text(plainLeft ? b.left() : b.right()) + ")");
            }
            if (b.op() == BinaryOp.SUBTRACT && plainRight) {
                return Optional.of(STABLE_MATH + ".logAddExpLinear(" + left.get() + ", -"
                        + SourceEdits.asFactor(Nodes.stripCasts(b.right()), context) + ")");
            }
            if ((b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE) && (plainLeft || plainRight)) {
                throw new Untranslatable();              // log(x · c) is NaN for a negative c that the sum around it may offset
            }
            String l = left.orElseGet(() -> opaque(b.left()));
            String r = right.orElseGet(() -> opaque(b.right()));
            return Optional.of(switch (b.op()) {
                case ADD -> STABLE_MATH + ".logAddExp(" + l + ", " + r + ")";
                case SUBTRACT -> STABLE_MATH + ".logSubExp(" + l + ", " + r + ")";
                case MULTIPLY -> "(" + grouped(l) + " + " + grouped(r) + ")";
                case DIVIDE -> "(" + grouped(l) + " - " + grouped(r) + ")";
                default -> throw new Untranslatable();
            });
        }
        if (containsExp(x) || Nodes.expressions(x).stream().anyMatch(s -> s instanceof Expr.VarRead v && logLocal(v))) {
            throw new Untranslatable();          // an exponential under some other operation
        }
        return Optional.empty();
    }

    /** The log of a term with no exponential: -Infinity for 0, 0 for 1, {@code Math.log(c)} otherwise. */
    private String opaque(Expr e) {
        Expr x = Nodes.stripCasts(e);
        if (MathCalls.isLiteral(x, 0)) {
            return NEGATIVE_INFINITY;
        }
        if (MathCalls.isLiteral(x, 1)) {
            return "0.0";
        }
        return "Math.log(" + context.text(e) + ")";
    }

    /** A numeric literal of 0 or more (its log is -Infinity, 0 or a constant). */
    private static boolean positiveLiteral(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number && l.numericValue() >= 0;
    }

    private static int[] range(SourceSpan span) {
        return new int[] {span.start(), span.end()};
    }

    /** {@code text} without the parentheses around all of it, if it has them. */
    private static String ungrouped(String text) {
        if (!text.startsWith("(") || !text.endsWith(")")) {
            return text;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0 && i < text.length() - 1) {
                return text;                         // (a) - (b): the first group closes early
            }
        }
        return text.substring(1, text.length() - 1);
    }

    private static String grouped(String text) {
        return text.matches("[\\w.\\[\\]]+") ? text : "(" + text + ")";
    }

    private static boolean containsExp(Expr e) {
        return Nodes.expressions(e).stream().anyMatch(s -> MathCalls.expArgument(s).isPresent());
    }

    /**
     * True when the local read by {@code v} can be kept as its log: a double local declared once in
     * this method, every definition a translatable value of which one holds an exponential (or
     * another such local), none an element write or an increment. Registers its log name.
     */
    private boolean logLocal(Expr.VarRead v) {
        String name = v.name();
        if (logNames.containsKey(name)) {
            return true;
        }
        if (rejected.contains(name) || v.kind() != VarKind.LOCAL || v.type().isFloatingVector()
                || v.type().numeric() != NumericType.DOUBLE || !v.type().isFloatingScalar() || logNames.size() >= MAX_LOCALS) {
            return false;
        }
        Stmt.LocalDecl declaration = facts.declaration(name);
        long declared = facts.statements().stream().filter(s -> s instanceof Stmt.LocalDecl d && d.name().equals(name)).count();
        List<Definition> definitions = facts.definitions(name);
        if (declaration == null || declared != 1 || !declaration.type().isFloatingScalar()
                || declaration.type().numeric() != NumericType.DOUBLE || definitions.isEmpty()
                || definitions.stream().anyMatch(d -> d.element() || d.value() == null)) {
            rejected.add(name);
            return false;
        }
        // provisionally in log space, so that a definition reading the local itself translates
        logNames.put(name, "");
        boolean exponential = false;
        for (Definition d : definitions) {
            if (d.op() != AssignOp.ASSIGN && d.op() != AssignOp.ADD && d.op() != AssignOp.SUBTRACT
                    && d.op() != AssignOp.MULTIPLY && d.op() != AssignOp.DIVIDE) {
                logNames.remove(name);
                rejected.add(name);
                return false;
            }
            exponential |= containsExp(d.value()) || Nodes.expressions(d.value()).stream()
                    .anyMatch(s -> s instanceof Expr.VarRead r && !r.name().equals(name) && logLocal(r));
        }
        if (!exponential) {
            logNames.remove(name);
            rejected.add(name);
            return false;
        }
        String fresh = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        while (logNames.containsValue(fresh)) {
            fresh = fresh + "_";
        }
        logNames.put(name, fresh);
        return true;
    }

    /** The declaration and every assignment of {@code name}, in log space. */
    private void rewriteDefinitions(String name, List<TextEdit> edits, List<int[]> rewritten) {
        String logName = logNames.get(name);
        Stmt.LocalDecl declaration = facts.declaration(name);
        for (Definition d : facts.definitions(name)) {
            Optional<String> translated = translate(d.value());
            boolean plain = translated.isEmpty() && !positiveLiteral(d.value());
            if (plain && d.op() != AssignOp.ADD && d.op() != AssignOp.SUBTRACT) {
                throw new Untranslatable();              // a value of unknown sign has no logarithm to start from
            }
            String value = translated.orElseGet(() -> opaque(d.value()));
            String whole = ungrouped(value);                 // as a whole initialiser or right-hand side
            if (d.site() == declaration) {
                // the declarator's own name: the last 'name =' before the initialiser (several declarators share a span)
                String head = context.file().text().substring(declaration.span().start(), declaration.init().span().start());
                Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "(?=\\s*=[\\s(]*$)").matcher(head);
                if (!m.find()) {
                    throw new Untranslatable();
                }
                int at = declaration.span().start() + m.start();
                edits.add(new TextEdit(at, at + name.length(), logName));
                edits.add(TextEdit.replace(declaration.init().span(), whole));
                rewritten.add(new int[] {at, declaration.init().span().end()});
            } else if (d.site() instanceof Stmt.Assign assign && Nodes.stripCasts(assign.target()) instanceof Expr.VarRead) {
                String updated = switch (d.op()) {
                    case ASSIGN -> whole;
                    case ADD -> plain ? STABLE_MATH + ".logAddExpLinear(" + logName + ", " + context.text(d.value()) + ")"
                            : STABLE_MATH + ".logAddExp(" + logName + ", " + value + ")";
                    case SUBTRACT -> plain ? STABLE_MATH + ".logAddExpLinear(" + logName + ", -"
                            + SourceEdits.asFactor(Nodes.stripCasts(d.value()), context) + ")"
                            : STABLE_MATH + ".logSubExp(" + logName + ", " + value + ")";
                    case MULTIPLY -> logName + " + " + grouped(value);
                    case DIVIDE -> logName + " - " + grouped(value);
                    default -> throw new Untranslatable();
                };
                // target, operator and value edited apart, so that parentheses around the value stay balanced
                int opStart = assign.target().span().end();
                String between = context.file().text().substring(opStart, assign.value().span().start());
                Matcher op = Pattern.compile("^\\s*([-+*/]?=)").matcher(between);
                if (!op.find()) {
                    throw new Untranslatable();
                }
                edits.add(TextEdit.replace(assign.target().span(), logName));
                edits.add(new TextEdit(opStart + op.start(1), opStart + op.end(1), "="));
                edits.add(TextEdit.replace(assign.value().span(), updated));
                rewritten.add(new int[] {assign.target().span().start(), assign.value().span().end()});
            } else {
                throw new Untranslatable();          // an assignment inside an expression, a declaration without a site
            }
        }
    }

    /**
     * Every other read of {@code name}: {@code log(s)} reads {@code logS}, a comparison with a
     * non-negative literal compares the logs, anything else reads {@code Math.exp(logS)}.
     */
    private void rewriteReads(String name, List<TextEdit> edits, List<int[]> rewritten) {
        String logName = logNames.get(name);
        Stmt.LocalDecl declaration = facts.declaration(name);
        for (Expr.VarRead read : DeadCode.readsOf(declaration.id(), facts)) {
            if (rewritten.stream().anyMatch(r -> r[0] <= read.span().start() && read.span().end() <= r[1])) {
                continue;
            }
            Optional<Expr.Call> log = LogSumExpFixes.logOf(read, facts);
            Optional<Expr.Binary> comparison = comparisonWithLiteral(read);
            if (log.isPresent()) {
                edits.add(SourceEdits.replaceByPrimary(log.get().span(), logName, context));
                rewritten.add(range(log.get().span()));
            } else if (comparison.isPresent()) {
                Expr.Binary c = comparison.get();
                boolean readOnLeft = Nodes.stripCasts(c.left()).span().equals(read.span());
                Expr literal = readOnLeft ? c.right() : c.left();
                edits.add(TextEdit.replace(read.span(), logName));
                edits.add(TextEdit.replace(literal.span(), opaque(literal)));
                rewritten.add(range(c.span()));
            } else {
                edits.add(TextEdit.replace(read.span(), "Math.exp(" + logName + ")"));
            }
        }
    }

    /** {@code read OP c} or {@code c OP read}, a comparison with a non-negative numeric literal. */
    private Optional<Expr.Binary> comparisonWithLiteral(Expr.VarRead read) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary b && isComparison(b.op())
                        && (Nodes.stripCasts(b.left()).span().equals(read.span()) && nonNegativeLiteral(b.right())
                        || Nodes.stripCasts(b.right()).span().equals(read.span()) && nonNegativeLiteral(b.left())))
                .map(Expr.Binary.class::cast).findFirst();
    }

    private static boolean nonNegativeLiteral(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number && l.numericValue() >= 0;
    }

    private static boolean isComparison(BinaryOp op) {
        return op == BinaryOp.EQUAL || op == BinaryOp.NOT_EQUAL || op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL
                || op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL;
    }

    /** Thrown where an exponential or a log-space local stands where the translation cannot follow it. */
    private static final class Untranslatable extends RuntimeException {
        Untranslatable() {
            super(null, null, false, false);
        }
    }
}
