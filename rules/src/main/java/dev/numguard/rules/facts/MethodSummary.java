package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.VarId;
import java.util.List;
import java.util.Optional;

/**
 * What a method computes from its inputs, in the terms the rules ask about at its call sites:
 * "returns Σ exp(param 0)", "normalises param 0 in place", "returns the field {@code sum}".
 * Computed once per method by {@link ProjectFacts#summary(MethodFacts)}; a method the analysis
 * cannot describe has no effects (rules then know nothing, as before summaries).
 *
 * @param method the summarised method
 * @param effects what it returns or writes, each over one input
 */
public record MethodSummary(MethodModel method, List<Effect> effects) {
    public MethodSummary {
        effects = List.copyOf(effects);
    }

    /** A summary that knows nothing (a method without a body, or being summarised: recursion). */
    public static MethodSummary nothing(MethodModel method) {
        return new MethodSummary(method, List.of());
    }

    /** What the method returns, when it is known. */
    public Optional<Effect> returned() {
        return effects.stream().filter(e -> e.place() == Place.RETURNED).findFirst();
    }

    /** True when the method returns {@code shape} of something. */
    public boolean returns(Shape shape) {
        return returned().filter(e -> e.shape() == shape).isPresent();
    }

    /** What the method writes into the elements of its array parameter {@code index}. */
    public Optional<Effect> inPlace(int index) {
        return effects.stream().filter(e -> e.place() == Place.IN_PLACE && e.parameter() == index).findFirst();
    }

    /** The shapes a method's result or writes can have, each over the elements of one input. */
    public enum Shape {
        /** The input itself ({@code return sum;} of a field, {@code return x;} of a parameter). */
        VALUE,
        /** Σ x. */
        SUM,
        /** Σ x². */
        SUM_OF_SQUARES,
        /** Σ x / n. */
        MEAN,
        /** Π x. */
        PRODUCT,
        /** max x. */
        MAX,
        /** min x. */
        MIN,
        /** exp(x) of each element, unshifted: overflows for x above 709.78 (88.72 in float). */
        EXP,
        /** exp(x − max x) of each element: every value in (0, 1]. */
        SHIFTED_EXP,
        /** Σ exp(x), unshifted. */
        SUM_EXP,
        /** Σ exp(x − max x): at least 1, never overflows. */
        SHIFTED_SUM_EXP,
        /** log Σ exp(x), unshifted. */
        LOG_SUM_EXP,
        /** max x + log Σ exp(x − max x). */
        STABLE_LOG_SUM_EXP,
        /** x / Σ x of each element. */
        NORMALISED,
        /** exp(x) / Σ exp(x) of each element, unshifted. */
        SOFTMAX,
        /** exp(x − max x) / Σ exp(x − max x) of each element. */
        STABLE_SOFTMAX,
        /** 1 / (1 + exp(−x)) or exp(x) / (1 + exp(x)) of a scalar. */
        SIGMOID,
        /** log x in some base: {@code log(x)}, or {@code log(x) / c} with c not depending on x ({@code logBase2}). */
        LOG,
        /**
         * exp(x) of a scalar at least for x near 0: {@code Math.exp(x)}, or a sanitising helper that
         * clamps the argument or the result far from there ({@code Math.min(1e19, Math.exp(x))}), so
         * {@code 1 - f(x)} cancels as {@code 1 - exp(x)} does; whether it overflows is not claimed.
         */
        EXP_NEAR_ZERO,
        /**
         * log(x) of a scalar at least for x near 1, where {@code log(1 - p)} loses the digits of p:
         * a sanitising helper that clamps the argument or the result far from there
         * ({@code Math.max(-19, Math.log(Math.max(0, x)))}); whether it returns -Infinity is not claimed.
         */
        LOG_NEAR_ONE
    }

    /** Where an effect's value goes. */
    public enum Place {
        /** The method's return value. */
        RETURNED,
        /** The elements of the array parameter {@link Effect#parameter()}, overwritten. */
        IN_PLACE
    }

    /**
     * One thing a method computes.
     *
     * @param shape what is computed
     * @param place where it goes
     * @param parameter the index of the parameter it is computed over (the array whose elements,
     *     or the scalar), or -1 when it is computed over a field
     * @param field the field it is computed over when {@code parameter} is -1 ({@code return total;}
     *     is VALUE over the field {@code total}); else null
     */
    public record Effect(Shape shape, Place place, int parameter, VarId field) {
        /** The argument of {@code call} this effect is computed over, when it is over a parameter. */
        public Optional<Expr> argument(Expr.Call call) {
            return parameter >= 0 && parameter < call.args().size()
                    ? Optional.of(call.args().get(parameter)) : Optional.empty();
        }
    }
}
