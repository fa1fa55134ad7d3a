package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.idioms.moments.Monomial;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fixes of a naive variance: a Statistics call replaces the whole method or the expression. */
public final class MomentFixes {
    public static final String STATISTICS = "dev.numguard.guards.Statistics";

    private MomentFixes() {
    }

    /** Replace the whole method, or the expression computing the (co)variance, by a Statistics call. */
    public static Optional<Fix> statisticsCall(ClassFacts context, MethodFacts facts, Expr.Binary subtraction,
                                               Cancellation c, NumericType type) {
        List<String> arrays = new ArrayList<>();
        for (String key : c.arrays()) {
            if (!key.endsWith("[]") || !key.substring(0, key.length() - 2).matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                return Optional.empty();
            }
            arrays.add(key.substring(0, key.length() - 2));
        }
        String x = arrays.get(0);
        if (!arrays.stream().allMatch(a -> isVector(facts, a)) || !facts.elementWritesAll(x).isEmpty()
                || !coversWholeArray(c, x, facts) || !countsAreLength(c, x, facts)) {
            return Optional.empty();
        }
        MethodModel method = facts.method();
        List<Stmt> top = method.body().statements();
        if (WholeArrayIdiom.bodyIsOnlyIdiom(facts, x) && top.get(top.size() - 1) instanceof Stmt.Return ret) {
            Optional<String> call = form(ret.value(), subtraction, c, arrays, facts, true);
            if (call.isPresent()) {
                return Optional.of(Fix.review("Use " + call.get().substring(0, call.get().indexOf('(')),
                        List.of(WholeArrayIdiom.replaceBody(method, "return " + STATISTICS + "." + call.get() + ";")),
                        List.of(STATISTICS)));
            }
        }
        Expr root = null;
        Optional<String> call = Optional.empty();
        for (Expr e : Nodes.expressions(method.body())) {
            if (e.span().contains(subtraction.span()) && (root == null || e.span().contains(root.span()))) {
                Optional<String> candidate = form(e, subtraction, c, arrays, facts, false);
                if (candidate.isPresent()) {
                    root = e;
                    call = candidate;
                }
            }
        }
        if (root == null) {
            return Optional.empty();
        }
        String replacement = STATISTICS + "." + call.get();
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(root.span(), replacement));
        edits.addAll(DeadCode.onlyFeeding(root.span(), replacement, facts));
        return Optional.of(Fix.review("Use Statistics." + call.get().substring(0, call.get().indexOf('(')),
                edits, List.of(STATISTICS)));
    }

    /**
     * The Statistics call {@code e} amounts to: the subtraction itself (population, when it is
     * already divided by n), divided by n or n − 1, optionally under a square root. Locals are
     * followed when {@code facts} is given.
     */
    private static Optional<String> form(Expr e, Expr.Binary subtraction, Cancellation c, List<String> arrays,
                                         MethodFacts facts, boolean followLocals) {
        MethodFacts through = followLocals ? facts : null;
        Expr r = follow(e, through);
        boolean sqrt = false;
        Optional<Expr.Call> root = MathCalls.call(r, "sqrt", 1);
        if (root.isPresent()) {
            sqrt = true;
            r = follow(root.get().args().get(0), through);
        }
        boolean sample;
        if (r.span().equals(subtraction.span()) && c.nPower() == -1) {
            sample = false;
        } else if (r instanceof Expr.Binary division && division.op() == BinaryOp.DIVIDE && c.nPower() == 0
                && follow(division.left(), through).span().equals(subtraction.span())) {
            Expr q = follow(division.right(), facts);
            if (isLength(q, arrays.get(0))) {
                sample = false;
            } else if (q instanceof Expr.Binary minus && minus.op() == BinaryOp.SUBTRACT && MathCalls.isLiteral(minus.right(), 1)
                    && isLength(follow(minus.left(), facts), arrays.get(0))) {
                sample = true;
            } else {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (c.covariance()) {
            return sqrt ? Optional.empty()
                    : Optional.of((sample ? "sampleCovariance(" : "covariance(") + arrays.get(0) + ", " + arrays.get(1) + ")");
        }
        String name = sqrt ? (sample ? "sampleStandardDeviation" : "standardDeviation") : (sample ? "sampleVariance" : "variance");
        return Optional.of(name + "(" + arrays.get(0) + ")");
    }

    private static Expr follow(Expr e, MethodFacts facts) {
        return Nodes.stripCasts(facts == null ? e : facts.resolve(e));
    }

    private static boolean isLength(Expr e, String x) {
        return e instanceof Expr.VarRead length && length.name().equals("length")
                && length.qualifier() != null && Nodes.stripCasts(length.qualifier()) instanceof Expr.VarRead a
                && a.name().equals(x);
    }

    /** Every count the formula divides or multiplies by is x.length (through locals). */
    private static boolean countsAreLength(Cancellation c, String x, MethodFacts facts) {
        List<Expr> counts = new ArrayList<>();
        for (Monomial m : List.of(c.left(), c.right())) {
            counts.addAll(m.scalars());
            counts.addAll(m.divisors());
        }
        for (Expr count : counts) {
            Expr resolved = Nodes.stripCasts(facts.resolve(count));
            if (!isLength(resolved, x) && !(resolved instanceof Expr.Literal)) {
                return false;
            }
        }
        return true;
    }

    /** Every sum runs over all of x: a loop covering x, or a stream of x. */
    private static boolean coversWholeArray(Cancellation c, String x, MethodFacts facts) {
        for (Monomial m : List.of(c.left(), c.right())) {
            for (Object source : m.reductions()) {
                boolean covers = source instanceof Reduction r && r.loop() != null
                        && WholeArrayIdiom.coversArray(r.loop(), x, facts)
                        || source instanceof StreamPipeline s && Nodes.stripCasts(s.source()) instanceof Expr.VarRead v
                        && v.name().equals(x);
                if (!covers) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isVector(MethodFacts facts, String name) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.VarRead v
                && v.name().equals(name) && v.kind() != VarKind.FIELD && v.type().isFloatingVector());
    }
}
