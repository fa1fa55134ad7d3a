package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sum of squares of unscaled floating-point values whose squares can overflow or underflow:
 * {@code a*a + b*b (+ …)} or {@code pow(a, 2) + …} written out (directly or through a local), or
 * an accumulator {@code s += x[i] * x[i]} read after its loop. Squares of float values widened to
 * double ({@code (double) f * f}, or {@code double v = f[i]; v * v}) cannot overflow and are not sums
 * of this kind, nor are squares of values computed in int or long ({@code dx = x2 − x1} of int
 * coordinates); nor are squares of values divided by something (pre-scaled, as careful code does); nor values whose origin
 * keeps their squares in range ({@link SquaredRange}).
 *
 * A single square shifted by a positive constant ({@code sqrt(x*x + 1)}, as in {@code asinh}) is one
 * too: its square overflows above 1.34e154 (1.84e19 in float) where the root is only about |x|; it
 * cannot underflow to 0, the constant keeps it away.
 *
 * @param components the values squared, for a written-out sum; empty for an accumulator
 * @param reduction the accumulator, or {@code null}
 * @param base the value squared in the accumulator's term (for an accumulator), or the call whose
 *     result is a sum of squares by its name ({@code m.sumSq()})
 * @param type the type the squares are computed in
 * @param shift the positive constant added to a single written-out square, or {@code null}
 */
public record SumOfSquares(List<Expr> components, Reduction reduction, Expr base, NumericType type, Expr shift) {

    /**
     * Methods whose result is a sum of squares by their name ({@code m.sumSq()}, {@code v.getLengthSquared()},
     * {@code squaredNorm(x)}): squared before any root is taken, so it overflows and underflows where
     * a written-out sum would.
     */
    private static final Pattern SQUARED_NORM_METHODS = Pattern.compile(
            "(?i)(get)?(sumsq|sumsquares?|sumofsquares|lengthsquared|lengthsq|normsquared|normsq|squarednorm|"
                    + "squaredlength|norm2squared|squaredeuclideannorm|dotself)");

    /** The sum of squares {@code e} is, in {@code facts}' method. */
    public static Optional<SumOfSquares> of(Expr e, MethodFacts facts) {
        // a sum of squares of uniform draws (StatUtils.sumSq(p) of p = uniform(3)) is at most the count
        if (Nodes.stripCasts(facts.resolve(e)) instanceof Expr.Call call && squaredNormMethod(call)
                && !DrawnVectors.only(call, facts)) {
            return Optional.of(new SumOfSquares(List.of(), null, call, squareType(call), null));
        }
        Optional<Reduction> accumulated = facts.reductionRead(e);
        if (accumulated.isPresent()) {
            Reduction r = accumulated.get();
            Optional<Expr> base = r.kind() == ReductionKind.SUM && !r.subtracted() ? square(r.term()) : Optional.empty();
            return base.filter(b -> overflows(r.term(), b, facts))
                    .map(b -> new SumOfSquares(List.of(), r, b, squareType(r.term()), null));
        }
        List<Expr> terms = new ArrayList<>();
        addends(Nodes.stripCasts(facts.resolve(e)), terms);
        if (terms.size() < 2) {
            return Optional.empty();
        }
        List<Expr> components = new ArrayList<>();
        NumericType type = NumericType.DOUBLE;
        Expr shift = null;
        for (Expr term : terms) {
            if (shift == null && terms.size() == 2 && Constants.value(term, facts).orElse(0) > 0) {
                shift = term;
                continue;
            }
            Optional<Expr> base = square(term);
            if (base.isEmpty() || !overflows(term, base.get(), facts)) {
                return Optional.empty();
            }
            components.add(base.get());
            type = squareType(term) == NumericType.FLOAT ? NumericType.FLOAT : type;
        }
        return Optional.of(new SumOfSquares(components, null, null, type, shift));
    }

    /**
     * A call of another object or class named for a sum of squares, floating-point or of a type the
     * front end could not resolve (a library outside the analysed sources); not a Math function.
     */
    private static boolean squaredNormMethod(Expr.Call call) {
        NumericType type = call.type().numeric();
        return (type.isFloatingPoint() || type == NumericType.OTHER) && MathCalls.function(call).isEmpty()
                && SQUARED_NORM_METHODS.matcher(call.name()).matches();
    }

    /** Whether this sum of squares is the result of a method named for one (no components, no accumulator). */
    public boolean fromMethod() {
        return reduction == null && components.isEmpty();
    }

    private static void addends(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
            addends(Nodes.stripCasts(b.left()), out);
            addends(Nodes.stripCasts(b.right()), out);
        } else {
            out.add(e);
        }
    }

    /** The {@code x} of {@code x * x} or {@code pow(x, 2)}. */
    public static Optional<Expr> square(Expr term) {
        Expr t = Nodes.stripCasts(term);
        if (t instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && Nodes.sameShape(b.left(), b.right())) {
            return Optional.of(b.left());
        }
        return MathCalls.call(t, "pow", 2).filter(p -> MathCalls.isLiteral(p.args().get(1), 2)).map(p -> p.args().get(0));
    }

    /** The numeric type, with {@code Double} and {@code Float} (a reducer lambda's parameters) unboxed. */
    private static NumericType boxedAsPrimitive(Expr e) {
        String name = e.type().name();
        return "java.lang.Double".equals(name) || "Double".equals(name) ? NumericType.DOUBLE
                : "java.lang.Float".equals(name) || "Float".equals(name) ? NumericType.FLOAT : e.type().numeric();
    }

    private static NumericType squareType(Expr term) {
        return Nodes.stripCasts(term).type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
    }

    /**
     * Whether the square of {@code base} (computed as {@code term}) can overflow: a floating-point
     * value squared in its own type, not divided by anything on the way.
     */
    private static boolean overflows(Expr term, Expr base, MethodFacts facts) {
        NumericType squared = Nodes.stripCasts(term).type().numeric();
        NumericType value = boxedAsPrimitive(Nodes.stripCasts(base));
        if (!value.isFloatingPoint() || squared == NumericType.DOUBLE && value != NumericType.DOUBLE) {
            return false;
        }
        Expr resolved = facts.resolve(base);
        Expr held = Nodes.stripCasts(resolved);
        // a literal is the start value a loop-carried local resolves to, not the values squared
        NumericType origin = held instanceof Expr.Literal ? squared : held.type().numeric();
        // an int difference (dx = x2 − x1 of pixel coordinates) or a float held in a double squares far inside the range
        if (origin == NumericType.INT || origin == NumericType.LONG
                || squared == NumericType.DOUBLE && origin == NumericType.FLOAT) {
            return false;
        }
        return Nodes.expressions(resolved).stream().noneMatch(x -> x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE)
                && !SquaredRange.safe(base, squared == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE, facts);
    }
}
