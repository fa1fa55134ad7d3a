package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * For the log of a product of probabilities, {@code L(p) = log Π p_i}: the product underflows when
 * there are many factors or tiny ones, while its log is an ordinary number. Two exact relations:
 *
 * <ul>
 *   <li>a method over arrays of factors: each floating-point array repeated {@code k} times gives
 *       {@code L(p^k) = k · L(p)};
 *   <li>a method over scalar factors: each scaled by a power of two {@code s} (exact) gives
 *       {@code L(s·p) = L(p) + m·log s} for {@code m} scaled factors.
 * </ul>
 * Methods with both, with 2-D arrays, or that write into their arguments are outside these
 * relations.
 */
final class RepetitionScenario implements HostileScenario {

    /** Enough repetitions that even factors near 1 underflow: 0.3^(2·400) is about 1e-418. */
    static final int REPETITIONS = 400;
    /** 2^-700: 0.01·2^-700 is still a normal double, the product of two such is 0. */
    static final double DOUBLE_SCALE = Math.scalb(1.0, -700);
    /** 2^-100: 0.01·2^-100 is still a normal float, the product of two such is 0. */
    static final float FLOAT_SCALE = Math.scalb(1.0f, -100);

    @Override
    public String description() {
        return "array factors repeated " + REPETITIONS + " times (reference: " + REPETITIONS + " times the original"
                + " on the benign input), or scalar factors scaled by 2^-700 (double) / 2^-100 (float) (reference:"
                + " the original plus m·log of the scale)";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        boolean arrays = false;
        boolean scalars = false;
        for (Class<?> type : types) {
            if (type == double[][].class || type == float[][].class) {
                throw new Unobservable("2-D factor arrays have no repetition relation here");
            }
            arrays |= type == double[].class || type == float[].class;
            scalars |= FloatingParameters.isScalar(type);
        }
        if (arrays == scalars) {
            throw new Unobservable(arrays ? "mixes scalar and array factors" : "no floating-point factor");
        }
        Outcome reference = original.apply(benign);
        if (Arrays.stream(reference.changedArguments()).anyMatch(a -> a != null)) {
            throw new Unobservable("writes into its arguments");
        }
        Object[] hostile = new Object[benign.length];
        if (arrays) {
            for (int p = 0; p < benign.length; p++) {
                hostile[p] = repeat(benign[p]);
            }
            Outcome expected = FloatingParameters.mapOutcome(reference, v -> v * REPETITIONS);
            return List.of(new HostileCase("array factors repeated " + REPETITIONS + " times", hostile, expected));
        }
        double logScales = 0.0;
        for (int p = 0; p < benign.length; p++) {
            if (types[p] == double.class) {
                hostile[p] = (Double) benign[p] * DOUBLE_SCALE;
                logScales += Math.log(DOUBLE_SCALE);
            } else if (types[p] == float.class) {
                hostile[p] = (Float) benign[p] * FLOAT_SCALE;
                logScales += Math.log(FLOAT_SCALE);
            } else {
                hostile[p] = benign[p];
            }
        }
        double shift = logScales;
        Outcome expected = FloatingParameters.mapOutcome(reference, v -> v + shift);
        return List.of(new HostileCase("scalar factors scaled towards 0", hostile, expected));
    }

    private static Object repeat(Object value) {
        if (value instanceof double[] a) {
            double[] out = new double[a.length * REPETITIONS];
            for (int r = 0; r < REPETITIONS; r++) {
                System.arraycopy(a, 0, out, r * a.length, a.length);
            }
            return out;
        }
        if (value instanceof float[] a) {
            float[] out = new float[a.length * REPETITIONS];
            for (int r = 0; r < REPETITIONS; r++) {
                System.arraycopy(a, 0, out, r * a.length, a.length);
            }
            return out;
        }
        return value;
    }
}
