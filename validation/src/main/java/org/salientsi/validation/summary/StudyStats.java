package org.salientsi.validation.summary;

/**
 * The immutable statistics of a study's trials (a {@link StudyAccumulator}'s snapshot).
 * {@link #equals} compares everything but {@code trialSeconds}: wall times differ from run to run,
 * the rest is a function of the trials.
 *
 * @param alpha the significance level
 * @param trials the number of trials (p-values of each kind)
 * @param emptyDraws the redrawn draws whose region was empty (or full)
 * @param pieces the linear pieces visited, over all trials
 * @param regionPixels the selected pixels, over all trials
 * @param trialSeconds the summed wall times of the trials
 * @param selective the selective p-values
 * @param oc the over-conditioned p-values (of the exact trials only: a certified search has none)
 * @param naive the naive p-values
 * @param certifiedTrials the trials whose search was certified
 * @param lower the certified trials' lower bounds on the selective p-value (their upper bounds are
 *     their {@code selective} p-values)
 * @param midpoint the certified trials' bound midpoints
 */
public record StudyStats(double alpha, long trials, long emptyDraws, long pieces, long regionPixels,
                         double trialSeconds, PValueStats selective, PValueStats oc, PValueStats naive,
                         long certifiedTrials, PValueStats lower, PValueStats midpoint) {

    @Override
    public boolean equals(Object o) {
        return o instanceof StudyStats s && Double.compare(alpha, s.alpha) == 0 && trials == s.trials
                && emptyDraws == s.emptyDraws && pieces == s.pieces && regionPixels == s.regionPixels
                && selective.equals(s.selective) && oc.equals(s.oc) && naive.equals(s.naive)
                && certifiedTrials == s.certifiedTrials && lower.equals(s.lower) && midpoint.equals(s.midpoint);
    }

    /** @return whether any trial's search was certified (then {@link #lower} and {@link #midpoint} hold values) */
    public boolean anyCertified() {
        return certifiedTrials > 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(trials) * 31 + selective.hashCode();
    }
}
