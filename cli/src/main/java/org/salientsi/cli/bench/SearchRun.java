package org.salientsi.cli.bench;

import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;

/**
 * One selective search of a benchmark: finished, or stopped by its time limit.
 *
 * @param stopped whether the time limit stopped it (then {@code seconds} and {@code pieces} are what it had
 *     used, lower bounds of a whole search's)
 * @param seconds the result's {@code seconds} (wall time of the search and p-values, model loading
 *     excluded); for a stopped search the wall time until the stop; {@code >= 0}
 * @param pieces linear pieces walked, {@code >= 0}
 * @param selectiveP the selective p-value (for an early stop, the midpoint of its bounds), or NaN if
 *     stopped
 * @param stopReason the result's stop reason ({@code exhaustive}, {@code decision}, {@code time_limit}, ...)
 */
public record SearchRun(boolean stopped, double seconds, long pieces, double selectiveP, String stopReason) {

    /** Checks the values. */
    public SearchRun {
        if (!(seconds >= 0) || pieces < 0) {
            throw new IllegalArgumentException("a search takes seconds >= 0 and pieces >= 0, got " + seconds + " and "
                    + pieces);
        }
    }

    /**
     * @param r a search's result
     * @return its run: stopped when its time limit stopped it (then without a p-value: its bounds are
     *     whatever the limit allowed)
     */
    static SearchRun of(SelectiveResult r) {
        boolean stopped = r.stopReason() == StopReason.TIME_LIMIT;
        return new SearchRun(stopped, r.seconds(), r.pieces(), stopped ? Double.NaN : r.selectiveP(),
                r.stopReason().label());
    }

    /** @return milliseconds per piece, NaN without a piece */
    public double msPerPiece() {
        return pieces == 0 ? Double.NaN : 1e3 * seconds / pieces;
    }
}
