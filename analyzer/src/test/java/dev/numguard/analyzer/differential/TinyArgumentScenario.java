package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * For {@code log(1 + x)} and {@code exp(x) - 1}: near {@code x = 0} these lose every digit when
 * written naively, because {@code 1 + x} rounds to 1. Along the direction {@code u} of a benign
 * input, {@code g(t) = f(t·u)} is smooth, so at a tiny {@code h} its first-order Taylor polynomial
 * {@code g(0) + h·g'(0)} is exact to double precision (the remainder is of order {@code h²}).
 * The reference takes {@code g(0)} from the original at 0 and {@code g'(0)} from the original's
 * central difference at {@code ±delta}, where the original is still accurate.
 *
 * <p>When {@code g(0)} is not 0 the increment {@code h·g'(0)} is far below the resolution of the
 * result and the relation cannot tell right from wrong; such methods end up unobserved (the
 * original "passes") rather than passed.
 */
final class TinyArgumentScenario implements HostileScenario {

    /** The hostile scale: 1 + 1e-20 is 1 in double and in float. */
    static final double H = 1e-20;
    /** Central-difference steps: truncation error about delta² and rounding error about eps/delta. */
    static final double DOUBLE_DELTA = 1e-5;
    static final double FLOAT_DELTA = 1e-2;

    /**
     * Purely relative: the results are of order 1e-20, and the truncation and rounding errors of the
     * central difference are about 1e-10 (double) and 1e-4 (float) relative.
     */
    private static final Tolerance TAYLOR = new Tolerance(1e-6, 0.0, 1e-3, 0.0);

    @Override
    public Tolerance tolerance() {
        return TAYLOR;
    }

    @Override
    public String description() {
        return "every floating-point argument scaled by 1e-20; reference: the first-order Taylor polynomial"
                + " of the original at 0 (value at 0, central difference at ±1e-5 in double, ±1e-2 in float)";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        boolean anyFloat = false;
        boolean anyFloating = false;
        for (Class<?> type : method.getParameterTypes()) {
            anyFloat |= FloatingParameters.isFloat(type);
            anyFloating |= FloatingParameters.isFloating(type);
        }
        if (!anyFloating) {
            throw new Unobservable("no floating-point parameter to scale");
        }
        double delta = anyFloat ? FLOAT_DELTA : DOUBLE_DELTA;
        Outcome atZero = original.apply(scaled(benign, 0.0));
        Outcome plus = original.apply(scaled(benign, delta));
        Outcome minus = original.apply(scaled(benign, -delta));
        if (atZero.thrown() != null || plus.thrown() != null || minus.thrown() != null) {
            throw new Unobservable("the original throws near 0");
        }
        Object returned = taylor(atZero.returned(), plus.returned(), minus.returned(), delta);
        Object[] changed = new Object[benign.length];
        for (int p = 0; p < benign.length; p++) {
            changed[p] = taylor(atZero.changedArguments()[p], plus.changedArguments()[p],
                    minus.changedArguments()[p], delta);
        }
        return List.of(new HostileCase("arguments scaled by " + H, scaled(benign, H), new Outcome(returned, null, changed)));
    }

    private static Object[] scaled(Object[] benign, double t) {
        Object[] out = new Object[benign.length];
        for (int p = 0; p < benign.length; p++) {
            out[p] = FloatingParameters.mapDoubles(benign[p], x -> x * t, x -> (float) (x * t));
        }
        return out;
    }

    /** {@code g0 + H·(gPlus - gMinus)/(2·delta)} element by element, in double. */
    private static Object taylor(Object g0, Object gPlus, Object gMinus, double delta) {
        if (g0 == null || gPlus == null || gMinus == null) {
            if (g0 == null && gPlus == null && gMinus == null) {
                return null;
            }
            throw new Unobservable("changes its arguments only for some inputs");
        }
        if (g0 instanceof Double a) {
            return a + H * ((Double) gPlus - (Double) gMinus) / (2 * delta);
        }
        if (g0 instanceof Float a) {
            return (float) (a + H * ((double) (Float) gPlus - (Float) gMinus) / (2 * delta));
        }
        if (g0 instanceof double[] a) {
            double[] p = (double[]) gPlus;
            double[] m = (double[]) gMinus;
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + H * (p[i] - m[i]) / (2 * delta);
            }
            return out;
        }
        if (g0 instanceof float[] a) {
            float[] p = (float[]) gPlus;
            float[] m = (float[]) gMinus;
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) (a[i] + H * ((double) p[i] - m[i]) / (2 * delta));
            }
            return out;
        }
        if (g0 instanceof Object[] rows) {
            Object[] out = (Object[]) NumericValues.deepCopy(rows);
            for (int r = 0; r < rows.length; r++) {
                out[r] = taylor(rows[r], ((Object[]) gPlus)[r], ((Object[]) gMinus)[r], delta);
            }
            return out;
        }
        throw new Unobservable("returns a " + g0.getClass().getSimpleName() + ", which has no derivative");
    }
}
