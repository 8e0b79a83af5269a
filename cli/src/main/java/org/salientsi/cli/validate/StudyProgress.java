package org.salientsi.cli.validate;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.salientsi.cli.progress.Progress;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.study.TrialRow;

/**
 * A study's progress bar on standard error (off when it is not a terminal or with {@code --quiet}):
 * trials done with ETA, and the running selective and naive rejection rates at alpha. Starts when
 * the study starts (resumed trials count as done); close it before printing results.
 */
public final class StudyProgress implements StudyListener, AutoCloseable {

    private final String task;
    private final double alpha;
    private final boolean quiet;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong selective = new AtomicLong();
    private final AtomicLong naive = new AtomicLong();
    private volatile Progress bar = Progress.off();

    /**
     * @param task the label before the bar
     * @param alpha the significance level of the running rates
     * @param quiet whether the user asked for silence
     */
    public StudyProgress(String task, double alpha, boolean quiet) {
        this.task = task;
        this.alpha = alpha;
        this.quiet = quiet;
    }

    @Override
    public void started(int trials, int resumed) {
        bar = Progress.start(task, trials, quiet);
        bar.stepBy(resumed);
        if (resumed > 0) {
            bar.message(resumed + " resumed");
        }
    }

    @Override
    public void trialFinished(TrialRow row) {
        long n = done.incrementAndGet();
        long s = row.selectiveP() <= alpha ? selective.incrementAndGet() : selective.get();
        long v = row.naiveP() <= alpha ? naive.incrementAndGet() : naive.get();
        Progress b = bar;
        b.step();
        b.message(String.format(Locale.ROOT, "rejections: selective %.1f%%, naive %.1f%%", 100.0 * s / n,
                100.0 * v / n));
    }

    @Override
    public void close() {
        bar.close();
    }
}
