package org.salientsi.cli.progress;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar with elapsed time and ETA for long commands, drawn on standard error when standard
 * error is a terminal, and silent otherwise: a script that pipes or redirects the output, a CI log
 * and {@code --quiet} see nothing extra. It wraps {@code me.tongfei:progressbar}; an off bar costs
 * nothing and every method is safe to call from several threads at once.
 *
 * <p>Use it in a command with a {@code --quiet} flag:
 *
 * <pre>{@code
 * @Option(names = "--quiet", description = "No progress bar on standard error (default: shown when it is a terminal).")
 * boolean quiet;
 *
 * try (Progress progress = Progress.start("validate", trials, quiet)) {
 *     for (int i = 0; i < trials; i++) {
 *         runTrial(i);                 // from any thread
 *         progress.step();
 *     }
 *     progress.message("rejections " + rejected);   // optional text after the bar
 * }
 * }</pre>
 *
 * <p>Close it (try-with-resources) before printing the command's result, so that the bar's last
 * line is finished first. The bar writes to the JVM's {@code System.err}, which is the terminal;
 * {@link #to(PrintStream, String, long)} draws on any stream (for tests).
 *
 * <p>Whether standard error is a terminal is asked of the C library ({@code isatty(2)}, through
 * jline's native helper that progressbar brings along); where that is unavailable, a terminal is
 * assumed when {@link System#console()} is non-null (standard input and output are both a terminal).
 * The system property {@code salientsi.progress} ({@code auto}, the default, {@code always} or
 * {@code never}) overrides the detection.
 */
public final class Progress implements AutoCloseable {

    /** The system property that overrides terminal detection: {@code auto}, {@code always} or {@code never}. */
    public static final String PROPERTY = "salientsi.progress";

    private static final int WIDTH = 100;

    private static final Progress OFF = new Progress(null);

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts a bar on standard error if it is a terminal and {@code quiet} is false; otherwise an off
     * bar.
     *
     * @param task the label before the bar, e.g. {@code "batch"}
     * @param total the number of steps, {@code >= 0}
     * @param quiet whether the user asked for silence ({@code --quiet})
     * @return the bar; close it when done
     */
    public static Progress start(String task, long total, boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return OFF;
        }
        return new Progress(build(task, total, new ConsoleProgressBarConsumer(System.err)));
    }

    /**
     * A bar that always draws, on the given stream, one line per update (no cursor movement).
     *
     * @param stream where to draw
     * @param task the label before the bar
     * @param total the number of steps, {@code >= 0}
     * @return the bar; close it when done
     */
    public static Progress to(PrintStream stream, String task, long total) {
        Objects.requireNonNull(stream, "stream");
        return new Progress(build(task, total, new ConsoleProgressBarConsumer(stream, WIDTH) {
            @Override
            public void accept(String line) {
                stream.println(line.strip());
            }
        }));
    }

    /** @return an off bar: every method does nothing */
    public static Progress off() {
        return OFF;
    }

    private static ProgressBar build(String task, long total, ConsoleProgressBarConsumer consumer) {
        if (total < 0) {
            throw new IllegalArgumentException("a progress bar needs a total >= 0, got " + total);
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUpdateIntervalMillis(250)
                .setSpeedUnit(ChronoUnit.SECONDS).setConsumer(consumer).build();
    }

    /**
     * @return whether standard error is a terminal (or the {@value #PROPERTY} property says to draw)
     */
    public static boolean stderrIsTerminal() {
        String mode = System.getProperty(PROPERTY, "auto");
        if (mode.equalsIgnoreCase("always")) {
            return true;
        }
        if (mode.equalsIgnoreCase("never")) {
            return false;
        }
        try {
            return org.jline.nativ.CLibrary.isatty(2) == 1;
        } catch (LinkageError | RuntimeException e) {
            return System.console() != null;
        }
    }

    /** @return whether this bar draws anything */
    public boolean enabled() {
        return bar != null;
    }

    /** Advances the bar by one step. */
    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /**
     * @param n steps to advance, {@code >= 0}
     */
    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /**
     * @param text a short text shown after the bar (the current file, a running count)
     */
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text == null ? "" : text);
        }
    }

    /** Draws the bar's last state and ends its line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
