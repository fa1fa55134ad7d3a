package dev.numguard.analyzer.differential;

import java.util.function.DoubleUnaryOperator;

/**
 * The values fixture methods take and return — {@code double}, {@code float}, {@code int},
 * {@code long}, {@code boolean} and (nested) arrays of them — handled generically: deep copies,
 * finiteness, element-wise mapping and comparison within a {@link Tolerance}.
 */
final class NumericValues {

    private NumericValues() {
    }

    /** A deep copy of an argument or result (arrays are copied at every level). */
    static Object deepCopy(Object value) {
        if (value instanceof double[] a) {
            return a.clone();
        }
        if (value instanceof float[] a) {
            return a.clone();
        }
        if (value instanceof int[] a) {
            return a.clone();
        }
        if (value instanceof long[] a) {
            return a.clone();
        }
        if (value instanceof Object[] rows) {
            Object[] copy = (Object[]) java.lang.reflect.Array.newInstance(rows.getClass().getComponentType(), rows.length);
            for (int i = 0; i < rows.length; i++) {
                copy[i] = deepCopy(rows[i]);
            }
            return copy;
        }
        return value;
    }

    /** Whether every floating-point number in {@code value} is finite (non-numbers count as finite). */
    static boolean allFinite(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        if (value instanceof double[] a) {
            for (double x : a) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof float[] a) {
            for (float x : a) {
                if (!Float.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Object[] rows) {
            for (Object row : rows) {
                if (!allFinite(row)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Applies {@code f} to every floating-point number in {@code value} (rounding to float for float
     * values) and returns the result as a new value of the same shape; other values are returned as is.
     */
    static Object map(Object value, DoubleUnaryOperator f) {
        if (value instanceof Double d) {
            return f.applyAsDouble(d);
        }
        if (value instanceof Float x) {
            return (float) f.applyAsDouble(x);
        }
        if (value instanceof double[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = f.applyAsDouble(a[i]);
            }
            return out;
        }
        if (value instanceof float[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) f.applyAsDouble(a[i]);
            }
            return out;
        }
        if (value instanceof Object[] rows) {
            Object[] out = (Object[]) deepCopy(rows);
            for (int i = 0; i < rows.length; i++) {
                out[i] = map(rows[i], f);
            }
            return out;
        }
        return value;
    }

    /**
     * Combines two values of the same shape number by number, in double, rounding the result to
     * float where the first value holds floats; other values come from the first.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    static Object combine(Object first, Object second, java.util.function.DoubleBinaryOperator f) {
        if (first instanceof Double a && second instanceof Double b) {
            return f.applyAsDouble(a, b);
        }
        if (first instanceof Float a && second instanceof Float b) {
            return (float) f.applyAsDouble(a, b);
        }
        if (first instanceof double[] a && second instanceof double[] b && a.length == b.length) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = f.applyAsDouble(a[i], b[i]);
            }
            return out;
        }
        if (first instanceof float[] a && second instanceof float[] b && a.length == b.length) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) f.applyAsDouble(a[i], b[i]);
            }
            return out;
        }
        if (first instanceof Object[] a && second instanceof Object[] b && a.length == b.length) {
            Object[] out = (Object[]) deepCopy(a);
            for (int i = 0; i < a.length; i++) {
                out[i] = combine(a[i], b[i], f);
            }
            return out;
        }
        if (first == null && second == null) {
            return null;
        }
        if (first != null && !first.getClass().isArray() && !(first instanceof Double) && !(first instanceof Float)
                && first.equals(second)) {
            return first;
        }
        throw new IllegalArgumentException("cannot combine " + describe(first) + " and " + describe(second));
    }

    /**
     * Compares two values of the same shape.
     *
     * @return {@code null} if they agree, else a description of the first difference
     */
    static String difference(Object expected, Object actual, Tolerance tolerance) {
        return difference("", expected, actual, tolerance);
    }

    private static String difference(String where, Object expected, Object actual, Tolerance tolerance) {
        if (expected == null || actual == null) {
            return expected == actual ? null : where + "expected " + describe(expected) + " but was " + describe(actual);
        }
        if (expected instanceof Double e && actual instanceof Double a) {
            return tolerance.closeDouble(e, a) ? null : where + "expected " + e + " but was " + a;
        }
        if (expected instanceof Float e && actual instanceof Float a) {
            return tolerance.closeFloat(e, a) ? null : where + "expected " + e + "f but was " + a + "f";
        }
        if (expected instanceof double[] e && actual instanceof double[] a) {
            if (e.length != a.length) {
                return where + "expected length " + e.length + " but was " + a.length;
            }
            for (int i = 0; i < e.length; i++) {
                if (!tolerance.closeDouble(e[i], a[i])) {
                    return where + "[" + i + "]: expected " + e[i] + " but was " + a[i];
                }
            }
            return null;
        }
        if (expected instanceof float[] e && actual instanceof float[] a) {
            if (e.length != a.length) {
                return where + "expected length " + e.length + " but was " + a.length;
            }
            for (int i = 0; i < e.length; i++) {
                if (!tolerance.closeFloat(e[i], a[i])) {
                    return where + "[" + i + "]: expected " + e[i] + "f but was " + a[i] + "f";
                }
            }
            return null;
        }
        if (expected instanceof Object[] e && actual instanceof Object[] a) {
            if (e.length != a.length) {
                return where + "expected length " + e.length + " but was " + a.length;
            }
            for (int i = 0; i < e.length; i++) {
                String d = difference(where + "[" + i + "]", e[i], a[i], tolerance);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.getClass().isArray() && actual.getClass().isArray()) {
            return java.util.Objects.deepEquals(expected, actual) ? null
                    : where + "expected " + describe(expected) + " but was " + describe(actual);
        }
        return expected.equals(actual) ? null : where + "expected " + describe(expected) + " but was " + describe(actual);
    }

    /** The largest magnitude of any floating-point number in {@code value}; NaN if one is NaN. */
    static double maxAbs(Object value) {
        if (value instanceof Double d) {
            return Math.abs(d);
        }
        if (value instanceof Float f) {
            return Math.abs(f);
        }
        double max = 0.0;
        if (value instanceof double[] a) {
            for (double x : a) {
                max = Math.max(max, Math.abs(x));
            }
        } else if (value instanceof float[] a) {
            for (float x : a) {
                max = Math.max(max, Math.abs(x));
            }
        } else if (value instanceof Object[] rows) {
            for (Object row : rows) {
                max = Math.max(max, maxAbs(row));
            }
        }
        return max;
    }

    /** A short rendering of a value for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof double[] a) {
            return java.util.Arrays.toString(a);
        }
        if (value instanceof float[] a) {
            return java.util.Arrays.toString(a);
        }
        if (value instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        if (value instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (value instanceof Object[] a) {
            return java.util.Arrays.deepToString(a);
        }
        return String.valueOf(value);
    }
}
