package org.salientsi.sanity;

/** Receives the progress of a long sanity check (the CLI draws a bar); called from worker threads. */
@FunctionalInterface
public interface StudyProgress {

    /** Ignores progress. */
    StudyProgress NONE = (done, total, what) -> { };

    /**
     * @param done units finished
     * @param total units in all
     * @param what what the units are ("images", "models")
     */
    void update(long done, long total, String what);
}
