package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * <p>Nothing to test is an {@link Outcome}, not an error: when the selector selects no pixel
 * ({@link Outcome#NO_REGION}) or the region leaves the statistic no background ({@link Outcome#FULL_REGION}),
 * the result carries the region and the saliency map ({@code map}) that explain it, and every field that only
 * a test has is {@code null}: the p-values, the statistic, {@code sigma_t}, the intervals, the search range,
 * {@code mass_outside}, {@code p_bounds}, {@code stop_reason} and {@code ci}; {@code pieces} is 0. Check
 * {@link #outcome()} (or {@link #tested()}) before reading a p-value.
 *
 * @param image the image's label (file name), or {@code null}
 * @param outcome whether the region was tested
 * @param selectiveP the selective p-value (for an early stop: the midpoint of {@code pBounds}); null unless
 *     tested
 * @param ocP the over-conditioned p-value; null unless tested
 * @param naiveP the naive z-test p-value; null unless tested
 * @param alternative the alternative hypothesis
 * @param statistic the observed \( T = \eta^\top Y \); null unless tested
 * @param sigmaT \( \sigma_T = \sqrt{\eta^\top \Sigma \eta} \); null unless tested
 * @param regionSize the number of selected pixels
 * @param target the output unit the saliency map explains
 * @param region the selected pixels
 * @param map the saliency map's values; present when not tested (it shows why), otherwise null
 * @param intervals the truncation set within the search range; null unless tested
 * @param ocInterval the linear piece that contains \( T \); null unless tested
 * @param searchRange the explored range {@code [z_min, z_max]}; null unless tested
 * @param massOutside the null probability mass outside the search range; null unless tested
 * @param pieces linear pieces visited (0 when not tested)
 * @param pBounds lower and upper bounds on the selective p-value (equal when exhaustive); null unless tested
 * @param stopReason why the search stopped; null unless tested
 * @param ci the selective confidence interval for \( \eta^\top \mu \), {@code [lo, hi]}, an end the
 *     data cannot bound (or an early stop) being {@code null}; null as a whole unless tested
 * @param ciLevel the confidence level of {@code ci}
 * @param seconds wall time of the search and p-values (model loading excluded)
 * @param provenance where the result comes from
 * @param certified what a certified search proved ({@link CertifiedBounds}); null for the exact search and when
 *     nothing was tested. With it, {@code selectiveP} is the bounds' upper end (what a verdict reads),
 *     {@code pBounds} are the certified bounds, {@code ocP}, {@code ocInterval} and both ends of {@code ci} are
 *     null, {@code intervals} is the part certified into the truncation set, {@code pieces} counts segment
 *     evaluations and {@code stopReason} is {@link StopReason#CERTIFIED} (or {@link StopReason#TIME_LIMIT})
 */
@JsonPropertyOrder({"image", "outcome", "selective_p", "oc_p", "naive_p", "alternative", "statistic", "sigma_t",
        "region_size", "target", "region", "map", "intervals", "oc_interval", "search_range", "mass_outside",
        "pieces", "p_bounds", "stop_reason", "search", "certified", "ci", "ci_level", "seconds", "provenance"})
public record SelectiveResult(
        @JsonProperty("image") String image,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("selective_p") Double selectiveP,
        @JsonProperty("oc_p") Double ocP,
        @JsonProperty("naive_p") Double naiveP,
        @JsonProperty("alternative") Alternative alternative,
        @JsonProperty("statistic") Double statistic,
        @JsonProperty("sigma_t") Double sigmaT,
        @JsonProperty("region_size") int regionSize,
        @JsonProperty("target") int target,
        @JsonProperty("region") Region region,
        @JsonProperty("map") @JsonInclude(JsonInclude.Include.NON_NULL) MapValues map,
        @JsonProperty("intervals") IntervalSet intervals,
        @JsonProperty("oc_interval") Interval ocInterval,
        @JsonProperty("search_range") Interval searchRange,
        @JsonProperty("mass_outside") Double massOutside,
        @JsonProperty("pieces") long pieces,
        @JsonProperty("p_bounds") ProbabilityBounds pBounds,
        @JsonProperty("stop_reason") StopReason stopReason,
        @JsonProperty("ci") ConfidenceInterval ci,
        @JsonProperty("ci_level") double ciLevel,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("certified") @JsonInclude(JsonInclude.Include.NON_NULL) CertifiedBounds certified) {

    /**
     * @throws InvalidValueException if a p-value is outside [0, 1] or a number is not finite (a result never
     *     carries NaN), or the fields do not fit the outcome: a tested result needs every field of a test, one
     *     with nothing to test has none of them but a map, and a region that is empty exactly when the outcome
     *     is {@link Outcome#NO_REGION}
     */
    public SelectiveResult {
        if (outcome == null) {
            throw new InvalidValueException("a result needs an outcome (tested, no_region or full_region)");
        }
        finite("seconds", seconds);
        if (!(ciLevel >= 0 && ciLevel < 1)) {
            throw InvalidValueException.of("ci_level must be in [0, 1), got %s", ciLevel);
        }
        if (pieces < 0 || regionSize < 0) {
            throw InvalidValueException.of("pieces and region_size must be >= 0, got %d and %d", pieces, regionSize);
        }
        if (alternative == null || region == null) {
            throw new InvalidValueException("a result needs alternative and region");
        }
        if (map != null && (map.height() != region.height() || map.width() != region.width())) {
            throw InvalidValueException.of("map is %dx%d but the region %dx%d", map.height(), map.width(),
                    region.height(), region.width());
        }
        if (outcome == Outcome.TESTED) {
            checkTested(selectiveP, certified != null && ocP == null ? Double.valueOf(0) : ocP, naiveP, statistic,
                    sigmaT, massOutside, pBounds, ci, stopReason, intervals, searchRange);
            if (certified != null && (selectiveP.doubleValue() != certified.pUpper()
                    || pBounds.lower() != certified.pLower() || pBounds.upper() != certified.pUpper())) {
                throw InvalidValueException.of("a certified result's selective_p and p_bounds are its certified "
                        + "bounds, got %s and %s for [%s, %s]", selectiveP, pBounds, certified.pLower(),
                        certified.pUpper());
            }
        } else {
            if (certified != null) {
                throw InvalidValueException.of("a result with outcome %s has no certified bounds", outcome.label());
            }
            checkUntested(outcome, selectiveP, ocP, naiveP, statistic, sigmaT, massOutside, pBounds, ci, stopReason,
                    intervals, ocInterval, searchRange, map, region, pieces);
        }
    }

    /**
     * A result of the exact search (no certified bounds), with every field of the canonical constructor but
     * {@code certified}.
     *
     * @param image the image's label, or null
     * @param outcome whether the region was tested
     * @param selectiveP the selective p-value
     * @param ocP the OC p-value
     * @param naiveP the naive p-value
     * @param alternative the alternative
     * @param statistic the observed T
     * @param sigmaT sigma_T
     * @param regionSize selected pixels
     * @param target the explained output unit
     * @param region the selected pixels
     * @param map the saliency map's values (untested results)
     * @param intervals the truncation set within the search range
     * @param ocInterval the linear piece that contains T
     * @param searchRange the explored range
     * @param massOutside null mass outside the search range
     * @param pieces linear pieces visited
     * @param pBounds bounds on the selective p-value
     * @param stopReason why the search stopped
     * @param ci the selective confidence interval
     * @param ciLevel its level
     * @param seconds wall time
     * @param provenance where the result comes from
     * @throws InvalidValueException as the canonical constructor does
     */
    public SelectiveResult(String image, Outcome outcome, Double selectiveP, Double ocP, Double naiveP,
                           Alternative alternative, Double statistic, Double sigmaT, int regionSize, int target,
                           Region region, MapValues map, IntervalSet intervals, Interval ocInterval,
                           Interval searchRange, Double massOutside, long pieces, ProbabilityBounds pBounds,
                           StopReason stopReason, ConfidenceInterval ci, double ciLevel, double seconds,
                           Provenance provenance) {
        this(image, outcome, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize, target, region, map,
                intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci, ciLevel, seconds,
                provenance, null);
    }

    /**
     * A tested result of the certified search (outcome {@link Outcome#TESTED}): the p-value is the certified
     * upper bound, the bounds the certified ones, no OC p-value, OC interval nor confidence interval.
     *
     * @param image the image's label, or null
     * @param naiveP the naive p-value
     * @param alternative the alternative
     * @param statistic the observed T
     * @param sigmaT sigma_T
     * @param regionSize selected pixels
     * @param target the explained output unit
     * @param region the selected pixels
     * @param in the part of the search range certified into the truncation set
     * @param searchRange the explored range
     * @param massOutside null mass outside the search range
     * @param segments segment evaluations
     * @param stopReason {@link StopReason#CERTIFIED} or {@link StopReason#TIME_LIMIT}
     * @param ciLevel the confidence level (no interval is given)
     * @param seconds wall time
     * @param provenance where the result comes from
     * @param certified what the search proved
     * @return the result
     * @throws InvalidValueException as the canonical constructor does
     */
    public static SelectiveResult certified(String image, double naiveP, Alternative alternative, double statistic,
                                            double sigmaT, int regionSize, int target, Region region,
                                            IntervalSet in, Interval searchRange, double massOutside, long segments,
                                            StopReason stopReason, double ciLevel, double seconds,
                                            Provenance provenance, CertifiedBounds certified) {
        if (certified == null) {
            throw new InvalidValueException("a certified result needs its certified bounds");
        }
        return new SelectiveResult(image, Outcome.TESTED, certified.pUpper(), null, naiveP, alternative, statistic,
                sigmaT, regionSize, target, region, null, in, null, searchRange, massOutside, segments,
                new ProbabilityBounds(certified.pLower(), certified.pUpper()), stopReason,
                new ConfidenceInterval(null, null), ciLevel, seconds, provenance, certified);
    }

    /**
     * @return {@code exact} (the walk over linear pieces) or {@code certified} (certified bounds,
     *     {@link #certified()}); null unless tested
     */
    @JsonProperty(value = "search", access = JsonProperty.Access.READ_ONLY)
    public String search() {
        return !tested() ? null : certified != null ? "certified" : "exact";
    }

    /**
     * A tested result (outcome {@link Outcome#TESTED}, no map).
     *
     * @param image the image's label, or null
     * @param selectiveP the selective p-value
     * @param ocP the OC p-value
     * @param naiveP the naive p-value
     * @param alternative the alternative
     * @param statistic the observed T
     * @param sigmaT sigma_T
     * @param regionSize selected pixels
     * @param target the explained output unit
     * @param region the selected pixels
     * @param intervals the truncation set within the search range
     * @param ocInterval the linear piece that contains T
     * @param searchRange the explored range
     * @param massOutside null mass outside the search range
     * @param pieces linear pieces visited
     * @param pBounds bounds on the selective p-value
     * @param stopReason why the search stopped
     * @param ci the selective confidence interval
     * @param ciLevel its level
     * @param seconds wall time
     * @param provenance where the result comes from
     * @throws InvalidValueException as the canonical constructor does
     */
    public SelectiveResult(String image, double selectiveP, double ocP, double naiveP, Alternative alternative,
                           double statistic, double sigmaT, int regionSize, int target, Region region,
                           IntervalSet intervals, Interval ocInterval, Interval searchRange, double massOutside,
                           long pieces, ProbabilityBounds pBounds, StopReason stopReason, ConfidenceInterval ci,
                           double ciLevel, double seconds, Provenance provenance) {
        this(image, Outcome.TESTED, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize, target,
                region, null, intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci,
                ciLevel, seconds, provenance);
    }

    /**
     * A result with nothing to test: the region (empty, or leaving no background) and the map that explains it,
     * no p-value.
     *
     * @param image the image's label, or null
     * @param outcome {@link Outcome#NO_REGION} or {@link Outcome#FULL_REGION}
     * @param alternative the alternative the test would have used
     * @param target the explained output unit
     * @param region the selected pixels
     * @param map the saliency map's values
     * @param ciLevel the confidence level the test would have used
     * @param seconds wall time
     * @param provenance where the result comes from
     * @return the result
     * @throws InvalidValueException if the outcome is {@link Outcome#TESTED} or does not fit the region
     */
    public static SelectiveResult untested(String image, Outcome outcome, Alternative alternative, int target,
                                           Region region, MapValues map, double ciLevel, double seconds,
                                           Provenance provenance) {
        if (outcome == Outcome.TESTED) {
            throw new InvalidValueException("a tested result needs its p-values");
        }
        return new SelectiveResult(image, outcome, null, null, null, alternative, null, null,
                region == null ? 0 : region.size(), target, region, map, null, null, null, null, 0, null, null, null,
                ciLevel, seconds, provenance);
    }

    private static void checkTested(Double selectiveP, Double ocP, Double naiveP, Double statistic, Double sigmaT,
                                    Double massOutside, ProbabilityBounds pBounds, ConfidenceInterval ci,
                                    StopReason stopReason, IntervalSet intervals, Interval searchRange) {
        probability("selective_p", selectiveP);
        probability("oc_p", ocP);
        probability("naive_p", naiveP);
        probability("mass_outside", massOutside);
        finite("statistic", statistic);
        if (sigmaT == null || !(sigmaT > 0) || Double.isInfinite(sigmaT)) {
            throw InvalidValueException.of("sigma_t must be finite and > 0, got %s", sigmaT);
        }
        if (pBounds == null) {
            throw new InvalidValueException("p_bounds needs two values");
        }
        if (ci == null) {
            throw new InvalidValueException("ci needs two ends (null for unbounded)");
        }
        if (stopReason == null || intervals == null || searchRange == null) {
            throw new InvalidValueException("a tested result needs stop_reason, intervals and search_range");
        }
    }

    private static void checkUntested(Outcome outcome, Double selectiveP, Double ocP, Double naiveP,
                                      Double statistic, Double sigmaT, Double massOutside, ProbabilityBounds pBounds,
                                      ConfidenceInterval ci, StopReason stopReason, IntervalSet intervals,
                                      Interval ocInterval, Interval searchRange, MapValues map, Region region,
                                      long pieces) {
        if (selectiveP != null || ocP != null || naiveP != null || statistic != null || sigmaT != null
                || massOutside != null || pBounds != null || ci != null || stopReason != null || intervals != null
                || ocInterval != null || searchRange != null || pieces != 0) {
            throw InvalidValueException.of("a result with outcome %s has no p-value, statistic, intervals, "
                    + "search range, bounds, stop reason nor pieces", outcome.label());
        }
        if (map == null) {
            throw InvalidValueException.of("a result with outcome %s carries the saliency map", outcome.label());
        }
        if (region.isEmpty() != (outcome == Outcome.NO_REGION)) {
            throw InvalidValueException.of("outcome %s does not fit a region of %d pixels", outcome.label(),
                    region.size());
        }
    }

    private static void probability(String what, Double p) {
        if (p == null || !(p >= 0 && p <= 1)) {
            throw InvalidValueException.of("%s must be a probability in [0, 1], got %s", what, p);
        }
    }

    private static void finite(String what, Double v) {
        if (v == null || !Double.isFinite(v)) {
            throw InvalidValueException.of("%s must be finite, got %s", what, v);
        }
    }

    /**
     * @param alpha significance level in (0, 1)
     * @return whether the selective p-value is at most alpha (never when nothing was tested)
     * @throws InvalidValueException if alpha is not in (0, 1)
     */
    public boolean reject(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidValueException.of("alpha must be in (0, 1), got %s", alpha);
        }
        return tested() && selectiveP <= alpha;
    }

    /** @return whether the search stopped before exploring the whole range (never when nothing was tested) */
    @JsonIgnore
    public boolean stoppedEarly() {
        return tested() && stopReason != StopReason.EXHAUSTIVE;
    }

    /**
     * @return {@code "normal"} for a linear contrast (T truncated normal), {@code "chi"} for the norm of a
     *     projection (T / sigma_T truncated chi with {@link #degreesOfFreedom} degrees); null unless tested. Read
     *     from provenance's option {@code statistic_distribution}.
     */
    @JsonProperty(value = "statistic_distribution", access = JsonProperty.Access.READ_ONLY)
    public String statisticDistribution() {
        return !tested() ? null : provenance == null ? "normal"
                : provenance.options().getOrDefault("statistic_distribution", "normal");
    }

    /** @return the chi statistic's degrees of freedom d, or null (a normal statistic, or not tested) */
    @JsonProperty(value = "degrees_of_freedom", access = JsonProperty.Access.READ_ONLY)
    public Integer degreesOfFreedom() {
        String d = tested() && provenance != null ? provenance.options().get("degrees_of_freedom") : null;
        return d == null ? null : Integer.valueOf(d);
    }

    /**
     * @return where the noise level came from: {@code given} (--sigma), {@code covariance} (--covariance),
     *     {@code estimated} (--noise-from: the estimate plugged in) or {@code upper-limit} (--noise-from with
     *     --sigma-upper: its upper confidence limit); from provenance's option {@code sigma_source}
     */
    @JsonProperty(value = "sigma_source", access = JsonProperty.Access.READ_ONLY)
    public String sigmaSource() {
        String source = provenance == null ? null : provenance.options().get("sigma_source");
        if (source != null || provenance == null) {
            return source;
        }
        return provenance.sigma() != null ? "given" : provenance.options().containsKey("covariance") ? "covariance"
                : null;
    }

    /**
     * @return the degrees of freedom of an estimated noise level (--noise-from), or null for a given one; from
     *     provenance's option {@code sigma_df}
     */
    @JsonProperty(value = "sigma_df", access = JsonProperty.Access.READ_ONLY)
    public Double sigmaDf() {
        String df = provenance == null ? null : provenance.options().get("sigma_df");
        return df == null ? null : Double.valueOf(df);
    }

    /** @return whether the region was tested ({@link Outcome#TESTED}): then the p-values are present */
    @JsonIgnore
    public boolean tested() {
        return outcome == Outcome.TESTED;
    }

    /**
     * @param name the image label
     * @return a copy with that label
     */
    public SelectiveResult withImage(String name) {
        return new SelectiveResult(name, outcome, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize,
                target, region, map, intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci,
                ciLevel, seconds, provenance, certified);
    }

    /**
     * @param value the provenance
     * @return a copy carrying it
     */
    public SelectiveResult withProvenance(Provenance value) {
        return new SelectiveResult(image, outcome, selectiveP, ocP, naiveP, alternative, statistic, sigmaT, regionSize,
                target, region, map, intervals, ocInterval, searchRange, massOutside, pieces, pBounds, stopReason, ci,
                ciLevel, seconds, value, certified);
    }
}
