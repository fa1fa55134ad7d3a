package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Adds a large constant {@code c} to floating-point arguments (scalars and array elements alike):
 * {@code x_h = fl(x + c)}. The benign counterpart is {@code x_h - c}, which floating point computes
 * exactly (Sterbenz), so the relation between the two inputs holds exactly.
 *
 * <p>The functions of these rules respond to such a shift linearly, number by number: softmax,
 * cross-entropy, log-softmax and variance not at all (slope 0), {@code log Σ exp(x)} by {@code c}
 * (slope 1), {@code log Σ exp(2x)} by {@code 2c}. The reference on the hostile input is the
 * original's result on the unshifted input plus slope times {@code c}.
 *
 * <p>Which arguments to shift, and the slope of every output number, are calibrated on the benign
 * input with small shifts {@code c0} and {@code 2·c0}, where the original is still accurate: all
 * floating-point arguments if the response to them together is linear, else the first single one
 * whose response is. That keeps a temperature, a weight vector ({@code log Σ w·exp(x)}) or a
 * target probability out of the shift.
 */
final class ShiftScenario implements HostileScenario {

    /** Tolerance of the calibration: the original at 2·c0 against the line through 0 and c0. */
    private static final Tolerance CALIBRATION = new Tolerance(1e-9, 1e-12, 1e-4, 1e-6);

    private final double calibrationShift;
    private final double[] doubleShifts;
    private final double[] floatShifts;

    /**
     * @param calibrationShift c0, small enough that the original is accurate at {@code 2·c0}
     * @param doubleShifts the hostile shifts for double arguments
     * @param floatShifts the hostile shifts for float arguments, one per double shift
     */
    ShiftScenario(double calibrationShift, double[] doubleShifts, double[] floatShifts) {
        if (doubleShifts.length != floatShifts.length) {
            throw new IllegalArgumentException("one float shift per double shift");
        }
        this.calibrationShift = calibrationShift;
        this.doubleShifts = doubleShifts.clone();
        this.floatShifts = floatShifts.clone();
    }

    @Override
    public String description() {
        return "floating-point arguments shifted by c (c = " + Arrays.toString(doubleShifts) + " for double, "
                + Arrays.toString(floatShifts) + " for float); reference: the original on the exactly unshifted input"
                + " plus the slope of its linear response times c (arguments and slopes calibrated with c = "
                + calibrationShift + " and " + 2 * calibrationShift + ")";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        Outcome unshifted = original.apply(benign);
        if (unshifted.thrown() != null || !unshifted.finite()) {
            throw new Unobservable("the original gives no finite result on the benign input to calibrate with");
        }
        for (boolean[] candidate : candidates(types)) {
            Outcome slope = linearSlope(candidate, benign, unshifted, original);
            if (slope == null) {
                continue;
            }
            List<HostileCase> cases = new ArrayList<>();
            for (int s = 0; s < doubleShifts.length; s++) {
                double doubleShift = doubleShifts[s];
                float floatShift = (float) floatShifts[s];
                double shift = anyDouble(types, candidate) ? doubleShift : floatShift;
                Object[] hostile = shiftedBy(benign, candidate, doubleShift, floatShift);
                Object[] base = shiftedBy(hostile, candidate, -doubleShift, -floatShift);
                Outcome reference = original.apply(base);
                if (reference.thrown() != null) {
                    continue;
                }
                Outcome expected = FloatingParameters.combineOutcomes(reference, slope, (v, k) -> v + k * shift);
                double noise = inputRoundingNoise(candidate, base, reference, doubleShift, floatShift, original);
                Tolerance tolerance = new Tolerance(HOSTILE.relativeDouble(),
                        Math.max(HOSTILE.absoluteDouble(), 8 * noise), HOSTILE.relativeFloat(),
                        Math.max(HOSTILE.absoluteFloat(), 8 * noise));
                cases.add(new HostileCase("arguments " + indices(candidate) + " shifted by " + shift, hostile, expected,
                        tolerance));
            }
            return cases;
        }
        throw new Unobservable("the original's response to shifting its floating-point arguments (all, or any one)"
                + " by " + calibrationShift + " is not linear even on the benign input");
    }

    /** All floating-point parameters together first, then each alone (a mixed-type shift only together). */
    private static List<boolean[]> candidates(Class<?>[] types) {
        List<boolean[]> candidates = new ArrayList<>();
        boolean[] all = new boolean[types.length];
        int count = 0;
        for (int p = 0; p < types.length; p++) {
            all[p] = FloatingParameters.isFloating(types[p]);
            count += all[p] ? 1 : 0;
        }
        if (count > 0) {
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

    /**
     * The slope of every output number under a shift of the chosen arguments, if the original's
     * response at {@code c0} and {@code 2·c0} lies on one line through the unshifted result; else
     * {@code null}.
     */
    private Outcome linearSlope(boolean[] chosen, Object[] benign, Outcome unshifted,
            Function<Object[], Outcome> original) {
        double c0 = calibrationShift;
        Outcome once = original.apply(shiftedBy(benign, chosen, c0, (float) c0));
        Outcome twice = original.apply(shiftedBy(benign, chosen, 2 * c0, (float) (2 * c0)));
        if (once.thrown() != null || twice.thrown() != null || !once.finite() || !twice.finite()) {
            return null;
        }
        try {
            // a slope within 1e-6 of an integer is that integer (0 for softmax and variance, 1 for
            // log-sum-exp): an estimate's rounding error, multiplied by a hostile c of 1e9, would swamp the result
            Outcome slope = FloatingParameters.combineOutcomes(once, unshifted, (a, b) -> {
                double k = (a - b) / c0;
                return Math.abs(k - Math.rint(k)) <= 1e-6 ? Math.rint(k) : k;
            });
            Outcome predicted = FloatingParameters.combineOutcomes(unshifted, slope, (v, k) -> v + 2 * c0 * k);
            return twice.differenceFrom(predicted, CALIBRATION) == null ? slope : null;
        } catch (IllegalArgumentException shapesDiffer) {
            return null;
        }
    }

    /**
     * The accuracy any implementation can have once its inputs are as large as the shift: how much
     * the result moves when every shifted input moves by one unit in the last place of the shift
     * (alternating signs), and at least that unit relative to the spread of the inputs, times the
     * size of the result (a mean of inputs near 1e9 is only known to ulp(1e9), which z-scores divide
     * by the spread). For softmax at 1000 that is about 1e-13; for z-scores at 1e9 about 1e-7.
     */
    private static double inputRoundingNoise(boolean[] chosen, Object[] base, Outcome reference, double doubleShift,
            float floatShift, Function<Object[], Outcome> original) {
        // alternating signs: a perturbation of one sign throughout would itself be a shift, to which
        // these functions are blind
        int[] count = {0};
        double doubleUlp = Math.ulp(doubleShift);
        float floatUlp = Math.ulp(floatShift);
        Object[] perturbed = new Object[base.length];
        for (int p = 0; p < base.length; p++) {
            perturbed[p] = chosen[p]
                    ? FloatingParameters.mapDoubles(base[p], x -> x + ((count[0]++ & 1) == 0 ? doubleUlp : -doubleUlp),
                            x -> x + ((count[0]++ & 1) == 0 ? floatUlp : -floatUlp))
                    : NumericValues.deepCopy(base[p]);
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < base.length; p++) {
            if (chosen[p]) {
                double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                FloatingParameters.mapDoubles(base[p], x -> {
                    range[0] = Math.min(range[0], x);
                    range[1] = Math.max(range[1], x);
                    return x;
                }, x -> {
                    range[0] = Math.min(range[0], x);
                    range[1] = Math.max(range[1], x);
                    return x;
                });
                low = Math.min(low, range[0]);
                high = Math.max(high, range[1]);
            }
        }
        double unit = anyDoubleIn(base, chosen) ? doubleUlp : floatUlp;
        double size = NumericValues.maxAbs(reference.returned());
        for (Object changed : reference.changedArguments()) {
            size = Math.max(size, NumericValues.maxAbs(changed));
        }
        double relativeToSpread = high > low && Double.isFinite(size) ? unit / (high - low) * size : 0.0;
        Outcome moved = original.apply(perturbed);
        if (moved.thrown() != null) {
            return relativeToSpread;
        }
        try {
            Outcome difference = FloatingParameters.combineOutcomes(moved, reference, (a, b) -> Math.abs(a - b));
            double noise = NumericValues.maxAbs(difference.returned());
            for (Object changed : difference.changedArguments()) {
                noise = Math.max(noise, NumericValues.maxAbs(changed));
            }
            return Double.isNaN(noise) ? relativeToSpread : Math.max(noise, relativeToSpread);
        } catch (IllegalArgumentException shapesDiffer) {
            return relativeToSpread;
        }
    }

    private static Object[] shiftedBy(Object[] args, boolean[] shifted, double doubleShift, float floatShift) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = shifted[p] ? FloatingParameters.mapDoubles(args[p], x -> x + doubleShift, x -> x + floatShift)
                    : NumericValues.deepCopy(args[p]);
        }
        return out;
    }

    private static boolean anyDoubleIn(Object[] args, boolean[] chosen) {
        for (int p = 0; p < args.length; p++) {
            if (chosen[p] && (args[p] instanceof Double || args[p] instanceof double[] || args[p] instanceof double[][])) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyDouble(Class<?>[] types, boolean[] chosen) {
        for (int p = 0; p < types.length; p++) {
            if (chosen[p] && FloatingParameters.isDouble(types[p])) {
                return true;
            }
        }
        return false;
    }

    private static String indices(boolean[] flags) {
        List<Integer> chosen = new ArrayList<>();
        for (int p = 0; p < flags.length; p++) {
            if (flags[p]) {
                chosen.add(p);
            }
        }
        return chosen.toString();
    }
}
