package dev.numguard.rules.idioms.products;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the factors of a product are. A product underflows only when its factors are small and
 * many: probability-like factors (results of probability and density functions, ratios to a total,
 * exp of a negated value, values named like probabilities) multiplied over data. Short products of
 * order-one values (the argument shift of log-gamma, two model parameters) cannot underflow.
 */
public final class Factors {
    /** Names that say "probability": prob, likelihood, density, pdf, posterior, emission, … and p, p1, pA. */
    private static final Pattern PROBABILITY_NAME = Pattern.compile(
            "(?i:.*(prob|likel|densit|pdf|pmf|posterior|prior|emission|emit|transit|chance).*)|p|p[A-Z0-9_]\\w*|ps|pr|q");
    private static final Pattern TOTAL_NAME = Pattern.compile("(?i:.*(sum|total|count|cnt|norm|size|length|num).*)|n|N|z|Z");
    private static final Pattern DETERMINANT = Pattern.compile("(?i)det|determinant|getDeterminant");
    /** Names of a number of data items: n, N, count, size, numWords, sampleSize, nObs, length. */
    private static final Pattern COUNT_NAME = Pattern.compile(
            "n|N|(?i:.*(count|cnt|size|len|total|num|samples|obs|items|records|rows|words|tokens|sites|steps).*)|n[A-Z_]\\w*");
    /** Calls that give the length of an array, a string, a collection or a matrix dimension. */
    private static final Pattern DATA_LENGTH_CALL = Pattern.compile(
            "size|length|count|getSize|getLength|getCount|numRows|numCols|rows|columns|getRowDimension|getColumnDimension");
    private static final int MAX_DEPTH = 6;
    /** Up to this many factors of 0.1 stay far above double's smallest normal 2.2e-308 (10^-50). */
    private static final int SHORT_PRODUCT = 50;
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL, BinaryOp.EQUAL, BinaryOp.NOT_EQUAL);

    private Factors() {
    }

    /** True when {@code name} (a variable, array or method name) reads as a probability. */
    public static boolean probabilityName(String name) {
        return PROBABILITY_NAME.matcher(name).matches();
    }

    /** The factor is in [0, 1] by construction or by name: a probability, a density, a ratio to a total. */
    public static boolean probabilityLike(Expr factor, MethodFacts facts) {
        return probabilityLike(factor, facts, 0);
    }

    private static boolean probabilityLike(Expr factor, MethodFacts facts, int depth) {
        if (factor == null || depth > MAX_DEPTH) {
            return false;
        }
        Expr x = Nodes.stripCasts(factor);
        if (named(x)) {
            return true;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            for (Stmt.Loop loop : facts.enclosingLoops(v.span())) {
                if (loop.kind() == LoopKind.FOR_EACH && loop.element().name().equals(v.name())) {
                    return named(Nodes.stripCasts(loop.iterable()));
                }
            }
            Expr resolved = Nodes.stripCasts(facts.resolve(x));
            return resolved != x && probabilityLike(resolved, facts, depth + 1);
        }
        if (MathCalls.expArgument(x).map(a -> Nodes.stripCasts(a) instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE)
                .orElse(false)) {
            return true;
        }
        if (x instanceof Expr.Call call && facts.context().summary(call).map(s -> s.returns(MethodSummary.Shape.NORMALISED)
                || s.returns(MethodSummary.Shape.SOFTMAX) || s.returns(MethodSummary.Shape.STABLE_SOFTMAX)
                || s.returns(MethodSummary.Shape.SIGMOID)).orElse(false)) {
            return true;
        }
        if (x instanceof Expr.Conditional c) {
            return probabilityLike(c.whenTrue(), facts, depth + 1) || probabilityLike(c.whenFalse(), facts, depth + 1);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
            return total(b.right(), facts);                 // a ratio to a total: count / total, x / Σ x
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.ADD)) {
            // a mixture λ·p + (1 − λ)·q, or a probability times a weight
            return probabilityLike(b.left(), facts, depth + 1) || probabilityLike(b.right(), facts, depth + 1);
        }
        return false;
    }

    /** A sum or a count: a SUM-shaped value or a name that says so ({@code total}, {@code sumExp}, {@code n}). */
    private static boolean total(Expr denominator, MethodFacts facts) {
        for (Expr x : Nodes.expressions(denominator)) {
            String name = x instanceof Expr.VarRead v ? v.name() : x instanceof Expr.Call c ? c.name() : null;
            if (name != null && TOTAL_NAME.matcher(name).matches()
                    || facts.shapeOf(x).filter(s -> s.shape() == MethodSummary.Shape.SUM).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(Expr x) {
        if (x instanceof Expr.VarRead v) {
            return probabilityName(v.name());
        }
        if (x instanceof Expr.ArrayElement a) {
            return named(Nodes.stripCasts(a.array()));
        }
        return x instanceof Expr.Call c && (probabilityName(c.name()) || c.name().matches("get|getQuick|getEntry")
                && c.target() != null && named(Nodes.stripCasts(c.target())));
    }

    /**
     * The factor is itself a product over data: a determinant, a power whose exponent is not a
     * constant ({@code pow(λ, n − 1)}), a running or stream product, or a call whose summary
     * returns a product.
     */
    public static boolean dataSizedProduct(Expr factor, MethodFacts facts) {
        Expr x = Nodes.stripCasts(factor);
        if (facts.reductionRead(x).filter(r -> r.kind() == ReductionKind.PRODUCT).isPresent()) {
            return true;
        }
        x = Nodes.stripCasts(facts.resolve(x));
        if (MathCalls.call(x, "pow", 2).filter(p -> !constant(p.args().get(1))).isPresent()) {
            return true;
        }
        return x instanceof Expr.Call c && (DETERMINANT.matcher(c.name()).matches()
                || facts.context().summary(c).map(s -> s.returns(MethodSummary.Shape.PRODUCT)).orElse(false));
    }

    /**
     * The factor reads the data the loops run over: an array or collection element, the element of
     * an enhanced for, a per-item call ({@code density(x[i])}), directly or through locals set inside
     * the loops. A factor made of counters and parameters alone ({@code i}, {@code (x + i) / i},
     * {@code x / rn}) is a factorial, a Pochhammer symbol or a series term, not a product over data.
     */
    public static boolean readsData(Expr factor, List<Stmt.Loop> loops, MethodFacts facts) {
        return readsData(factor, loops, facts, 0);
    }

    private static boolean readsData(Expr factor, List<Stmt.Loop> loops, MethodFacts facts, int depth) {
        if (factor == null || depth > 3) {
            return false;
        }
        for (Expr x : Nodes.expressions(factor)) {
            if (x instanceof Expr.ArrayElement
                    || x instanceof Expr.Call c && !c.args().isEmpty() && !MathCalls.isMathOwner(c.ownerType())) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && (loops.stream().anyMatch(l
                    -> l.kind() == LoopKind.FOR_EACH && l.element().name().equals(v.name()))
                    || facts.definitionsAt(v).stream().anyMatch(d -> d.site() != null && d.value() != null
                    && loops.stream().anyMatch(l -> l.span().contains(d.site().span()))
                    && readsData(d.value(), loops, facts, depth + 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A literal or a named constant such as {@code Math.PI} or {@code TWO_PI}; a one-letter field
     * ({@code N}, {@code J}) is a size set from the data, not a constant.
     */
    public static boolean constant(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal
                || x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().matches("[A-Z][A-Z0-9_]+");
    }

    /**
     * The loop runs over data rather than a fixed handful of steps: an enhanced for, or a loop
     * whose bound or start is not a constant ({@code i < x.length}, {@code i < n}, {@code nd != -1}).
     */
    public static boolean overData(Stmt.Loop loop) {
        if (loop.kind() == LoopKind.FOR_EACH) {
            return true;
        }
        if (loop.condition() != null && Nodes.stripCasts(loop.condition()) instanceof Expr.Binary cmp
                && COMPARISONS.contains(cmp.op())) {
            if (upperBound(cmp) instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() <= SHORT_PRODUCT) {
                return false;                               // for (k = l + 1; k <= 35; k++): a few dozen factors at most
            }
            if (!constant(cmp.left()) && !constant(cmp.right())) {
                return true;
            }
            return loop.init().stream().anyMatch(s -> s instanceof Stmt.LocalDecl d && d.init() != null && !constant(d.init())
                    || s instanceof Stmt.Assign a && !constant(a.value()));
        }
        return loop.condition() != null;
    }

    /**
     * The loop's number of steps is a data length rather than a small problem dimension: an
     * enhanced for, an iterator or other non-counting condition, or a bound that is the length or
     * size of an array or collection ({@code x.length}, {@code list.size()}), a variable named for a
     * count ({@code n}, {@code numWords}, {@code sampleSize}), or such a value through a local or the
     * variable of an enclosing data-sized loop ({@code for (i = 0; i < r; i++)} inside
     * {@code for (r = 0; r < n; r++)}). The number of objectives of a problem ({@code M}), a spline
     * degree or a recursion depth ({@code slice}) bound a product to a handful of factors.
     */
    public static boolean dataSizedExtent(Stmt.Loop loop, List<Stmt.Loop> enclosing, MethodFacts facts) {
        if (loop.kind() == LoopKind.FOR_EACH || loop.condition() == null) {
            return loop.kind() == LoopKind.FOR_EACH;
        }
        if (!(Nodes.stripCasts(loop.condition()) instanceof Expr.Binary cmp) || !COMPARISONS.contains(cmp.op())) {
            return true;                                    // while (it.hasNext()), while (node != null): data
        }
        String induction = loop.inductionVariable();
        List<Expr> ends = new ArrayList<>();                // the bound compared with, and the start
        ends.add(induction != null && Nodes.mentions(cmp.left(), induction) ? cmp.right() : cmp.left());
        for (Stmt s : loop.init()) {
            ends.add(s instanceof Stmt.LocalDecl d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null);
        }
        return ends.stream().anyMatch(end -> dataLength(end, enclosing, facts, 0));
    }

    private static boolean dataLength(Expr bound, List<Stmt.Loop> enclosing, MethodFacts facts, int depth) {
        if (bound == null || depth > 3) {
            return false;
        }
        for (Expr x : Nodes.expressions(bound)) {
            if (x instanceof Expr.VarRead v && v.name().equals("length") && v.qualifier() != null
                    || x instanceof Expr.Call c && c.args().isEmpty() && DATA_LENGTH_CALL.matcher(c.name()).matches()
                    || x instanceof Expr.VarRead v && COUNT_NAME.matcher(v.name()).matches()) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                for (Stmt.Loop outer : enclosing) {
                    if (v.name().equals(outer.inductionVariable()) && dataSizedExtent(outer, List.of(), facts)) {
                        return true;
                    }
                }
                if (facts.definitionsAt(v).stream().anyMatch(d -> d.value() != null
                        && dataLength(d.value(), enclosing, facts, depth + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Expr upperBound(Expr.Binary cmp) {
        return Nodes.stripCasts(cmp.op() == BinaryOp.LESS || cmp.op() == BinaryOp.LESS_EQUAL ? cmp.right()
                : cmp.op() == BinaryOp.GREATER || cmp.op() == BinaryOp.GREATER_EQUAL ? cmp.left() : null);
    }

    /** The factors of {@code a * b / c …} into {@code factors} and the divisors into {@code divisors}. */
    public static void flatten(Expr e, List<Expr> factors, List<Expr> divisors) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            flatten(b.left(), factors, divisors);
            flatten(b.right(), factors, divisors);
        } else if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
            flatten(b.left(), factors, divisors);
            flatten(b.right(), divisors, factors);
        } else {
            factors.add(x);
        }
    }
}
