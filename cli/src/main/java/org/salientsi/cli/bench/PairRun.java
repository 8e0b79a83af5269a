package org.salientsi.cli.bench;

import java.util.Objects;

/**
 * The searches of one image pair on one model.
 *
 * @param pair the image pair
 * @param outcome whether it was tested, had an empty region, or failed
 * @param exhaustive the exhaustive search, or {@code null} (not run, or not tested)
 * @param decision the {@code decision:0.05} search, or {@code null} (not tested)
 * @param error the one-line message of an empty region or a failure, or {@code null}
 */
public record PairRun(ImagePair pair, Outcome outcome, SearchRun exhaustive, SearchRun decision, String error) {

    /** What became of a pair. */
    public enum Outcome {
        /** Its searches ran (to the end, or to the budget). */
        TESTED,
        /** The saliency map selected no pixel: no hypothesis to test (a legitimate outcome). */
        EMPTY,
        /** A search failed (a numerical breakdown, an image that does not fit the model, ...). */
        FAILED
    }

    /** Checks that a tested pair has its decision search and only a failed or empty one a message. */
    public PairRun {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.TESTED) != (decision != null) || (outcome == Outcome.TESTED) != (error == null)) {
            throw new IllegalArgumentException("a tested pair has a decision search and no error, others not");
        }
    }
}
