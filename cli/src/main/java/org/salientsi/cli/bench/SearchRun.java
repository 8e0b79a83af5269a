package org.salientsi.cli.bench;

import org.salientsi.api.result.SelectiveResult;

/**
 * One selective search of a benchmark: finished, or stopped by its time budget.
 *
 * @param stopped whether the budget stopped it (then {@code seconds} and {@code pieces} are what it had
 *     used, lower bounds of a whole search's)
 * @param seconds the result's {@code seconds} (wall time of the search and p-values, model loading
 *     excluded); for a stopped search the wall time until the stop; {@code >= 0}
 * @param pieces linear pieces walked, {@code >= 0}
 * @param selectiveP the selective p-value (for an early stop, the midpoint of its bounds), or NaN if
 *     stopped
 * @param stopReason the result's stop reason ({@code exhaustive}, {@code decision}, ...), or
 *     {@code budget}
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
     * @param r a finished search's result
     * @return its run
     */
    static SearchRun finished(SelectiveResult r) {
        return new SearchRun(false, r.seconds(), r.pieces(), r.selectiveP(), r.stopReason().label());
    }

    /**
     * @param seconds wall time from the search's start until it stopped (all its walkers), {@code >= 0}
     * @param pieces pieces it walked until then
     * @return the stopped run
     */
    static SearchRun stopped(double seconds, long pieces) {
        return new SearchRun(true, seconds, pieces, Double.NaN, "budget");
    }

    /** @return milliseconds per piece, NaN without a piece */
    public double msPerPiece() {
        return pieces == 0 ? Double.NaN : 1e3 * seconds / pieces;
    }
}
