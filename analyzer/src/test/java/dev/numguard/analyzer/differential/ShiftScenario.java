package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Adds a large constant to every floating-point argument (scalars and array elements alike):
 * {@code x_h = fl(x + c)}. The benign counterpart is {@code x_h - c}, which floating point computes
 * exactly (Sterbenz), so the relation between the two inputs holds exactly.
 *
 * <ul>
 *   <li>{@linkplain #invariant invariant}: the result must not change (softmax, cross-entropy,
 *       variance, standard deviation, covariance);
 *   <li>{@linkplain #equivariant equivariant}: the result moves by {@code c} (log-sum-exp).
 * </ul>
 */
final class ShiftScenario implements HostileScenario {

    private final boolean equivariant;
    private final double[] doubleShifts;
    private final double[] floatShifts;

    private ShiftScenario(boolean equivariant, double[] doubleShifts, double[] floatShifts) {
        if (doubleShifts.length != floatShifts.length) {
            throw new IllegalArgumentException("one float shift per double shift");
        }
        this.equivariant = equivariant;
        this.doubleShifts = doubleShifts;
        this.floatShifts = floatShifts;
    }

    /** {@code f(x + c) = f(x)} for each pair of shifts {@code doubleShifts[i]}, {@code floatShifts[i]}. */
    static ShiftScenario invariant(double[] doubleShifts, double[] floatShifts) {
        return new ShiftScenario(false, doubleShifts, floatShifts);
    }

    /** {@code f(x + c) = f(x) + c}; all floating-point parameters must then have one type. */
    static ShiftScenario equivariant(double[] doubleShifts, double[] floatShifts) {
        return new ShiftScenario(true, doubleShifts, floatShifts);
    }

    @Override
    public String description() {
        return "every floating-point argument shifted by c (c = " + java.util.Arrays.toString(doubleShifts)
                + " for double, " + java.util.Arrays.toString(floatShifts) + " for float); reference: the original on"
                + " the exactly unshifted input" + (equivariant ? ", plus c" : "");
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        boolean anyDouble = false;
        boolean anyFloat = false;
        for (Class<?> type : types) {
            anyDouble |= FloatingParameters.isDouble(type);
            anyFloat |= FloatingParameters.isFloat(type);
        }
        if (!anyDouble && !anyFloat) {
            throw new Unobservable("no floating-point parameter to shift");
        }
        if (equivariant && anyDouble && anyFloat) {
            throw new Unobservable("mixes double and float parameters, so no single shift carries to the result");
        }
        List<HostileCase> cases = new ArrayList<>();
        for (int s = 0; s < doubleShifts.length; s++) {
            double doubleShift = doubleShifts[s];
            float floatShift = (float) floatShifts[s];
            Object[] hostile = new Object[benign.length];
            Object[] base = new Object[benign.length];
            for (int p = 0; p < benign.length; p++) {
                hostile[p] = FloatingParameters.mapDoubles(benign[p], x -> x + doubleShift, x -> x + floatShift);
                base[p] = FloatingParameters.mapDoubles(hostile[p], x -> x - doubleShift, x -> x - floatShift);
            }
            Outcome reference = original.apply(base);
            double shift = anyDouble ? doubleShift : floatShift;
            Outcome expected = equivariant ? FloatingParameters.mapOutcome(reference, v -> v + shift) : reference;
            cases.add(new HostileCase("shift by " + shift, hostile, expected));
        }
        return cases;
    }
}
