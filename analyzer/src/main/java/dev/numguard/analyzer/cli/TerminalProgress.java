package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * A progress bar on stderr that moves per file while the model is built
 * ({@code numguard 42% [====>   ] 240/563 compiling}), drawn by the progressbar library and
 * erased when the run ends. It is drawn only when stderr itself is a terminal: piped or
 * redirected, nothing is written.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    TerminalProgress(PrintWriter err) {
        bar = new ProgressBarBuilder().setTaskName("numguard").setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100).clearDisplayOnFinish().hideEta()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                }, 80))
                .build();
    }

    /** True when stderr is a terminal (asked of the OS through JLine, which also knows Windows consoles). */
    static boolean stderrIsTerminal() {
        try {
            return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    @Override
    public void progress(String phase, int done, int total) {
        bar.maxHint(total);
        bar.stepTo(done);
        bar.setExtraMessage(phase);
    }

    @Override
    public void close() {
        bar.close();
    }
}
