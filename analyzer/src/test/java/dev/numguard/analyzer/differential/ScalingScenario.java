package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * For the log of a product of probabilities, {@code L(p) = log Π p_i}: the product underflows once
 * its factors are small enough, while its log is an ordinary number. Every factor is scaled by a
 * power of two {@code s} (exact, and the factors stay normal numbers); the log of a product of
 * {@code k} scaled factors moves by exactly {@code k·log s}.
 *
 * <p>Which arguments to scale, and {@code k} for every output number, are calibrated on the benign
 * input with the scales 2^-4 and 2^-8, where the original is still accurate: all floating-point
 * arguments if the response to them together is linear in {@code log s}, else the first single one
 * whose response is. {@code k} is the number of factors the method multiplies (3 for
 * {@code log(p·q·r)}, {@code n - start} for the product of a suffix), and twice that for
 * {@code 2·log(p·q)}; it is snapped to the nearest integer.
 */
final class ScalingScenario implements HostileScenario {

    /** 2^-700: 0.01·2^-700 is still a normal double, the product of two such is 0. */
    static final double DOUBLE_SCALE = Math.scalb(1.0, -700);
    /** 2^-100: 0.01·2^-100 is still a normal float, the product of two such is 0. */
    static final float FLOAT_SCALE = Math.scalb(1.0f, -100);
    private static final double CALIBRATION_SCALE = Math.scalb(1.0, -4);
    private static final Tolerance CALIBRATION = new Tolerance(1e-9, 1e-12, 1e-4, 1e-6);

    @Override
    public String description() {
        return "factors scaled by 2^-700 (double) or 2^-100 (float); reference: the original on the benign input"
                + " plus k·log of the scale, k calibrated with the scales 2^-4 and 2^-8";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        Outcome unscaled = original.apply(benign);
        if (unscaled.thrown() != null || !unscaled.finite()) {
            throw new Unobservable("the original gives no finite result on the benign input to calibrate with");
        }
        for (boolean[] candidate : candidates(types)) {
            Outcome slope = logSlope(candidate, benign, unscaled, original);
            if (slope == null) {
                continue;
            }
            boolean isFloat = false;
            for (int p = 0; p < types.length; p++) {
                isFloat |= candidate[p] && FloatingParameters.isFloat(types[p]);
            }
            double logScale = isFloat ? Math.log(FLOAT_SCALE) : Math.log(DOUBLE_SCALE);
            Object[] hostile = scaledBy(benign, candidate, DOUBLE_SCALE, FLOAT_SCALE);
            Outcome expected = FloatingParameters.combineOutcomes(unscaled, slope, (v, k) -> v + k * logScale);
            return List.of(new HostileCase("factors scaled by 2^" + (isFloat ? -100 : -700), hostile, expected,
                    tolerance()));
        }
        throw new Unobservable("the original's response to scaling its floating-point arguments (all, or any one)"
                + " is not linear in the log of the scale even on the benign input");
    }

    private static List<boolean[]> candidates(Class<?>[] types) {
        List<boolean[]> candidates = new ArrayList<>();
        boolean[] all = new boolean[types.length];
        int count = 0;
        boolean anyDouble = false;
        boolean anyFloat = false;
        for (int p = 0; p < types.length; p++) {
            all[p] = FloatingParameters.isFloating(types[p]);
            count += all[p] ? 1 : 0;
            anyDouble |= FloatingParameters.isDouble(types[p]);
            anyFloat |= FloatingParameters.isFloat(types[p]);
        }
        if (count > 0 && !(anyDouble && anyFloat)) {
            candidates.add(all);
        }
        if (count > 1) {
            for (int p = 0; p < types.length; p++) {
                if (all[p]) {
                    boolean[] one = new boolean[types.length];
                    one[p] = true;
                    candidates.add(one);
                }
            }
        }
        return candidates;
    }

    /** {@code k} per output number if the response at 2^-4 and 2^-8 is linear in log s; else null. */
    private static Outcome logSlope(boolean[] chosen, Object[] benign, Outcome unscaled,
            Function<Object[], Outcome> original) {
        double s = CALIBRATION_SCALE;
        double log = Math.log(s);
        Outcome once = original.apply(scaledBy(benign, chosen, s, (float) s));
        Outcome twice = original.apply(scaledBy(benign, chosen, s * s, (float) (s * s)));
        if (once.thrown() != null || twice.thrown() != null || !once.finite() || !twice.finite()) {
            return null;
        }
        try {
            Outcome slope = FloatingParameters.combineOutcomes(once, unscaled, (a, b) -> Math.rint((a - b) / log));
            Outcome predicted = FloatingParameters.combineOutcomes(unscaled, slope, (v, k) -> v + 2 * k * log);
            return twice.differenceFrom(predicted, CALIBRATION) == null ? slope : null;
        } catch (IllegalArgumentException shapesDiffer) {
            return null;
        }
    }

    private static Object[] scaledBy(Object[] args, boolean[] scaled, double doubleScale, float floatScale) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = scaled[p] ? FloatingParameters.mapDoubles(args[p], x -> x * doubleScale, x -> x * floatScale)
                    : NumericValues.deepCopy(args[p]);
        }
        return out;
    }
}
