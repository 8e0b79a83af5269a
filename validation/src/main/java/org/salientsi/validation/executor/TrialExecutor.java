package org.salientsi.validation.executor;

import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.StudyAccumulator;

/**
 * Runs a set of trials of a study and reduces their rows. An implementation opens the study's
 * model where the trials run (from the model's file or bytes, one model per worker process or
 * partition), runs each trial with {@link org.salientsi.validation.study.TrialRunner}, hands every
 * row to the sink as soon as it is finished, and returns the merged accumulator of the rows it
 * produced.
 *
 * <pre>{@code
 * try (TrialExecutor local = TrialExecutors.create("local", Parameters.empty().with("threads", "2"))) {
 *     StudyStats stats = local.run(study, new int[] {0, 1, 2}, TrialSink.NONE).snapshot();
 * }
 * }</pre>
 *
 * <p>A failing trial stops the run: the first failure is rethrown as it was raised
 * ({@link org.salientsi.api.error.InvalidInputException} for bad input,
 * {@link org.salientsi.api.error.NumericalBreakdownException} for a search that lost precision);
 * rows already handed to the sink stay valid.
 */
public interface TrialExecutor extends AutoCloseable {

    /** @return the executor's name ({@code local}, {@code spark}) */
    String name();

    /** @return the number of trials it runs at once (for progress and provenance) */
    int parallelism();

    /**
     * @param study the study
     * @param trials the indices of the trials to run, distinct, each in {@code [0, study.trials())}
     * @param sink receives each row when its trial is finished
     * @return the accumulated rows of these trials
     */
    StudyAccumulator run(Study study, int[] trials, TrialSink sink);

    /** Releases the executor's resources (threads, a Spark context it created). */
    @Override
    default void close() {
    }
}
