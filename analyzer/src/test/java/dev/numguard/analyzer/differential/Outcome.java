package dev.numguard.analyzer.differential;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one call of a fixture method did: the value it returned or the exception it threw, and the
 * final contents of each array argument it changed (an argument it left alone is {@code null}
 * here, so that outputs written into an {@code out} array are compared while untouched inputs are
 * not).
 *
 * @param returned the returned value (boxed), {@code null} for {@code void} or when it threw
 * @param thrown the class of the exception thrown, or {@code null}
 * @param changedArguments per parameter, the array's contents after the call if the call changed it
 */
record Outcome(Object returned, Class<? extends Throwable> thrown, Object[] changedArguments) {

    /** Calls {@code method} on deep copies of {@code args} and records what happened. */
    static Outcome of(Method method, Object[] args) {
        Object[] copies = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            copies[i] = NumericValues.deepCopy(args[i]);
        }
        Object returned = null;
        Class<? extends Throwable> thrown = null;
        try {
            returned = method.invoke(null, copies);
        } catch (InvocationTargetException e) {
            thrown = e.getCause().getClass();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
        Object[] changed = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            if (copies[i] != null && copies[i].getClass().isArray() && !Objects.deepEquals(args[i], copies[i])) {
                changed[i] = copies[i];
            }
        }
        return new Outcome(returned, thrown, changed);
    }

    /** Whether every floating-point number in the result and the changed arguments is finite. */
    boolean finite() {
        return thrown == null && NumericValues.allFinite(returned) && NumericValues.allFinite(changedArguments);
    }

    /**
     * Compares with another outcome; exceptions agree when their classes are equal.
     *
     * @return {@code null} if they agree, else what differs
     */
    String differenceFrom(Outcome expected, Tolerance tolerance) {
        if (!Objects.equals(expected.thrown, thrown)) {
            return "expected " + (expected.thrown == null ? "a result" : expected.thrown.getSimpleName())
                    + " but got " + (thrown == null ? "a result" : thrown.getSimpleName());
        }
        String result = NumericValues.difference(expected.returned, returned, tolerance);
        if (result != null) {
            return "result " + result;
        }
        for (int i = 0; i < changedArguments.length; i++) {
            String argument = NumericValues.difference(expected.changedArguments[i], changedArguments[i], tolerance);
            if (argument != null) {
                return "argument " + i + " after the call: " + argument;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        String main = thrown != null ? "threw " + thrown.getSimpleName() : "returned " + NumericValues.describe(returned);
        boolean anyChanged = Arrays.stream(changedArguments).anyMatch(Objects::nonNull);
        return anyChanged ? main + ", changed " + NumericValues.describe(changedArguments) : main;
    }
}
