package org.salientsi.validation.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.study.TrialRunner;
import org.salientsi.validation.summary.StudyAccumulator;

/**
 * Runs trials on a fixed pool of local threads: the model is loaded once and its
 * {@link TrialRunner} shared; each thread takes the next trial index, runs it, accumulates its row
 * and hands it to the sink. The threads' accumulators are merged at the end.
 */
public final class LocalTrialExecutor implements TrialExecutor {

    private final int threads;

    /**
     * @param threads trials at once, {@code >= 1}
     */
    public LocalTrialExecutor(int threads) {
        if (threads < 1) {
            throw InvalidValueException.of("--threads must be >= 1, got %d", threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public StudyAccumulator run(Study study, int[] trials, TrialSink sink) {
        StudyAccumulator total = new StudyAccumulator(study.alpha());
        if (trials.length == 0) {
            return total;
        }
        Plugins plugins = Plugins.load();
        try (LoadedModel model = study.model().open(plugins)) {
            TrialRunner runner = new TrialRunner(study, model, plugins);
            int k = Math.min(threads, trials.length);
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean failed = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
                Thread t = new Thread(r, "salientsi-trial");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<StudyAccumulator>> parts = new ArrayList<>(k);
                for (int w = 0; w < k; w++) {
                    parts.add(pool.submit(() -> {
                        StudyAccumulator acc = new StudyAccumulator(study.alpha());
                        try {
                            for (int i = next.getAndIncrement(); i < trials.length && !failed.get();
                                 i = next.getAndIncrement()) {
                                TrialRow row = runner.run(trials[i]);
                                acc.add(row);
                                sink.accept(row);
                            }
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                        return acc;
                    }));
                }
                RuntimeException firstFailure = null;
                for (Future<StudyAccumulator> part : parts) {
                    try {
                        total.merge(part.get());
                    } catch (ExecutionException e) {
                        if (firstFailure == null) {
                            firstFailure = unwrap(e.getCause());
                        }
                    }
                }
                if (firstFailure != null) {
                    throw firstFailure;
                }
                return total;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running trials", e);
            } finally {
                failed.set(true);
                pool.shutdownNow();
            }
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Provides {@code local}, the default executor. Option {@code threads}: default, the CPU count. */
    public static final class Provider implements TrialExecutorProvider {

        @Override
        public String name() {
            return "local";
        }

        @Override
        public String description() {
            return "runs trials on a local thread pool (--threads K, default: the number of CPUs)";
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public TrialExecutor create(org.salientsi.api.spi.Parameters options) {
            return new LocalTrialExecutor(options.getInt(OPTION_THREADS, Runtime.getRuntime().availableProcessors()));
        }
    }
}
