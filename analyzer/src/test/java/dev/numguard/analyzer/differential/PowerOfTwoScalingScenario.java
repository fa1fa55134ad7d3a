package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * For norms: {@code ||s·x|| = |s|·||x||}, and a normalised vector does not change at all. Every
 * floating-point argument is scaled by a power of two {@code s}, which is exact while the values
 * stay normal numbers; the result scales by {@code s^d}, exactly. The degree {@code d} of every
 * output number (1 for a norm, 0 for a normalised vector, 2 for a squared norm) is calibrated on the
 * benign input with {@code s = 2^4} and {@code 2^8}, where the original is accurate.
 *
 * <p>Hostile scales: {@code 2^600} and {@code 2^-600} in double (values near 1e180 and 1e-180,
 * whose squares overflow and underflow), {@code 2^70} and {@code 2^-70} in float (1e21, 1e-21).
 */
final class PowerOfTwoScalingScenario implements HostileScenario {
    private static final int[] DOUBLE_EXPONENTS = {600, -600};
    private static final int[] FLOAT_EXPONENTS = {70, -70};
    private static final Tolerance CALIBRATION = new Tolerance(1e-12, 0, 1e-5, 0);

    @Override
    public String description() {
        return "floating-point arguments scaled by 2^±600 (double) or 2^±70 (float); reference: the original on the"
                + " benign input times 2^(k·d), d the degree of homogeneity calibrated with the scales 2^4 and 2^8";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        boolean isFloat = false;
        for (Class<?> type : types) {
            if (FloatingParameters.isDouble(type) && isFloat || FloatingParameters.isFloat(type) && hasDouble(types)) {
                throw new Unobservable("mixes float and double arguments");
            }
            isFloat |= FloatingParameters.isFloat(type);
        }
        Outcome unscaled = original.apply(benign);
        if (unscaled.thrown() != null || !unscaled.finite()) {
            throw new Unobservable("the original gives no finite result on the benign input to calibrate with");
        }
        Outcome degree = degree(benign, unscaled, original);
        int[] exponents = isFloat ? FLOAT_EXPONENTS : DOUBLE_EXPONENTS;
        return java.util.Arrays.stream(exponents).mapToObj(k -> new HostileCase("arguments scaled by 2^" + k,
                scaled(benign, k), FloatingParameters.combineOutcomes(unscaled, degree, (v, d) -> Math.scalb(v, (int) d * k)),
                tolerance())).toList();
    }

    private static boolean hasDouble(Class<?>[] types) {
        return java.util.Arrays.stream(types).anyMatch(FloatingParameters::isDouble);
    }

    private static Outcome degree(Object[] benign, Outcome unscaled, Function<Object[], Outcome> original) {
        Outcome once = original.apply(scaled(benign, 4));
        Outcome twice = original.apply(scaled(benign, 8));
        if (!once.finite() || !twice.finite()) {
            throw new Unobservable("the original is not finite on the calibration scales");
        }
        Outcome degree = FloatingParameters.combineOutcomes(once, unscaled,
                (a, b) -> b == 0 ? 0 : Math.rint(Math.log(Math.abs(a / b)) / Math.log(2) / 4));
        Outcome predicted = FloatingParameters.combineOutcomes(unscaled, degree, (v, d) -> Math.scalb(v, (int) d * 8));
        if (twice.differenceFrom(predicted, CALIBRATION) != null) {
            throw new Unobservable("the original is not homogeneous in its floating-point arguments");
        }
        return degree;
    }

    private static Object[] scaled(Object[] args, int exponent) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = FloatingParameters.mapDoubles(args[p], x -> Math.scalb(x, exponent), x -> Math.scalb(x, exponent));
        }
        return out;
    }
}
