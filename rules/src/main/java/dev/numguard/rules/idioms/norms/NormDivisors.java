package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.guards.PathConditions;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Divisors that are a norm or a standard deviation, and so are 0 for a zero or constant input:
 * {@code sqrt} of a sum of squares or of a variance, {@code pow(m2, 1.5)}, a product of such
 * (cosine similarity), a same-class helper returning one, or a value named for one ({@code norm},
 * {@code std}, {@code sigmas[i]}; not a bare {@code sigma}, mostly a distribution's parameter); and
 * whether such a division is protected by an ε or a guard.
 */
public final class NormDivisors {
    private static final Pattern NORM_NAMES = Pattern.compile(
            "(?i)(.*norm[0-9]?|std|stds|stdev|stddev|.*stddev|sigmas|standarddeviation|magnitude)");
    private static final Pattern SQUARE_NAMES = Pattern.compile(
            "(?i)(var|variance|m2|_?ss|.*sumsq|.*sumsquares?|.*squared.*|.*lengthsquared|.*sumofsquares)");
    private static final Pattern NORM_CALLS = Pattern.compile("(?i).*norm(l?[0-9]|inf)?");
    private static final Pattern EPSILON_NAMES = Pattern.compile("(?i).*(eps|epsilon|tiny|smooth|ridge|jitter).*");
    private static final int MAX_DEPTH = 6;

    private NormDivisors() {
    }

    /** A norm-like divisor: the expression, the names it depends on, and the {@code sqrt} call to add ε to, if any. */
    public record NormDivisor(Expr divisor, Set<String> names, Expr.Call sqrt) {
    }

    /** {@code d} as a norm-like divisor, read in {@code facts}' method. */
    public static Optional<NormDivisor> of(Expr d, MethodFacts facts) {
        Set<String> names = new LinkedHashSet<>();
        if (!normLike(d, facts, names, 0)) {
            return Optional.empty();
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(d));
        Expr.Call sqrt = MathCalls.call(resolved, "sqrt", 1).orElse(null);
        return Optional.of(new NormDivisor(d, names, sqrt));
    }

    private static boolean normLike(Expr d, MethodFacts facts, Set<String> names, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expr e = Nodes.stripCasts(d);
        collectNames(e, names);
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.resolve(v) != v) {
            // a local with a known value is judged by that value, not by its name
            return normLike(facts.resolve(v), facts, names, depth + 1);
        }
        // by name only for values: a call of another class named getNorm() is mostly a geometric vector's length
        if ((e instanceof Expr.VarRead || e instanceof Expr.ArrayElement) && NORM_NAMES.matcher(nameOf(e)).matches()) {
            return true;
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.type().isFloatingScalar()) {
            return cachedNorm(v, facts, depth);
        }
        if (e instanceof Expr.Call call) {
            if (normOfPassedData(call)) {
                return true;
            }
            if (MathCalls.call(call, "sqrt", 1).isPresent()) {
                return squaresInside(call.args().get(0), facts, names, depth + 1);
            }
            if (MathCalls.call(call, "pow", 2).isPresent() && call.args().get(1) instanceof Expr.Literal exponent
                    && exponent.numericValue() > 0) {
                return squaresInside(call.args().get(0), facts, names, depth + 1);
            }
            Optional<MethodModel> helper = facts.context().helper(call);
            Optional<Expr> returned = helper.filter(h -> h != facts.method()).flatMap(ExpSums::singleReturnValue);
            return returned.isPresent()
                    && normLike(returned.get(), facts.context().facts(helper.get()), new LinkedHashSet<>(), depth + 1);
        }
        return e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY
                && (normLike(b.left(), facts, names, depth + 1) || normLike(b.right(), facts, names, depth + 1));
    }

    /**
     * A statistic cached lazily in a field of its object ({@code if (isNaN(myStd)) myStd = sqrt(getVariance());
     * return myStd;}): every value the tree assigns to the field is a norm or a standard deviation,
     * or the NaN that marks it as not computed yet (at least one of these).
     */
    private static boolean cachedNorm(Expr.VarRead field, MethodFacts facts, int depth) {
        if (field.qualifier() != null && !(Nodes.stripCasts(field.qualifier()) instanceof Expr.Other o
                && o.kind().equals("this"))) {
            return false;
        }
        var writes = facts.context().project().callSites().writesOf(field.id());
        boolean marked = writes.stream().anyMatch(w -> notComputed(w.node()));
        return marked && writes.stream().anyMatch(w -> !notComputed(w.node()))
                && writes.stream().allMatch(w -> notComputed(w.node())
                        || normLike(w.node(), w.where(), new LinkedHashSet<>(), depth + 1));
    }

    private static boolean notComputed(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal l && l.value() instanceof Number n && Double.isNaN(n.doubleValue())
                || x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().equals("NaN");
    }

    /**
     * A call named for a norm that is handed the data ({@code BLAS.norm(v, p)}, {@code l2Norm(x)}):
     * the norm of a vector or array argument, 0 for a zero one. A norm asked of an object with no
     * argument ({@code v.getNorm()}) is left to the name of the value it is stored in.
     */
    private static boolean normOfPassedData(Expr.Call call) {
        return call.type().numeric().isFloatingPoint() && NORM_CALLS.matcher(call.name()).matches()
                && call.args().stream().map(Nodes::stripCasts)
                        .anyMatch(a -> a.type().arrayDimensions() > 0 || a.type().numeric() == NumericType.OTHER);
    }

    /** A sum of squares, a variance (named, or a sum of squares over a count) or a product or difference holding squares. */
    private static boolean squaresInside(Expr x, MethodFacts facts, Set<String> names, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expr e = Nodes.stripCasts(x);
        collectNames(e, names);
        if (isEpsilonSum(e) || shiftedByConstant(e, facts) || epsilonAddedBefore(e, facts)) {
            return false;
        }
        Optional<Reduction> sum = facts.reductionRead(e);
        if (sum.isPresent()) {
            return sum.get().kind() == ReductionKind.SUM && SumOfSquares.square(sum.get().term()).isPresent();
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.resolve(v) != v) {
            return squaresInside(facts.resolve(v), facts, names, depth + 1);
        }
        if ((e instanceof Expr.VarRead || e instanceof Expr.Call) && SQUARE_NAMES.matcher(accessed(nameOf(e))).matches()) {
            return true;
        }
        if (SumOfSquares.square(e).isPresent()) {
            return true;
        }
        return e instanceof Expr.Binary b && switch (b.op()) {
            case DIVIDE -> squaresInside(b.left(), facts, names, depth + 1);
            // c - x*x (sqrt(1 - r*r)) is a sine or a complement, not a variance: its minuend is no sum of squares
            case SUBTRACT -> Constants.value(b.left(), facts).isEmpty() && (squaresInside(b.left(), facts, names, depth + 1)
                    || squaresInside(b.right(), facts, names, depth + 1));
            case MULTIPLY, ADD -> squaresInside(b.left(), facts, names, depth + 1)
                    || squaresInside(b.right(), facts, names, depth + 1);
            default -> false;
        };
    }

    /** A divisor computed in int or long: a count (a residue count named {@code norm}), never a norm. */
    public static boolean isCount(Expr divisor) {
        NumericType t = Nodes.stripCasts(divisor).type().numeric();
        return t == NumericType.INT || t == NumericType.LONG;
    }

    /** {@code v + eps}: a positive literal or a value named like an ε added. */
    public static boolean isEpsilonSum(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Binary b && b.op() == BinaryOp.ADD
                && (isEpsilon(b.left()) || isEpsilon(b.right()));
    }

    /**
     * {@code c + x} with a positive constant {@code c}: at least {@code c}, never 0. A named constant
     * whose value is not written as a literal ({@code ONE = BigMath.ONE.doubleValue()}) counts as
     * positive: a negative constant added to squares under a square root would be a bug of its own.
     */
    private static boolean shiftedByConstant(Expr e, MethodFacts facts) {
        return Nodes.stripCasts(e) instanceof Expr.Binary b && b.op() == BinaryOp.ADD
                && (positiveConstant(b.left(), facts) || positiveConstant(b.right(), facts));
    }

    private static boolean positiveConstant(Expr e, MethodFacts facts) {
        return Constants.value(e, facts).orElse(Constants.isConstantField(e, facts) ? 1 : 0) > 0;
    }

    /** {@code ss += eps;} (or {@code ss = ss + eps;}) is the definition of the local that reaches the root. */
    private static boolean epsilonAddedBefore(Expr e, MethodFacts facts) {
        if (!(e instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL) {
            return false;
        }
        List<Definition> reaching = facts.definitionsAt(v);
        return !reaching.isEmpty() && reaching.stream().allMatch(d -> d.value() != null
                && (d.op() == AssignOp.ADD && (isEpsilon(d.value()) || positiveConstant(d.value(), facts))
                || d.isPlain() && (isEpsilonSum(d.value()) || shiftedByConstant(Nodes.stripCasts(d.value()), facts))));
    }

    private static boolean isEpsilon(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal l && l.numericValue() > 0
                || x instanceof Expr.VarRead v && EPSILON_NAMES.matcher(v.name()).matches();
    }

    /** The quantity a getter is named for: {@code getVariance} reads the variance. */
    private static String accessed(String name) {
        return name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))
                ? name.substring(3) : name;
    }

    private static String nameOf(Expr e) {
        if (e instanceof Expr.VarRead v) {
            return v.name();
        }
        if (e instanceof Expr.ArrayElement a) {
            return Nodes.stripCasts(a.array()) instanceof Expr.VarRead v ? v.name() : "";
        }
        return e instanceof Expr.Call c ? c.name() : "";
    }

    /**
     * The floating-point values {@code e} reads, scalars and arrays read by element: what can be 0
     * (a count cannot, nor can an array whose length is checked).
     */
    private static void collectNames(Expr e, Set<String> names) {
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.VarRead v && v.type().isFloatingScalar()) {
                names.add(v.name());
            } else if (x instanceof Expr.ArrayElement a && Nodes.stripCasts(a.array()) instanceof Expr.VarRead array) {
                names.add(array.name());
            }
        }
    }

    /**
     * Whether a division at {@code site} by a value depending on {@code names} is guarded: a branch
     * condition known there ({@link PathConditions}: an enclosing {@code if} or conditional, or an
     * earlier {@code if} that leaves) tests one of them.
     */
    public static boolean guarded(Expr site, Set<String> names, MethodFacts facts) {
        return PathConditions.at(site.span(), facts).stream().anyMatch(k -> names.stream().anyMatch(k::tests));
    }
}
