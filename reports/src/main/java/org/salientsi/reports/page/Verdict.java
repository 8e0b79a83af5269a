package org.salientsi.reports.page;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.ProbabilityBounds;
import org.salientsi.api.result.SelectiveResult;

/**
 * The decision a page states at a level alpha: reject the null hypothesis (the region differs), do not reject it,
 * undecided (a search that stopped early with p-value bounds on both sides of alpha), or no test (no p-value). With
 * bounds the decision is taken on them: rejected when the upper bound is at most alpha, not rejected when the lower
 * bound is above it.
 */
public enum Verdict {
    /** p at most alpha: the region differs from the reference (or its background) at level alpha. */
    REJECT("reject", "significant"),
    /** p above alpha. */
    KEEP("keep", "not significant"),
    /** The bounds of an early stop straddle alpha. */
    UNDECIDED("undecided", "undecided"),
    /** Nothing was tested. */
    NONE("none", "nothing salient to test");

    private final String cssClass;
    private final String words;

    Verdict(String cssClass, String words) {
        this.cssClass = cssClass;
        this.words = words;
    }

    /** @return the page's CSS class for it */
    public String cssClass() {
        return cssClass;
    }

    /** @return it in words */
    public String words() {
        return words;
    }

    /**
     * @param r a result
     * @param alpha the level, in (0, 1)
     * @return the decision on its selective p-value (on its bounds after an early stop)
     * @throws InvalidValueException if alpha is not in (0, 1)
     */
    public static Verdict of(SelectiveResult r, double alpha) {
        checkAlpha(alpha);
        if (!Outcomes.tested(r)) {
            return NONE;
        }
        ProbabilityBounds b = r.pBounds();
        if (r.stoppedEarly() && b != null) {
            return b.upper() <= alpha ? REJECT : b.lower() > alpha ? KEEP : UNDECIDED;
        }
        return r.selectiveP() <= alpha ? REJECT : KEEP;
    }

    /**
     * @param p a p-value (adjusted or not), or {@code null} for none
     * @param alpha the level, in (0, 1)
     * @return the decision on it
     */
    public static Verdict of(Double p, double alpha) {
        checkAlpha(alpha);
        return p == null ? NONE : p <= alpha ? REJECT : KEEP;
    }

    /**
     * @param alpha a level
     * @throws InvalidValueException if it is not in (0, 1)
     */
    public static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidValueException.of("alpha must be in (0, 1), got %s", alpha);
        }
    }
}
