package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.fixes.WholeArrayIdiom;
import dev.numguard.rules.idioms.moments.Moments;
import dev.numguard.rules.idioms.moments.Monomial;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** E[X²] − E[X]² (and E[XY] − E[X]E[Y]) in any form. */
@RuleInfo(
        summary = "Variance as E[X²] − E[X]² loses every digit once |mean|/std exceeds about 10^8",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags variance and covariance computed from raw power sums: `sumSq / n - mean * mean`, \
                `(sumSq - sum * sum / n) / (n - 1)`, the mean of squares minus the square of the mean (also \
                with streams and `Math.pow(mean, 2)`), `E[XY] - E[X]E[Y]`, square roots of these, and \
                running-moment classes keeping the sums in fields. Welford updates and two-pass formulas \
                over deviations from the mean are not flagged.""",
        whyIsThisBad = """
                Both terms are about mean², and their difference is the small variance: the subtraction \
                cancels every digit they share. Once |mean|/std exceeds about 10^8 in double (about 3·10^3 \
                in float) no correct digit is left; the result can even be negative, and its square root \
                NaN.""",
        example = """
                double variance(double[] x) {
                    double sum = 0, sumSq = 0;
                    for (double v : x) {
                        sum += v;
                        sumSq += v * v;
                    }
                    double mean = sum / x.length;
                    return sumSq / x.length - mean * mean;
                }""",
        useInstead = """
                double variance(double[] x) {
                    return Statistics.variance(x);
                }

                // for running sums kept in fields: a RunningStats (Welford) field,
                // stats.accept(value) in the update and stats.variance() in the getter""",
        fixSafety = """
                Needs review. `Statistics.variance(x)` (and its siblings) replace the whole method body; the \
                fix is only offered when the body computes nothing but the moment formula over one whole \
                array, and differs from the original only by rounding where it was finite.""",
        knownLimits = """
                Running sums kept across calls in fields are reported without a fix. Moments over a slice of \
                an array, over a weighted sample, or with the count kept in a separate variable that is not \
                the array length get no fix.""")
public final class NaiveVariance implements Rule {
    private static final String STATISTICS = "dev.numguard.guards.Statistics";

    /** What a flagged subtraction computes. */
    private record Cancellation(boolean covariance, List<String> arrays, int nPower, Monomial left, Monomial right) {
    }

    @Override
    public Optional<Finding> matchBinary(Expr.Binary subtraction, MethodFacts facts) {
        if (subtraction.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        Optional<Cancellation> found = cancellation(subtraction, facts);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Cancellation c = found.get();
        NumericType type = subtraction.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        boolean inFields = c.left().reductions().stream().anyMatch(r -> r instanceof Reduction red
                && red.variableKind() == VarKind.FIELD);
        Fix fix = inFields ? null : fix(context, facts, subtraction, c, type).orElse(null);
        String what = c.covariance() ? "covariance as E[XY] − E[X]E[Y]" : "variance as E[X²] − E[X]²";
        String message = what + " cancels catastrophically: once |mean|/std exceeds "
                + Thresholds.varianceCancellationRatio(type) + " in " + Thresholds.typeName(type)
                + " no correct digit is left, and the result can be negative (its square root NaN).";
        String byHand = inFields ? "keep a dev.numguard.guards.RunningStats (Welford) instead of the sums, call "
                + "stats.accept(value) where the sums are updated and return stats.variance() (or sampleVariance())."
                : "subtract the mean first (two passes: Σ(x - mean)² / n), or call "
                + "Statistics.variance(x) / sampleVariance(x) / covariance(x, y).";
        return finding(facts, subtraction.span()).message(message).handFix(byHand).fix(fix).asMatch();
    }

    private static Optional<Cancellation> cancellation(Expr.Binary subtraction, MethodFacts facts) {
        Monomial a = Moments.of(subtraction.left(), facts);
        Monomial b = Moments.of(subtraction.right(), facts);
        if (a == null || b == null || a.sums().size() != 1 || b.sums().size() != 2 || a.nPower() != b.nPower() + 1) {
            return Optional.empty();
        }
        String second = a.sums().get(0);
        String first1 = b.sums().get(0);
        String first2 = b.sums().get(1);
        if (!second.startsWith("S2(") || !first1.startsWith("S1(") || !first2.startsWith("S1(")) {
            return Optional.empty();
        }
        String k1 = inner(first1);
        String k2 = inner(first2);
        String[] pair = inner(second).split("\\*", 2);
        boolean matches = pair.length == 2 && (pair[0].equals(k1) && pair[1].equals(k2) || pair[0].equals(k2) && pair[1].equals(k1));
        if (!matches) {
            return Optional.empty();
        }
        return Optional.of(new Cancellation(!k1.equals(k2), k1.equals(k2) ? List.of(k1) : List.of(k1, k2), a.nPower(), a, b));
    }

    private static String inner(String factor) {
        return factor.substring(3, factor.length() - 1);
    }

    /** Replace the whole method, or the expression computing the (co)variance, by a Statistics call. */
    private static Optional<Fix> fix(ClassFacts context, MethodFacts facts, Expr.Binary subtraction, Cancellation c,
                                     NumericType type) {
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
        return Optional.of(Fix.review("Use Statistics." + call.get().substring(0, call.get().indexOf('(')),
                List.of(TextEdit.replace(root.span(), replacement)), List.of(STATISTICS)));
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
