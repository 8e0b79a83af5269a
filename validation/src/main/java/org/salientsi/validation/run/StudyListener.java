package org.salientsi.validation.run;

import org.salientsi.validation.study.TrialRow;

/**
 * Follows a study's progress (a progress bar, a log). {@link #trialFinished} may be called from
 * several threads at once: implementations are thread-safe and quick.
 */
public interface StudyListener {

    /** A listener that ignores everything. */
    StudyListener NONE = new StudyListener() {
    };

    /**
     * @param trials the study's trial count
     * @param resumed trials already finished in the checkpoint
     */
    default void started(int trials, int resumed) {
    }

    /**
     * @param row a trial that just finished
     */
    default void trialFinished(TrialRow row) {
    }
}
