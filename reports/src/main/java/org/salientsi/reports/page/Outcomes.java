package org.salientsi.reports.page;

import org.salientsi.api.result.SelectiveResult;

/**
 * Whether a result carries a p-value. A selector may select no pixel (or, for a statistic that compares a region
 * with the rest, every pixel): then there is nothing to test, and a result may carry the map without a p-value
 * ({@code selective_p} absent or null). The pages read the p-value through here, boxed, so that they show such a
 * result as "nothing salient to test" rather than a number.
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * @param r a result
     * @return whether it has a selective p-value for a region of at least one pixel
     */
    static boolean tested(SelectiveResult r) {
        Double p = r.selectiveP();
        return p != null && !p.isNaN() && r.regionSize() > 0 && r.intervals() != null && r.searchRange() != null;
    }

    /**
     * @param r a result
     * @return its selective p-value, or {@code null} if it has none
     */
    static Double selectiveP(SelectiveResult r) {
        return tested(r) ? r.selectiveP() : null;
    }

    /**
     * @param r a result without a p-value
     * @return why, in words
     */
    static String why(SelectiveResult r) {
        int pixels = r.region() == null ? 0 : r.region().height() * r.region().width();
        if (r.region() != null && r.regionSize() >= pixels && pixels > 0) {
            return "the selector selected every pixel, so there is no background to compare the region with";
        }
        return "the selector selected no pixel: the map has no value at or above the selector's cut";
    }
}
