package org.salientsi.api.error;

/**
 * A search walked more linear pieces than its budget ({@code max-pieces}) allows before it reached its ends: a
 * numerical breakdown for the p-value, but a stop that a search widening itself for the confidence interval
 * may catch and keep what it found. Its own type (not a message prefix) says so, also after the exception has
 * crossed a cluster and been rebuilt from its text.
 */
public class SearchStalledException extends NumericalBreakdownException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the budget and where the walk stood (its frontiers or segment)
     */
    public SearchStalledException(String message) {
        super(message);
    }
}
