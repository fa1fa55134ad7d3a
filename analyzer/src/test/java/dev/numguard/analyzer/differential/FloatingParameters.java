package dev.numguard.analyzer.differential;

import java.util.function.DoubleUnaryOperator;

/**
 * Exact, type-preserving transformations of the floating-point parts of arguments and outcomes:
 * double values are transformed in double arithmetic and float values in float arithmetic, so that
 * a transformation and its inverse round the way the fixture's own arithmetic would.
 */
final class FloatingParameters {

    /** A float-to-float function, evaluated in float arithmetic. */
    @FunctionalInterface
    interface FloatUnaryOperator {
        float applyAsFloat(float x);
    }

    private FloatingParameters() {
    }

    static boolean isDouble(Class<?> type) {
        return type == double.class || type == double[].class || type == double[][].class;
    }

    static boolean isFloat(Class<?> type) {
        return type == float.class || type == float[].class || type == float[][].class;
    }

    static boolean isFloating(Class<?> type) {
        return isDouble(type) || isFloat(type);
    }

    static boolean isScalar(Class<?> type) {
        return type == double.class || type == float.class;
    }

    /** Applies {@code onDouble} to every double and {@code onFloat} to every float in {@code value}. */
    static Object mapDoubles(Object value, DoubleUnaryOperator onDouble, FloatUnaryOperator onFloat) {
        if (value instanceof Double d) {
            return onDouble.applyAsDouble(d);
        }
        if (value instanceof Float f) {
            return onFloat.applyAsFloat(f);
        }
        if (value instanceof double[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = onDouble.applyAsDouble(a[i]);
            }
            return out;
        }
        if (value instanceof float[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = onFloat.applyAsFloat(a[i]);
            }
            return out;
        }
        if (value instanceof double[][] rows) {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = (double[]) mapDoubles(rows[r], onDouble, onFloat);
            }
            return out;
        }
        if (value instanceof float[][] rows) {
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = (float[]) mapDoubles(rows[r], onDouble, onFloat);
            }
            return out;
        }
        return NumericValues.deepCopy(value);
    }

    /** Combines two outcomes of the same shape number by number (see {@link NumericValues#combine}). */
    static Outcome combineOutcomes(Outcome first, Outcome second, java.util.function.DoubleBinaryOperator f) {
        Object[] changed = new Object[first.changedArguments().length];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = NumericValues.combine(first.changedArguments()[i], second.changedArguments()[i], f);
        }
        return new Outcome(NumericValues.combine(first.returned(), second.returned(), f), first.thrown(), changed);
    }

    /** Applies {@code f} to every number of an outcome's result and changed arguments. */
    static Outcome mapOutcome(Outcome outcome, DoubleUnaryOperator f) {
        Object[] changed = new Object[outcome.changedArguments().length];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = NumericValues.map(outcome.changedArguments()[i], f);
        }
        return new Outcome(NumericValues.map(outcome.returned(), f), outcome.thrown(), changed);
    }
}
