package dev.numguard.analyzer.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a thread with a large stack. Parsers and tree visitors (JDT, Spoon, JavaParser)
 * recurse once per nesting level, so an expression nested a few thousand levels deep overflows
 * the default stack of about 1 MB; machine-generated sources do nest that deep. The stack is
 * reserved address space, committed only as deep as the recursion actually goes.
 */
public final class LargeStackRunner {
    /** 512 MiB: enough for expressions nested tens of thousands deep. */
    public static final long STACK_BYTES = 512L << 20;

    private LargeStackRunner() {
    }

    /**
     * Returns {@code work.get()} computed on a fresh thread with a {@link #STACK_BYTES} stack;
     * what it throws is rethrown here (errors and runtime exceptions as they are).
     */
    public static <T> T call(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name, STACK_BYTES);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        return result.get();
    }
}
