package org.salientsi.validation.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.result.Provenance;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.checkpoint.StudyFolderLock;
import org.salientsi.validation.checkpoint.TrialCheckpoint;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.executor.TrialSink;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.StudyAccumulator;
import org.salientsi.validation.summary.StudySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a study to the end on an executor, resumable through a checkpoint.
 *
 * <pre>{@code
 * try (TrialExecutor local = new LocalTrialExecutor(2)) {
 *     StudyOutcome out = StudyRunner.run(study, local, dir.resolve("trials.jsonl"), StudyListener.NONE);
 *     System.out.println(out.summary().selective().rejectionRate());
 * }
 * }</pre>
 *
 * <p>With a checkpoint, the trials already in it (indices below the study's trial count) are kept
 * as they are and only the others run; each new row is appended as soon as it is finished. The
 * checkpoint's header must describe the same study (same description and model bytes; the trial
 * count may grow). A run holds its folder's lock ({@link StudyFolderLock}): a second run on the same
 * folder is refused rather than interleaving its rows with the first's.
 */
public final class StudyRunner {

    /** The fingerprint's key naming a shard ({@code I/N}) in a shard's checkpoint header. */
    public static final String SHARD = "shard";

    /** The checkpoint's file name inside a study's output folder. */
    public static final String CHECKPOINT = "trials.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);

    private StudyRunner() {
    }

    /**
     * Runs a study, holding the lock of its checkpoint's folder ({@link StudyFolderLock}) while it runs.
     *
     * @param study the study
     * @param executor where the trials run
     * @param checkpoint the JSONL checkpoint, or {@code null} to run without one
     * @param listener follows the progress
     * @return the finished study
     * @throws org.salientsi.validation.checkpoint.StudyFolderLockedException if another run holds the
     *     checkpoint's folder
     */
    public static StudyOutcome run(Study study, TrialExecutor executor, Path checkpoint, StudyListener listener) {
        if (checkpoint == null) {
            return runUnlocked(study, executor, null, Shard.ALL, listener);
        }
        try (StudyFolderLock lock = StudyFolderLock.acquire(checkpoint.toAbsolutePath().getParent())) {
            return runUnlocked(study, executor, checkpoint, Shard.ALL, listener);
        }
    }

    /**
     * Runs a study in a folder the caller has locked (and keeps locked while it writes the report), with the
     * checkpoint {@value #CHECKPOINT} in it.
     *
     * @param study the study
     * @param executor where the trials run
     * @param folder the held lock of the study's folder
     * @param listener follows the progress
     * @return the finished study
     * @throws IllegalStateException if the lock was released
     */
    public static StudyOutcome runInFolder(Study study, TrialExecutor executor, StudyFolderLock folder,
                                           StudyListener listener) {
        return runInFolder(study, executor, folder, Shard.ALL, listener);
    }

    /**
     * Runs one shard of a study (the trials {@code i} with {@code i mod N == I}) in a folder the caller has
     * locked. The shard's checkpoint header names the shard, so that a folder holds one shard only; the
     * summary and its provenance ({@code shard} option) cover the shard's trials. {@code salientsi merge}
     * joins the shards' folders.
     *
     * @param study the study (its trial count is the whole study's)
     * @param executor where the trials run
     * @param folder the held lock of the shard's folder
     * @param shard the shard ({@link Shard#ALL} for the whole study)
     * @param listener follows the progress
     * @return the finished shard
     * @throws IllegalStateException if the lock was released
     */
    public static StudyOutcome runInFolder(Study study, TrialExecutor executor, StudyFolderLock folder, Shard shard,
                                           StudyListener listener) {
        if (!folder.isHeld()) {
            throw new IllegalStateException("the lock of study folder " + folder.folder() + " was released");
        }
        return runUnlocked(study, executor, folder.folder().resolve(CHECKPOINT), shard, listener);
    }

    /**
     * @param study a study
     * @param sha its model's SHA-256
     * @param shard the shard, or {@link Shard#ALL}
     * @return what its checkpoint's header holds: the study's description, the model's SHA-256 and the shard
     *     (only when the study is sharded)
     */
    public static Map<String, String> fingerprint(Study study, String sha, Shard shard) {
        Map<String, String> fingerprint = new TreeMap<>(study.describe());
        fingerprint.put("model_sha256", sha);
        if (!shard.whole()) {
            fingerprint.put(SHARD, shard.toString());
        }
        return fingerprint;
    }

    private static StudyOutcome runUnlocked(Study study, TrialExecutor executor, Path checkpoint, Shard shard,
                                            StudyListener listener) {
        long start = System.nanoTime();
        String sha = study.model().sha256();
        Map<String, String> fingerprint = fingerprint(study, sha, shard);
        TrialCheckpoint file = checkpoint == null ? null : TrialCheckpoint.open(checkpoint, fingerprint);
        try {
            List<TrialRow> resumed = new ArrayList<>();
            BitSet done = new BitSet(study.trials());
            if (file != null) {
                for (TrialRow r : file.rows()) {
                    if (r.trial() < study.trials()) {
                        resumed.add(r);
                        done.set(r.trial());
                    }
                }
            }
            int[] todo = new int[study.trials() - resumed.size()];
            int k = 0;
            for (int i = done.nextClearBit(0); i < study.trials(); i = done.nextClearBit(i + 1)) {
                if (shard.contains(i)) {
                    todo[k++] = i;
                }
            }
            todo = java.util.Arrays.copyOf(todo, k);
            if (!resumed.isEmpty()) {
                LOG.info("study resumed from {}: {} trials finished, {} to run", checkpoint, resumed.size(),
                        todo.length);
            }
            listener.started(resumed.size() + todo.length, resumed.size());
            ConcurrentLinkedQueue<TrialRow> fresh = new ConcurrentLinkedQueue<>();
            TrialSink sink = row -> {
                if (file != null) {
                    file.accept(row);
                }
                fresh.add(row);
                listener.trialFinished(row);
            };
            StudyAccumulator ran = executor.run(study, todo, sink);
            if (ran.trials() != todo.length || fresh.size() != todo.length) {
                throw new IllegalStateException("executor " + executor.name() + " returned " + ran.trials()
                        + " trials (" + fresh.size() + " rows) for " + todo.length);
            }
            StudyAccumulator all = StudyAccumulator.of(study.alpha(), resumed).merge(ran);
            List<TrialRow> rows = new ArrayList<>(resumed);
            rows.addAll(fresh);
            rows.sort(Comparator.comparingInt(TrialRow::trial));
            double seconds = (System.nanoTime() - start) / 1e9;
            StudySummary summary = StudySummary.of(all.snapshot(), todo.length, resumed.size(),
                    file == null ? 0 : file.tornLines(), executor.name(), seconds,
                    shard.whole() ? provenance(study, sha, executor)
                            : provenance(study, sha, executor).withOption(SHARD, shard.toString()));
            return new StudyOutcome(study, rows, all.snapshot(), summary);
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * @param study the study
     * @param sha the model's SHA-256
     * @param executor the executor
     * @return the provenance of the study's summary
     */
    static Provenance provenance(Study study, String sha, TrialExecutor executor) {
        ModelBackend backend = study.model().backend(Plugins.load());
        return Provenance.empty().withModel(sha, backend.name() + " " + backend.version())
                .withPlugins(study.method(), study.selector(), study.statisticName()).withSigma(study.sigma())
                .withSeed(study.seed()).withOptions(study.describe())
                .withOption("trials", Integer.toString(study.trials()))
                .withOption("alpha", Double.toString(study.alpha()))
                .withOption("executor", executor.name() + " x" + executor.parallelism());
    }
}
