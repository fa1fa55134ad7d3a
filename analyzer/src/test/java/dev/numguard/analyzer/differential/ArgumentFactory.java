package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.Random;
import java.util.Set;

/**
 * Draws arguments for a fixture method. Floating-point values come from a {@link ValueRange};
 * every array argument of one call has the same length (2 to 12), and 2-D arrays have 2 to 5 rows,
 * so that methods which check matching lengths accept them; {@code int} and {@code long} values and
 * {@code int[]} entries are indices in {@code [0, length)}, which is what fixture ints are (a target
 * class, an offset).
 */
final class ArgumentFactory {

    private static final Set<Class<?>> SUPPORTED = Set.of(double.class, float.class, int.class, long.class,
            boolean.class, double[].class, float[].class, int[].class, double[][].class, float[][].class);

    private ArgumentFactory() {
    }

    /** Whether every parameter of {@code method} has a type this factory can draw. */
    static boolean supports(Method method) {
        for (Class<?> type : method.getParameterTypes()) {
            if (!SUPPORTED.contains(type)) {
                return false;
            }
        }
        return true;
    }

    /** Draws one argument list for {@code method}. */
    static Object[] draw(Method method, ValueRange range, Random random) {
        int length = 2 + random.nextInt(11);
        int rows = 2 + random.nextInt(4);
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int p = 0; p < types.length; p++) {
            args[p] = drawOne(types[p], length, rows, range, random);
        }
        return args;
    }

    private static Object drawOne(Class<?> type, int length, int rows, ValueRange range, Random random) {
        if (type == double.class) {
            return range.draw(random);
        }
        if (type == float.class) {
            return (float) range.draw(random);
        }
        if (type == int.class) {
            return random.nextInt(length);
        }
        if (type == long.class) {
            return (long) random.nextInt(length);
        }
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == double[].class) {
            double[] a = new double[length];
            for (int i = 0; i < length; i++) {
                a[i] = range.draw(random);
            }
            return a;
        }
        if (type == float[].class) {
            float[] a = new float[length];
            for (int i = 0; i < length; i++) {
                a[i] = (float) range.draw(random);
            }
            return a;
        }
        if (type == int[].class) {
            int[] a = new int[length];
            for (int i = 0; i < length; i++) {
                a[i] = random.nextInt(length);
            }
            return a;
        }
        if (type == double[][].class) {
            double[][] a = new double[rows][];
            for (int r = 0; r < rows; r++) {
                a[r] = (double[]) drawOne(double[].class, length, rows, range, random);
            }
            return a;
        }
        if (type == float[][].class) {
            float[][] a = new float[rows][];
            for (int r = 0; r < rows; r++) {
                a[r] = (float[]) drawOne(float[].class, length, rows, range, random);
            }
            return a;
        }
        throw new IllegalArgumentException("cannot draw a " + type.getTypeName());
    }
}
