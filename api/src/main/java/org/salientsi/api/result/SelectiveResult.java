package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;

/**
 * The result of one selective test of a salient region (the JSON object of DESIGN.md section 4).
 *
 * <p>All three p-values test \( H_0: \eta^\top \mu = 0 \) with the same alternative: the selective
 * p-value conditions on the selection event (\( T \) truncated to {@code intervals}); the
 * over-conditioned (OC) one on the single linear piece that contains \( T \) ({@code ocInterval});
 * the naive one on nothing, and is invalid whenever the data chose the region. Intervals, the search
 * range and the confidence interval are in units of \( T \).
 *
 * @param image the image's label (file name), or {@code null}
 * @param selectiveP the selective p-value (for an early stop: the midpoint of {@code pBounds})
 * @param ocP the over-conditioned p-value
 * @param naiveP the naive z-test p-value
 * @param alternative the alternative hypothesis
 * @param statistic the observed \( T = \eta^\top Y \)
 * @param sigmaT \( \sigma_T = \sqrt{\eta^\top \Sigma \eta} \)
 * @param regionSize the number of selected pixels
 * @param target the output unit the saliency map explains
 * @param region the selected pixels
 * @param intervals the truncation set within the search range
 * @param ocInterval the linear piece that contains \( T \)
 * @param searchRange the explored range {@code [z_min, z_max]}
 * @param massOutside the null probability mass outside the search range
 * @param pieces linear pieces visited
 * @param pBounds lower and upper bounds on the selective p-value (equal when exhaustive)
 * @param stopReason why the search stopped
 * @param ci the selective confidence interval for \( \eta^\top \mu \), {@code [lo, hi]}, an end the
 *     data cannot bound (or an early stop) being {@code null}
 * @param ciLevel the confidence level of {@code ci}
 * @param seconds wall time of the search and p-values (model loading excluded)
 * @param provenance where the result comes from
 */
@JsonPropertyOrder({"image", "selective_p", "oc_p", "naive_p", "alternative", "statistic", "sigma_t",
        "region_size", "target", "region", "intervals", "oc_interval", "search_range", "mass_outside", "pieces",
        "p_bounds", "stop_reason", "ci", "ci_level", "seconds", "provenance"})
public record SelectiveResult(
        @JsonProperty("image") String image,
        @JsonProperty("selective_p") double selectiveP,
        @JsonProperty("oc_p") double ocP,
        @JsonProperty("naive_p") double naiveP,
        @JsonProperty("alternative") Alternative alternative,
        @JsonProperty("statistic") double statistic,
        @JsonProperty("sigma_t") double sigmaT,
        @JsonProperty("region_size") int regionSize,
        @JsonProperty("target") int target,
        @JsonProperty("region") Region region,
        @JsonProperty("intervals") IntervalSet intervals,
        @JsonProperty("oc_interval") Interval ocInterval,
        @JsonProperty("search_range") Interval searchRange,
        @JsonProperty("mass_outside") double massOutside,
        @JsonProperty("pieces") long pieces,
        @JsonProperty("p_bounds") ProbabilityBounds pBounds,
        @JsonProperty("stop_reason") StopReason stopReason,
        @JsonProperty("ci") ConfidenceInterval ci,
        @JsonProperty("ci_level") double ciLevel,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("provenance") Provenance provenance) {

    /**
     * @throws InvalidValueException if a p-value is outside [0, 1] or a number is not finite: a
     *     result never carries NaN
     */
    public SelectiveResult {
        probability("selective_p", selectiveP);
        probability("oc_p", ocP);
        probability("naive_p", naiveP);
        probability("mass_outside", massOutside);
        finite("statistic", statistic);
        if (!(sigmaT > 0) || Double.isInfinite(sigmaT)) {
            throw InvalidValueException.of("sigma_t must be finite and > 0, got %s", sigmaT);
        }
        if (pBounds == null) {
            throw new InvalidValueException("p_bounds needs two values");
        }
        if (ci == null) {
            throw new InvalidValueException("ci needs two ends (null for unbounded)");
        }
        finite("seconds", seconds);
        if (!(ciLevel >= 0 && ciLevel < 1)) {
            throw InvalidValueException.of("ci_level must be in [0, 1), got %s", ciLevel);
        }
        if (pieces < 0 || regionSize < 0) {
            throw InvalidValueException.of("pieces and region_size must be >= 0, got %d and %d", pieces, regionSize);
        }
        if (alternative == null || stopReason == null || region == null || intervals == null
                || searchRange == null) {
            throw new InvalidValueException("a result needs alternative, stop_reason, region, intervals and "
                    + "search_range");
        }
    }

    private static void probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw InvalidValueException.of("%s must be a probability in [0, 1], got %s", what, p);
        }
    }

    private static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw InvalidValueException.of("%s must be finite, got %s", what, v);
        }
    }

    /**
     * @param alpha significance level in (0, 1)
     * @return whether the selective p-value is at most alpha
     * @throws InvalidValueException if alpha is not in (0, 1)
     */
    public boolean reject(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidValueException.of("alpha must be in (0, 1), got %s", alpha);
        }
        return selectiveP <= alpha;
    }

    /** @return whether the search stopped before exploring the whole range */
    @JsonIgnore
    public boolean stoppedEarly() {
        return stopReason != StopReason.EXHAUSTIVE;
    }

    /**
     * @param name the image label
     * @return a copy with that label
     */
    public SelectiveResult withImage(String name) {
        return new SelectiveResult(name, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize, target,
                region, intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci, ciLevel,
                seconds, provenance);
    }

    /**
     * @param value the provenance
     * @return a copy carrying it
     */
    public SelectiveResult withProvenance(Provenance value) {
        return new SelectiveResult(image, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize, target,
                region, intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci, ciLevel,
                seconds, value);
    }
}
