package dev.numguard.analyzer.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a thread with a large stack, optionally within a time budget. Parsers and tree
 * visitors (JDT, Spoon, JavaParser) recurse once per nesting level, so an expression nested a few
 * thousand levels deep overflows the default stack of about 1 MB; machine-generated sources do
 * nest that deep. The stack is reserved address space, committed only as deep as the recursion
 * actually goes.
 *
 * <p>The budget exists because parts of Spoon's model building grow quadratically with some
 * inputs (thousands of types in one package, generics nested hundreds deep) and ignore
 * interruption; a file must never hang the run.
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
        Worker<T> worker = new Worker<>(name, work);
        worker.thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return worker.outcome();
    }

    /**
     * Like {@link #call}, but gives up after {@code budget}: the result is then empty and the
     * work is stopped (on Java 20 and later, where threads can no longer be stopped, it is left to
     * finish on its own daemon thread and its result is dropped).
     */
    public static <T> Optional<T> callWithin(String name, Duration budget, Supplier<T> work) {
        Worker<T> worker = new Worker<>(name, work);
        worker.thread.setDaemon(true);
        worker.thread.start();
        long deadline = System.nanoTime() + budget.toNanos();
        boolean interrupted = false;
        while (worker.thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                worker.thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (worker.thread.isAlive()) {
            stop(worker.thread);
            return Optional.empty();
        }
        return Optional.ofNullable(worker.outcome());
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        try {
            // Spoon and JDT never look at the interrupt flag, so stopping is the only way to end them
            thread.stop();
        } catch (UnsupportedOperationException javaTwentyOrLater) {
            thread.interrupt();
        }
    }

    private static final class Worker<T> {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Worker(String name, Supplier<T> work) {
            thread = new Thread(null, () -> {
                try {
                    result.set(work.get());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name, STACK_BYTES);
        }

        T outcome() {
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
}
