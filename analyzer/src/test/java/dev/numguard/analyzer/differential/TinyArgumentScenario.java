package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * For {@code log(1 + x)} and {@code exp(x) - 1}: near {@code x = 0} these lose every digit when
 * written naively, because {@code 1 + x} rounds to 1. One floating-point parameter at a time (a
 * scalar, or a whole array) is scaled by {@code t} while the others keep their benign values; along
 * that direction {@code g(t)} is smooth, so at a tiny {@code h} its Taylor polynomial
 * {@code g(0) + h·g'(0) + h²/2·g''(0)} is exact to double precision (the remainder is of order
 * {@code h³}). The reference takes {@code g(0)} from the original at 0 and the derivatives from the
 * original's central differences, at steps where the original is still accurate. The second-order
 * term matters only where the slope vanishes, such as {@code log(1 + x²)}.
 *
 * <p>Where scaling a parameter gives no finite reference (a division by it) the case is dropped;
 * where {@code g(0)} is not 0 the increment is far below the resolution of the result, the
 * original is not shown to fail and the method ends up unobserved rather than passed.
 */
final class TinyArgumentScenario implements HostileScenario {

    /** The hostile scale for double parameters: 1 + 1e-20 is 1 in double. */
    static final double DOUBLE_H = 1e-20;
    /** The hostile scale for float parameters: 1 + 1e-12 is 1 in float, and 1e-24 is still normal. */
    static final double FLOAT_H = 1e-12;
    /** First-difference step: truncation error about delta², rounding error about eps/delta. */
    static final double DOUBLE_DELTA = 1e-5;
    static final double FLOAT_DELTA = 1e-2;
    /** Second-difference step (double only): truncation about delta², rounding about eps/delta². */
    static final double DOUBLE_DELTA2 = 1e-4;

    /**
     * Purely relative: the results are of order h, and the truncation and rounding errors of the
     * central differences are about 1e-8 (double) and 1e-4 (float) relative.
     */
    private static final Tolerance TAYLOR = new Tolerance(1e-6, 0.0, 1e-3, 0.0);

    @Override
    public Tolerance tolerance() {
        return TAYLOR;
    }

    @Override
    public String description() {
        return "one floating-point argument at a time scaled by 1e-20 (double) or 1e-12 (float); reference: the"
                + " Taylor polynomial of the original at 0 (central differences at ±1e-5 and ±1e-4 in double, ±1e-2"
                + " in float)";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        List<HostileCase> cases = new ArrayList<>();
        for (int p = 0; p < types.length; p++) {
            if (!FloatingParameters.isFloating(types[p])) {
                continue;
            }
            boolean isFloat = FloatingParameters.isFloat(types[p]);
            double h = isFloat ? FLOAT_H : DOUBLE_H;
            double delta = isFloat ? FLOAT_DELTA : DOUBLE_DELTA;
            double[] steps = {0, delta, -delta, 2 * delta, DOUBLE_DELTA2, -DOUBLE_DELTA2};
            Outcome[] samples = new Outcome[steps.length];
            boolean threw = false;
            for (int k = 0; k < steps.length; k++) {
                samples[k] = original.apply(scaled(benign, p, steps[k]));
                threw |= samples[k].thrown() != null;
            }
            if (threw) {
                continue;
            }
            Taylor taylor = new Taylor(h, delta, isFloat);
            Object returned = taylor.of(Arrays.stream(samples).map(Outcome::returned).toArray());
            Object[] changed = new Object[benign.length];
            for (int q = 0; q < benign.length; q++) {
                int parameter = q;
                changed[q] = taylor.of(Arrays.stream(samples).map(o -> o.changedArguments()[parameter]).toArray());
            }
            cases.add(new HostileCase("argument " + p + " scaled by " + h, scaled(benign, p, h),
                    new Outcome(returned, null, changed), tolerance()));
        }
        if (cases.isEmpty()) {
            throw new Unobservable("no floating-point parameter that can be scaled towards 0");
        }
        return cases;
    }

    private static Object[] scaled(Object[] benign, int parameter, double t) {
        Object[] out = new Object[benign.length];
        for (int p = 0; p < benign.length; p++) {
            out[p] = p != parameter ? NumericValues.deepCopy(benign[p])
                    : FloatingParameters.mapDoubles(benign[p], x -> x * t, x -> (float) (x * t));
        }
        return out;
    }

    /**
     * The Taylor polynomial at {@code h} from samples of {@code g} at {@code 0, delta, -delta,
     * 2·delta, delta2, -delta2} (in that order).
     *
     * <p>If {@code g} has a kink at 0 (a branch on the sign of the argument, as in ELU), the central
     * difference straddles it; the forward difference {@code (-3g(0) + 4g(delta) - g(2delta)) /
     * (2delta)}, also accurate to order delta², stays on the side the hostile {@code h > 0} lies on.
     * Where the two disagree the forward slope is used, to first order.
     */
    private record Taylor(double h, double delta, boolean isFloat) {

        double value(double g0, double plus, double minus, double plus2x, double plusD2, double minusD2) {
            double central = (plus - minus) / (2 * delta);
            double forward = (-3 * g0 + 4 * plus - plus2x) / (2 * delta);
            double agreement = isFloat ? 1e-3 : 1e-6;
            // both differences carry rounding noise of about eps·(size of the intermediates, at least 1)/delta,
            // times the number of rounded terms (a sum over an array of up to a dozen)
            double eps = isFloat ? Math.ulp(1f) : Math.ulp(1.0);
            double magnitude = Math.max(1, Math.max(Math.max(Math.abs(g0), Math.abs(plus)), Math.max(Math.abs(minus),
                    Math.abs(plus2x))));
            double noise = 64 * eps * magnitude / delta;
            boolean smooth = Math.abs(central - forward)
                    <= agreement * Math.max(Math.abs(central), Math.abs(forward)) + noise;
            double first = h * (smooth ? central : forward);
            double second = h * h / 2 * (plusD2 - 2 * g0 + minusD2) / (DOUBLE_DELTA2 * DOUBLE_DELTA2);
            if (smooth && !isFloat) {
                return g0 + first + second;
            }
            // float differences cannot resolve a curvature, nor can one-sided ones here: the slope must dominate
            if (Math.abs(second) > 1e-3 * Math.abs(first)) {
                throw new Unobservable(isFloat ? "its slope vanishes at 0, and float differences cannot give the curvature"
                        : "it has a kink at 0 and no slope there");
            }
            return g0 + first;
        }

        /** Applies {@link #value} element by element to samples of one shape. */
        Object of(Object[] samples) {
            long present = Arrays.stream(samples).filter(java.util.Objects::nonNull).count();
            if (present == 0) {
                return null;
            }
            if (present < samples.length) {
                throw new Unobservable("changes its arguments only for some inputs");
            }
            Object g0 = samples[0];
            if (g0 instanceof Double || g0 instanceof Float) {
                double[] v = new double[samples.length];
                for (int k = 0; k < samples.length; k++) {
                    v[k] = ((Number) samples[k]).doubleValue();
                }
                double result = value(v[0], v[1], v[2], v[3], v[4], v[5]);
                return g0 instanceof Float ? (Object) (float) result : (Object) result;
            }
            if (g0 instanceof double[] a) {
                double[] out = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    int index = i;
                    out[i] = (Double) of(Arrays.stream(samples).map(x -> ((double[]) x)[index]).toArray());
                }
                return out;
            }
            if (g0 instanceof float[] a) {
                float[] out = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    int index = i;
                    out[i] = (Float) of(Arrays.stream(samples).map(x -> ((float[]) x)[index]).toArray());
                }
                return out;
            }
            if (g0 instanceof Object[] rows) {
                Object[] out = (Object[]) NumericValues.deepCopy(rows);
                for (int r = 0; r < rows.length; r++) {
                    int row = r;
                    out[r] = of(Arrays.stream(samples).map(x -> ((Object[]) x)[row]).toArray());
                }
                return out;
            }
            throw new Unobservable("returns a " + g0.getClass().getSimpleName() + ", which has no derivative");
        }
    }
}
