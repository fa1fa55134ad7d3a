package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of a float running sum held in a local: the whole method becomes one compensated
 * {@code Summation.sum}/{@code Summation.dot} call when it is nothing but that sum over whole float
 * arrays; otherwise the local is declared {@code double} and read back as {@code (float)}, so every
 * use keeps its float type and only the accumulation gains precision. A private float field summed
 * across calls (a loss or an error total) gets the same treatment across its class.
 */
public final class FloatSumFix {
    private static final String SUMMATION = "dev.numguard.guards.Summation";
    private static final Pattern FLOAT_KEYWORD = Pattern.compile("\\bfloat\\b");

    private FloatSumFix() {
    }

    /** The fix of the float sum {@code sum} (a local's), or empty when no edit is sure to compile. */
    public static Optional<Fix> plan(Reduction sum, MethodFacts facts) {
        Optional<String> call = wholeArrayCall(sum, facts);
        if (call.isPresent()) {
            return Optional.of(Fix.review("Use " + call.get().substring(0, call.get().indexOf('(')),
                    List.of(WholeArrayIdiom.replaceBody(facts.method(), "return " + SUMMATION + "." + call.get() + ";")),
                    List.of(SUMMATION)));
        }
        return doubleAccumulator(sum.variable(), facts);
    }

    /** {@code sum(x)} or {@code dot(x, y)} when the method is only {@code s = 0; loop over x; return s}. */
    private static Optional<String> wholeArrayCall(Reduction sum, MethodFacts facts) {
        MethodModel method = facts.method();
        List<Stmt> top = method.body().statements();
        Stmt.Loop loop = sum.loop();
        boolean onlySum = top.size() == 3 && method.returnType().numeric() == NumericType.FLOAT
                && top.get(0) instanceof Stmt.LocalDecl d && d.name().equals(sum.variable())
                && MathCalls.isLiteral(d.init(), 0) && top.get(1) == loop
                && top.get(2) instanceof Stmt.Return ret && Nodes.isLocal(ret.value(), sum.variable())
                && (loop.body() == sum.update() || loop.body() instanceof Stmt.Block b
                        && b.statements().equals(List.of(sum.update())));
        if (!onlySum || sum.subtracted()) {
            return Optional.empty();
        }
        Expr term = Nodes.stripCasts(sum.term());
        Optional<String> x = floatArrayOf(term, facts);
        if (x.isPresent()) {
            return WholeArrayIdiom.coversArray(loop, x.get(), facts) ? Optional.of("sum(" + x.get() + ")") : Optional.empty();
        }
        if (term instanceof Expr.Binary product && product.op() == BinaryOp.MULTIPLY) {
            Optional<String> left = floatArrayOf(Nodes.stripCasts(product.left()), facts);
            Optional<String> right = floatArrayOf(Nodes.stripCasts(product.right()), facts);
            boolean sameIndex = !(product.left() instanceof Expr.ArrayElement l)
                    || product.right() instanceof Expr.ArrayElement r && Nodes.sameShape(l.index(), r.index());
            if (left.isPresent() && right.isPresent() && sameIndex && WholeArrayIdiom.coversArray(loop, left.get(), facts)) {
                return Optional.of("dot(" + left.get() + ", " + right.get() + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> floatArrayOf(Expr element, MethodFacts facts) {
        return WholeArrayIdiom.arrayOf(element, facts, null).filter(name -> {
            Parameter p = facts.method().parameter(name);
            TypeInfo type = p != null ? p.type() : facts.declaration(name) != null ? facts.declaration(name).type() : null;
            return type != null && type.numeric() == NumericType.FLOAT && type.arrayDimensions() == 1;
        });
    }

    /** Declares the local {@code name} double and casts every read outside its own updates to float. */
    private static Optional<Fix> doubleAccumulator(String name, MethodFacts facts) {
        Stmt.LocalDecl decl = facts.declaration(name);
        if (decl == null || sharesStatement(decl, facts)) {
            return Optional.empty();
        }
        Matcher keyword = FLOAT_KEYWORD.matcher(facts.context().text(decl.span()));
        if (!keyword.find()) {
            return Optional.empty();
        }
        int keywordStart = decl.span().start() + keyword.start();
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(keywordStart, keywordStart + "float".length(), "double"));
        if (decl.init() instanceof Expr.Literal zero && facts.context().text(zero).matches("0?\\.?0*[fF]")) {
            edits.add(TextEdit.replace(zero.span(), "0.0"));       // float 0f written to a double reads as a slip
        }
        List<Stmt> updates = facts.reductionsOf(name).stream().map(Reduction::update).toList();
        List<Expr> targets = Nodes.statements(facts.method().body()).stream()
                .filter(s -> s instanceof Stmt.Assign).map(s -> ((Stmt.Assign) s).target()).toList();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Unary u && u.op().assigns() && Nodes.isLocal(u.operand(), name)) {
                return Optional.empty();
            }
            boolean read = e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && v.name().equals(name)
                    && targets.stream().noneMatch(t -> t == e)
                    && updates.stream().noneMatch(u -> u.span().contains(e.span()));
            if (read) {
                edits.add(TextEdit.replace(e.span(), "(float) " + name));
            }
        }
        Optional<Fix> variance = varianceFixMeeting(edits, updates, facts);
        if (variance.isPresent()) {
            // the variance fix rewrites this sum (its update is among its edits): the same fix cures both findings
            return variance.get().edits().stream().anyMatch(v -> updates.stream().anyMatch(u -> covers(v, u.span().start(),
                    u.span().end()))) ? variance : Optional.empty();
        }
        return Optional.of(Fix.review("Accumulate '" + name + "' in double", edits, List.of()));
    }

    /**
     * NaiveVariance's fix of a variance this sum feeds, when its edits meet the double-accumulator
     * edits or the sum's updates: the two would overlap, and the variance fix replaces the sums
     * and the formula, so it is the one to make.
     */
    private static Optional<Fix> varianceFixMeeting(List<TextEdit> edits, List<Stmt> updates, MethodFacts facts) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (!(e instanceof Expr.Binary d) || d.op() != BinaryOp.SUBTRACT) {
                continue;
            }
            Optional<Fix> fix = Cancellation.of(d, facts).flatMap(c -> VarianceFixes.of(d, c, facts));
            if (fix.isPresent() && fix.get().edits().stream().anyMatch(v -> edits.stream().anyMatch(a -> meet(v, a.start(), a.end()))
                    || updates.stream().anyMatch(u -> meet(v, u.span().start(), u.span().end())))) {
                return fix;
            }
        }
        return Optional.empty();
    }

    private static boolean meet(TextEdit edit, int start, int end) {
        return edit.start() < end && start < edit.end() || edit.start() == start;
    }

    private static boolean covers(TextEdit edit, int start, int end) {
        return edit.start() <= start && end <= edit.end();
    }

    /**
     * The private float field {@code name}, summed across calls, declared {@code double}; every read
     * outside the statements that assign it becomes {@code (float) name}, so each use keeps its float
     * type. Offered only when every mention of the name in the file is one the fix has seen (so no
     * nested class or initializer reads it unseen).
     */
    public static Optional<Fix> doubleField(String name, ClassFacts context) {
        Optional<FieldModel> field = context.clazz().field(name);
        if (field.isEmpty() || field.get().isStatic() || field.get().type().arrayDimensions() != 0
                || context.clazz().fields().stream().anyMatch(f -> f != field.get() && f.span().equals(field.get().span()))) {
            return Optional.empty();
        }
        String declaration = context.text(field.get().span());
        Matcher keyword = FLOAT_KEYWORD.matcher(declaration);
        if (!declaration.matches("(?s)(@\\S+\\s+)*(\\w+\\s+)*private\\s.*") || !keyword.find()) {
            return Optional.empty();
        }
        int keywordStart = field.get().span().start() + keyword.start();
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(keywordStart, keywordStart + "float".length(), "double"));
        if (field.get().init() instanceof Expr.Literal zero && context.text(zero).matches("0?\\.?0*[fF]")) {
            edits.add(TextEdit.replace(zero.span(), "0.0"));
        }
        int mentions = 1;
        for (MethodFacts method : context.methodsWithBodies()) {
            List<Stmt.Assign> assigns = Nodes.statements(method.method().body()).stream()
                    .filter(s -> s instanceof Stmt.Assign a && isField(a.target(), name)).map(s -> (Stmt.Assign) s).toList();
            List<Expr> expressions = Nodes.expressions(method.method().body());
            for (Expr e : expressions) {
                if (e instanceof Expr.Other o && o.kind().equals("assignment")
                        && o.children().stream().anyMatch(c -> isField(c, name))) {
                    return Optional.empty();                        // an assignment used as a value
                }
                if (!isField(e, name) || field.get().span().contains(e.span())) {
                    continue;                                       // the declaration's own initializer
                }
                mentions++;
                boolean written = assigns.stream().anyMatch(a -> a.target() == e) || expressions.stream()
                        .anyMatch(u -> u instanceof Expr.Unary op && op.op().assigns() && op.operand() == e);
                Optional<Stmt.Assign> own = assigns.stream().filter(a -> a.span().contains(e.span())).findFirst();
                if (written) {
                    continue;
                }
                if (own.isPresent()) {
                    // read to compute its own new value: stays double, unless a call takes it (and wants a float)
                    if (Nodes.expressions(own.get().value()).stream().anyMatch(c -> c instanceof Expr.Call
                            && c.span().contains(e.span()))) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (feedsADifference(e, method)) {
                    return Optional.empty();
                }
                edits.add(TextEdit.replace(e.span(), "(float) " + context.text(e)));
            }
        }
        Matcher word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(context.file().text());
        int inFile = 0;
        while (word.find()) {
            inFile++;
        }
        if (inFile != mentions) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Accumulate '" + name + "' in double", edits, List.of()));
    }

    private static boolean isField(Expr e, String name) {
        return e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField() && v.name().equals(name);
    }

    /**
     * The read feeds a variance or covariance that NaiveVariance rewrites: its fix replaces the sums
     * and the formula, so a double accumulator here would only overlap it. Where the variance has no
     * fix (its sums feed an intercept, say), the double accumulator still removes the float sum's
     * own rounding error, and is offered.
     */
    private static boolean feedsADifference(Expr read, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Binary d
                && d.op() == BinaryOp.SUBTRACT && d.span().contains(read.span())
                && Cancellation.of(d, facts).flatMap(c -> VarianceFixes.of(d, c, facts)).isPresent());
    }

    /** True for {@code float a = 0, b = 0;}: retyping one would retype all. */
    private static boolean sharesStatement(Stmt.LocalDecl decl, MethodFacts facts) {
        return Nodes.statements(facts.method().body()).stream()
                .anyMatch(s -> s instanceof Stmt.LocalDecl other && other != decl && other.span().equals(decl.span()));
    }
}
