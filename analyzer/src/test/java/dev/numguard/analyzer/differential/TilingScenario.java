package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * For running sums over data: every one-dimensional array argument is repeated {@code k} times
 * ({@code k} a power of four, about 2^22 elements in all). In real arithmetic a sum, a dot product
 * or a sum of squares over the data grows by exactly the factor {@code k}, a norm by {@code √k}, and
 * a mean or a ratio of such sums (a least-squares slope) stays as it was: the result scales by
 * {@code k^d} with {@code d} in {0, ½, 1}. {@code d} is calibrated on the benign input repeated 4 and
 * 16 times, where the original is still accurate; the reference is the original on the benign input
 * times {@code k^d} (exact: a power of two). A float running sum over 2^22 values in [1, 2] passes
 * 2^22, where float's ulp is 0.5 and every term is rounded to a multiple of it, and 2^23.
 */
final class TilingScenario implements HostileScenario {
    private static final int TARGET_LENGTH = 1 << 22;
    private static final double[] DEGREES = {0, 0.5, 1};
    private static final Tolerance CALIBRATION = new Tolerance(1e-9, 1e-12, 1e-4, 1e-6);

    @Override
    public String description() {
        return "every array argument repeated k times (about 2^22 elements); reference: the original on the benign"
                + " input times k^d, d in {0, 1/2, 1} calibrated on 4 and 16 repetitions";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        int length = arrayLength(benign);
        if (length == 0) {
            throw new Unobservable("no one-dimensional floating-point array argument to repeat");
        }
        Outcome base = original.apply(benign);
        if (base.thrown() != null || !base.finite() || !(base.returned() instanceof Number)) {
            throw new Unobservable("the original gives no finite scalar on the benign input to calibrate with");
        }
        Outcome four = original.apply(tiled(benign, 4));
        Outcome sixteen = original.apply(tiled(benign, 16));
        for (double degree : DEGREES) {
            boolean fits = four.differenceFrom(scaled(base, 4, degree), CALIBRATION) == null
                    && sixteen.differenceFrom(scaled(base, 16, degree), CALIBRATION) == null;
            if (fits) {
                int k = Integer.highestOneBit(TARGET_LENGTH / length);
                k = Integer.numberOfTrailingZeros(k) % 2 == 0 ? k : k / 2;
                return List.of(new HostileCase("arrays repeated " + k + " times", tiled(benign, k),
                        scaled(base, k, degree), tolerance()));
            }
        }
        throw new Unobservable("the original's result does not scale like k^0, k^(1/2) or k^1 when its arrays are"
                + " repeated k times, even on the benign input");
    }

    private static Outcome scaled(Outcome base, int k, double degree) {
        double factor = Math.pow(k, degree);
        return FloatingParameters.mapOutcome(base, v -> v * factor);
    }

    private static int arrayLength(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof double[] a) {
                return a.length;
            }
            if (arg instanceof float[] a) {
                return a.length;
            }
        }
        return 0;
    }

    private static Object[] tiled(Object[] args, int k) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            if (args[p] instanceof double[] a) {
                double[] repeated = new double[a.length * k];
                for (int i = 0; i < repeated.length; i++) {
                    repeated[i] = a[i % a.length];
                }
                out[p] = repeated;
            } else if (args[p] instanceof float[] a) {
                float[] repeated = new float[a.length * k];
                for (int i = 0; i < repeated.length; i++) {
                    repeated[i] = a[i % a.length];
                }
                out[p] = repeated;
            } else {
                out[p] = NumericValues.deepCopy(args[p]);
            }
        }
        return out;
    }
}
