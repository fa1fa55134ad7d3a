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
 * <ul>
 *   <li>{@linkplain #invariant invariant}: the result must not change (softmax, cross-entropy,
 *       variance, standard deviation, covariance);
 *   <li>{@linkplain #equivariant equivariant}: the result moves by {@code c} (log-sum-exp).
 * </ul>
 *
 * <p>Which arguments to shift is calibrated on the benign input with a small shift, where the
 * original is still accurate: all floating-point arguments if the relation holds for them together,
 * else the first single one for which it holds. That keeps a temperature, a weight vector
 * ({@code log Σ w·exp(x)}) or a target probability out of the shift.
 */
final class ShiftScenario implements HostileScenario {

    /** Tolerance of the calibration: the original at a small shift, against the relation. */
    private static final Tolerance CALIBRATION = new Tolerance(1e-9, 1e-12, 1e-4, 1e-6);

    private final boolean equivariant;
    private final double calibrationShift;
    private final double[] doubleShifts;
    private final double[] floatShifts;

    private ShiftScenario(boolean equivariant, double calibrationShift, double[] doubleShifts, double[] floatShifts) {
        if (doubleShifts.length != floatShifts.length) {
            throw new IllegalArgumentException("one float shift per double shift");
        }
        this.equivariant = equivariant;
        this.calibrationShift = calibrationShift;
        this.doubleShifts = doubleShifts;
        this.floatShifts = floatShifts;
    }

    /**
     * {@code f(x + c) = f(x)} for each pair of shifts {@code doubleShifts[i]}, {@code floatShifts[i]};
     * the arguments to shift are found with {@code calibrationShift}.
     */
    static ShiftScenario invariant(double calibrationShift, double[] doubleShifts, double[] floatShifts) {
        return new ShiftScenario(false, calibrationShift, doubleShifts, floatShifts);
    }

    /** {@code f(x + c) = f(x) + c}; the shifted arguments must then share one floating-point type. */
    static ShiftScenario equivariant(double calibrationShift, double[] doubleShifts, double[] floatShifts) {
        return new ShiftScenario(true, calibrationShift, doubleShifts, floatShifts);
    }

    @Override
    public String description() {
        return "floating-point arguments shifted by c (c = " + Arrays.toString(doubleShifts) + " for double, "
                + Arrays.toString(floatShifts) + " for float; which arguments, calibrated with c = " + calibrationShift
                + "); reference: the original on the exactly unshifted input" + (equivariant ? ", plus c" : "");
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        boolean[] shifted = calibrate(types, benign, original);
        boolean anyDouble = false;
        for (int p = 0; p < types.length; p++) {
            anyDouble |= shifted[p] && FloatingParameters.isDouble(types[p]);
        }
        List<HostileCase> cases = new ArrayList<>();
        for (int s = 0; s < doubleShifts.length; s++) {
            double shift = anyDouble ? doubleShifts[s] : floatShifts[s];
            Object[] hostile = shiftedBy(benign, shifted, doubleShifts[s], (float) floatShifts[s]);
            Object[] base = shiftedBy(hostile, shifted, -doubleShifts[s], (float) -floatShifts[s]);
            Outcome reference = original.apply(base);
            Outcome expected = equivariant ? FloatingParameters.mapOutcome(reference, v -> v + shift) : reference;
            cases.add(new HostileCase("arguments " + indices(shifted) + " shifted by " + shift, hostile, expected));
        }
        return cases;
    }

    /** Which arguments to shift: all floating-point ones, or the first single one, that obey the relation. */
    private boolean[] calibrate(Class<?>[] types, Object[] benign, Function<Object[], Outcome> original) {
        List<boolean[]> candidates = new ArrayList<>();
        boolean[] all = new boolean[types.length];
        for (int p = 0; p < types.length; p++) {
            all[p] = FloatingParameters.isFloating(types[p]);
        }
        candidates.add(all);
        for (int p = 0; p < types.length; p++) {
            if (all[p]) {
                boolean[] one = new boolean[types.length];
                one[p] = true;
                candidates.add(one);
            }
        }
        Outcome unshifted = original.apply(benign);
        if (unshifted.thrown() != null || !unshifted.finite()) {
            throw new Unobservable("the original gives no finite result on the benign input to calibrate with");
        }
        for (boolean[] candidate : candidates) {
            if (!any(candidate) || (equivariant && mixesTypes(types, candidate))) {
                continue;
            }
            double c = calibrationShift;
            Outcome moved = original.apply(shiftedBy(benign, candidate, c, (float) c));
            Outcome expected = equivariant ? FloatingParameters.mapOutcome(unshifted, v -> v + c) : unshifted;
            if (moved.differenceFrom(expected, CALIBRATION) == null) {
                return candidate;
            }
        }
        throw new Unobservable("no floating-point argument (or all of them) obeys the " + (equivariant ? "equivariance"
                : "invariance") + " under a shift by " + calibrationShift + " even on the benign input");
    }

    private static Object[] shiftedBy(Object[] args, boolean[] shifted, double doubleShift, float floatShift) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = shifted[p] ? FloatingParameters.mapDoubles(args[p], x -> x + doubleShift, x -> x + floatShift)
                    : NumericValues.deepCopy(args[p]);
        }
        return out;
    }

    private static boolean mixesTypes(Class<?>[] types, boolean[] chosen) {
        boolean anyDouble = false;
        boolean anyFloat = false;
        for (int p = 0; p < types.length; p++) {
            anyDouble |= chosen[p] && FloatingParameters.isDouble(types[p]);
            anyFloat |= chosen[p] && FloatingParameters.isFloat(types[p]);
        }
        return anyDouble && anyFloat;
    }

    private static boolean any(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
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
