package org.salientsi.validation.executor;

import org.salientsi.validation.study.TrialRow;

/**
 * Receives each finished trial's row as soon as the executor has it (to stream it to a checkpoint
 * and a progress bar). Executors may call it from several threads at once: implementations are
 * thread-safe. An exception thrown here stops the study.
 */
@FunctionalInterface
public interface TrialSink {

    /** A sink that drops every row. */
    TrialSink NONE = row -> { };

    /**
     * @param row a finished trial
     */
    void accept(TrialRow row);
}
