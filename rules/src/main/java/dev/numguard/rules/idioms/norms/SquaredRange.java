package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import java.util.List;
import java.util.Set;

/**
 * Whether the value squared in a norm is kept, by where it comes from, out of the range where its
 * square overflows or underflows in the type it is squared in:
 * <ul>
 *   <li>a narrower value widened to double: a float (|f| ≤ 3.4e38, so f² ≤ 1.2e77, and the
 *       smallest nonzero float squared, 2e-90, is far above double's range floor), an int, a long,
 *       or a sum or difference of such values (pixel and atom coordinates), followed through locals
 *       and element writes to every definition that reaches the read, also sums accumulated from
 *       such values and their means ({@code mean += count; mean /= n});</li>
 *   <li>a value bounded by construction: a uniform or Gaussian draw, a sine, cosine or tanh, a
 *       logarithm (|log x| ≤ 745 for every double, and 0 exactly or above 1e-16 in magnitude), a
 *       constant (also a constant field whose value is computed), an entry of an orthonormal
 *       factor of a decomposition ({@link OrthonormalFactors}: eigenvectors, singular vectors);</li>
 *   <li>a value divided by a scale before it is squared ({@code x[k] /= scale; h += x[k] * x[k]}):
 *       the scaled norm the fix would write.</li>
 * </ul>
 */
public final class SquaredRange {
    private static final Set<String> BOUNDED_FUNCTIONS = Set.of("sin", "cos", "tanh", "log", "log10");
    private static final Set<String> DRAWS = Set.of("random", "nextDouble", "nextFloat", "nextGaussian");
    private static final Set<String> PRESERVING = Set.of("abs", "min", "max", "sqrt", "floor", "ceil", "rint");
    private static final int MAX_DEPTH = 6;

    private SquaredRange() {
    }

    /** Whether {@code base}, squared in {@code squaredIn}, cannot overflow or underflow by its origin. */
    public static boolean safe(Expr base, NumericType squaredIn, MethodFacts facts) {
        return within(base, squaredIn, facts, 0) || scaledBefore(base, facts);
    }

    private static boolean within(Expr e, NumericType squaredIn, MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > MAX_DEPTH) {
            return false;
        }
        // a constant field whose value is not a literal (ZERO = BigMath.ZERO.doubleValue()) is still one fixed value:
        // a square that overflowed would do so on every input, not on unusual data
        if (narrower(x.type().numeric(), squaredIn) || Constants.value(x, facts).isPresent()
                || Constants.isConstantField(x, facts) || OrthonormalFactors.entry(x, facts)) {
            return true;
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
            return within(b.left(), squaredIn, facts, depth + 1) && within(b.right(), squaredIn, facts, depth + 1);
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return within(u.operand(), squaredIn, facts, depth + 1);
        }
        if (x instanceof Expr.Conditional c) {
            return within(c.whenTrue(), squaredIn, facts, depth + 1) && within(c.whenFalse(), squaredIn, facts, depth + 1);
        }
        if (x instanceof Expr.Call call) {
            String function = MathCalls.function(call).orElse("");
            return BOUNDED_FUNCTIONS.contains(function) || DRAWS.contains(call.name()) && call.args().isEmpty()
                    || PRESERVING.contains(function) && !call.args().isEmpty()
                    && call.args().stream().allMatch(a -> within(a, squaredIn, facts, depth + 1));
        }
        if (x instanceof Expr.VarRead || x instanceof Expr.ArrayElement) {
            List<Definition> definitions = facts.definitionsAt(x);
            return !definitions.isEmpty() && definitions.stream().allMatch(d -> d.value() != null
                    && (d.isPlain() || accumulates(d)) && within(d.value(), squaredIn, facts, depth + 1)
                    || averages(d, squaredIn, facts, depth));
        }
        return false;
    }

    /**
     * {@code s += v} or {@code s -= v}: a sum of bounded values stays bounded by their bound times
     * the number of terms (a sum of a billion longs squares to about 1e56, far inside double).
     */
    private static boolean accumulates(Definition d) {
        return d.op() == AssignOp.ADD || d.op() == AssignOp.SUBTRACT;
    }

    /**
     * {@code s /= n} by an int or long count of a bounded {@code s}: a mean of bounded values is no
     * larger than they are.
     */
    private static boolean averages(Definition d, NumericType squaredIn, MethodFacts facts, int depth) {
        NumericType count = d.value() == null ? NumericType.OTHER : Nodes.stripCasts(d.value()).type().numeric();
        return d.op() == AssignOp.DIVIDE && !d.element() && (count == NumericType.INT || count == NumericType.LONG)
                && d.site() instanceof Stmt.Assign a && within(a.target(), squaredIn, facts, depth + 1);
    }

    /** int, long and float values squared in double; only int-sized values squared in float. */
    private static boolean narrower(NumericType value, NumericType squaredIn) {
        return squaredIn == NumericType.DOUBLE
                ? value == NumericType.FLOAT || value == NumericType.INT || value == NumericType.LONG
                : value == NumericType.INT;
    }

    /** A {@code /=} of the squared value reaches it: it was divided by a scale first. */
    private static boolean scaledBefore(Expr base, MethodFacts facts) {
        Expr x = Nodes.stripCasts(base);
        return (x instanceof Expr.VarRead || x instanceof Expr.ArrayElement)
                && facts.definitionsAt(x).stream().anyMatch(d -> d.op() == AssignOp.DIVIDE);
    }
}
