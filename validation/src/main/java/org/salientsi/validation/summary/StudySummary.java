package org.salientsi.validation.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.salientsi.api.result.Provenance;

/**
 * The summary JSON of a study ({@code salientsi validate --json}, DESIGN.md section 4): the number
 * of p-values, the redrawn empty regions, alpha, and for each kind of p-value its rejection rate
 * with a Clopper-Pearson 95% interval and a KS test against U(0, 1); then run statistics and the
 * provenance. JSON numbers are finite; an undefined one is {@code null}.
 *
 * <p>A study on a network that is not piecewise linear runs certified searches ({@code search}
 * {@code certified}): {@code selective} then summarises the upper bounds (the valid p-values that decide),
 * {@code p_lower} and {@code p_midpoint} the lower bounds and midpoints (reported, never deciding), and
 * {@code oc} is {@code null} (a certified search has no OC p-value). An exact study has no
 * {@code p_lower} or {@code p_midpoint}.
 *
 * @param trials the p-values computed (of each kind)
 * @param emptyRegions the draws whose region was empty (or full for {@code contrast}), redrawn
 * @param alpha the significance level
 * @param selective the selective p-values
 * @param oc the over-conditioned p-values (over the exact trials), or {@code null} when every trial was certified
 * @param naive the naive p-values
 * @param meanRegionSize the mean number of selected pixels
 * @param piecesPerTrial the mean number of linear pieces a search visited
 * @param trialsRun the trials computed by this run (the others came from the checkpoint)
 * @param trialsResumed the finished trials read back from the checkpoint
 * @param tornLines checkpoint lines cut short by a kill, whose trials were run again
 * @param executor the executor that ran the trials
 * @param trialSeconds the summed wall times of all trials
 * @param seconds the wall time of this run (model loading included, report writing excluded)
 * @param trialsPerSecond {@code trialsRun / seconds}, or {@code null} when nothing ran
 * @param provenance the model, plugins, options and master seed
 * @param search {@value #EXACT} when no trial's search was certified, {@value #CERTIFIED} when every one was,
 *     {@value #MIXED} otherwise
 * @param pLower the certified trials' lower bounds, or {@code null} (absent from the JSON) without any
 * @param pMidpoint the certified trials' bound midpoints, or {@code null} (absent from the JSON) without any
 */
@JsonPropertyOrder({"trials", "empty_regions", "alpha", "search", "selective", "oc", "naive", "p_lower", "p_midpoint",
        "mean_region_size",
        "pieces_per_trial", "trials_run", "trials_resumed", "torn_lines", "executor", "trial_seconds", "seconds",
        "trials_per_second", "provenance"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StudySummary(
        @JsonProperty("trials") long trials,
        @JsonProperty("empty_regions") long emptyRegions,
        @JsonProperty("alpha") double alpha,
        @JsonProperty("selective") Rates selective,
        @JsonProperty("oc") Rates oc,
        @JsonProperty("naive") Rates naive,
        @JsonProperty("mean_region_size") Double meanRegionSize,
        @JsonProperty("pieces_per_trial") Double piecesPerTrial,
        @JsonProperty("trials_run") long trialsRun,
        @JsonProperty("trials_resumed") long trialsResumed,
        @JsonProperty("torn_lines") int tornLines,
        @JsonProperty("executor") String executor,
        @JsonProperty("trial_seconds") double trialSeconds,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("trials_per_second") Double trialsPerSecond,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("search") String search,
        @JsonProperty("p_lower") @JsonInclude(JsonInclude.Include.NON_NULL) Rates pLower,
        @JsonProperty("p_midpoint") @JsonInclude(JsonInclude.Include.NON_NULL) Rates pMidpoint) {

    /** Confidence level of {@code rate_ci}. */
    public static final double RATE_CI_LEVEL = 0.95;
    /** {@link #search()} of a study whose searches were all exact. */
    public static final String EXACT = "exact";
    /** {@link #search()} of a study whose searches were all certified. */
    public static final String CERTIFIED = "certified";
    /** {@link #search()} of a study with trials of both kinds. */
    public static final String MIXED = "mixed";

    /**
     * The rejection rate and uniformity of one kind of p-value.
     *
     * @param rejections p-values at most alpha
     * @param rejectionRate {@code rejections / trials}
     * @param rateCi the Clopper-Pearson 95% interval {@code [lo, hi]}
     * @param ksStatistic the KS distance from U(0, 1)
     * @param ksP the KS test's p-value
     */
    @JsonPropertyOrder({"rejections", "rejection_rate", "rate_ci", "ks_statistic", "ks_p"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rates(
            @JsonProperty("rejections") long rejections,
            @JsonProperty("rejection_rate") Double rejectionRate,
            @JsonProperty("rate_ci") double[] rateCi,
            @JsonProperty("ks_statistic") Double ksStatistic,
            @JsonProperty("ks_p") Double ksP) {

        /**
         * @param stats the p-values' statistics
         * @return their rates; {@code null} numbers without p-values
         */
        public static Rates of(PValueStats stats) {
            if (stats.count() == 0) {
                return new Rates(0, null, null, null, null);
            }
            return new Rates(stats.rejections(), stats.rejectionRate(), stats.rateInterval(RATE_CI_LEVEL),
                    stats.ksStatistic(), stats.ksP());
        }
    }

    /**
     * @param stats the trials' statistics
     * @param trialsRun trials computed by this run
     * @param trialsResumed trials read from the checkpoint
     * @param tornLines torn checkpoint lines
     * @param executor the executor's name
     * @param seconds the wall time of this run
     * @param provenance the study's provenance
     * @return the summary
     */
    public static StudySummary of(StudyStats stats, long trialsRun, long trialsResumed, int tornLines, String executor,
                                  double seconds, Provenance provenance) {
        long n = stats.trials();
        long certified = stats.certifiedTrials();
        String search = certified == 0 ? EXACT : certified == n ? CERTIFIED : MIXED;
        boolean any = stats.anyCertified();
        return new StudySummary(n, stats.emptyDraws(), stats.alpha(), Rates.of(stats.selective()),
                CERTIFIED.equals(search) ? null : Rates.of(stats.oc()),
                Rates.of(stats.naive()), n == 0 ? null : stats.regionPixels() / (double) n,
                n == 0 ? null : stats.pieces() / (double) n, trialsRun, trialsResumed, tornLines, executor,
                stats.trialSeconds(), seconds, trialsRun == 0 || !(seconds > 0) ? null : trialsRun / seconds,
                provenance, search, any ? Rates.of(stats.lower()) : null, any ? Rates.of(stats.midpoint()) : null);
    }
}
