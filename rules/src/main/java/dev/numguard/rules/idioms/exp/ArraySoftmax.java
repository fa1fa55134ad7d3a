package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A softmax written with whole-array calls (ND4J {@code INDArray}, DJL {@code NDArray}):
 * {@code e.div(e.sum(..))} where {@code e} holds an unshifted {@code exp(x)}, possibly masked or
 * scaled ({@code x.exp().mul(mask)}), the sum possibly broadcast back to the shape of {@code e}.
 * The two {@code e}s are the same expression, read through locals.
 */
public final class ArraySoftmax {
    /** Calls that change an array's shape, not its values. */
    private static final Set<String> SHAPE_ONLY = Set.of("broadcast", "reshape", "expandDims", "squeeze");
    /** Array calls that can subtract a shift before the exp ({@code x.sub(max)}, {@code Transforms.exp(x.subi(m))}). */
    private static final Set<String> SHIFTING = Set.of("sub", "subi", "rsub", "rsubi", "minus", "subtract",
            "add", "addi", "subRowVector", "subColumnVector", "subiRowVector", "subiColumnVector");

    private ArraySoftmax() {
    }

    /**
     * For {@code division}, an array {@code e.div(Σ e)}, the unshifted exp calls of the numerator
     * and of the sum (one call when both read it through a local, two when each writes its own
     * {@code x.exp()}), the numerator's first; empty when it is no such softmax or one exp is shifted.
     */
    public static List<Expr.Call> unshiftedExps(Expr.Call division, MethodFacts facts) {
        if (!function(division).filter("array-div"::equals).isPresent() || division.target() == null
                || division.args().size() != 1) {
            return List.of();
        }
        Expr numerator = resolved(division.target(), facts);
        Expr denominator = resolved(division.args().get(0), facts);
        while (denominator instanceof Expr.Call c && SHAPE_ONLY.contains(c.name()) && c.target() != null) {
            denominator = resolved(c.target(), facts);
        }
        if (!(denominator instanceof Expr.Call sum) || !function(sum).filter("array-sum"::equals).isPresent()) {
            return List.of();
        }
        Expr summed = operand(sum);
        if (summed == null || !Nodes.sameShape(numerator, resolved(summed, facts))) {
            return List.of();
        }
        Optional<Expr.Call> top = arrayExp(numerator, facts, 0);
        Optional<Expr.Call> bottom = arrayExp(resolved(summed, facts), facts, 0);
        if (top.isEmpty() || isShifted(operand(top.get()), facts)
                || bottom.isPresent() && isShifted(operand(bottom.get()), facts)) {
            return List.of();
        }
        return bottom.isEmpty() || bottom.get().span().equals(top.get().span()) ? List.of(top.get())
                : List.of(top.get(), bottom.get());
    }

    /**
     * True when {@code division} normalises an array exp by its own sum, shifted or not
     * ({@code e.div(e.sum(..))}, {@code exp.divi(Nd4j.sum(exp, 1).broadcast(..))}): a softmax.
     */
    public static boolean normalisesExp(Expr.Call division, MethodFacts facts) {
        if (!function(division).filter("array-div"::equals).isPresent() || division.target() == null
                || division.args().size() != 1) {
            return false;
        }
        Expr numerator = resolved(division.target(), facts);
        Expr denominator = resolved(division.args().get(0), facts);
        while (denominator instanceof Expr.Call c && SHAPE_ONLY.contains(c.name()) && c.target() != null) {
            denominator = resolved(c.target(), facts);
        }
        if (!(denominator instanceof Expr.Call sum) || !sum.name().startsWith("sum")) {
            return false;
        }
        Expr summed = operand(sum);
        return summed != null && Nodes.sameShape(numerator, resolved(summed, facts))
                && arrayExp(numerator, facts, 0).isPresent();
    }

    /** The array exp call inside {@code e} (through the receivers and arguments of array calls). */
    private static Optional<Expr.Call> arrayExp(Expr e, MethodFacts facts, int depth) {
        if (!(e instanceof Expr.Call call) || depth > 4) {
            return Optional.empty();
        }
        if (function(call).filter("array-exp"::equals).isPresent()) {
            return Optional.of(call);
        }
        return call.target() == null ? Optional.empty() : arrayExp(resolved(call.target(), facts), facts, depth + 1);
    }

    private static boolean isShifted(Expr exponent, MethodFacts facts) {
        Expr x = exponent == null ? null : resolved(exponent, facts);
        return x == null || x instanceof Expr.Call c && SHIFTING.contains(c.name()) || x instanceof Expr.Binary;
    }

    /**
     * The array function {@code call} computes; a method the front end could not resolve counts by
     * its name when it is called on a known array result ({@code x.exp().div(..)} without the library).
     */
    private static Optional<String> function(Expr.Call call) {
        Optional<String> known = MathCalls.function(call);
        if (known.isPresent() || !call.ownerType().equals("?") || call.target() == null) {
            return known;
        }
        return isArrayResult(call.target(), 0) ? FunctionTable.standard().arrayFunctionNamed(call.name()) : Optional.empty();
    }

    /** {@code e} is the result of an array function, or of an unresolved method called on one ({@code x.exp().mul(m)}). */
    private static boolean isArrayResult(Expr e, int depth) {
        return depth < 6 && Nodes.stripCasts(e) instanceof Expr.Call c
                && (function(c).filter(f -> f.startsWith("array-")).isPresent()
                || c.ownerType().equals("?") && c.target() != null && isArrayResult(c.target(), depth + 1));
    }

    /** What an instance array call works on (its receiver), or a static one (its first argument). */
    private static Expr operand(Expr.Call call) {
        return call.target() != null ? call.target() : call.args().isEmpty() ? null : call.args().get(0);
    }

    private static Expr resolved(Expr e, MethodFacts facts) {
        return Nodes.stripCasts(facts.resolve(e));
    }
}
