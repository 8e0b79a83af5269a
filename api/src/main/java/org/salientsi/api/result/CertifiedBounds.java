package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.IntervalSet;

/**
 * What a certified search proved (the JSON object {@code certified} of a result whose {@code search} is
 * {@code certified}; DESIGN.md section 4, docs/reference.md "Certified bounds"). The search range was
 * bisected into segments, each certified into the truncation set, out of it, or left undecided down to a
 * width limit; the exact selective p-value over the search range lies in {@code [p_lower, p_upper]} (outward
 * rounded). {@code p_upper} is the result's {@code selective_p} (a valid, conservative p-value); the lower
 * bound and the midpoint are reported and never decide anything. Intervals and widths are in units of T.
 *
 * @param pLower the lower bound on the selective p-value, in [0, 1]
 * @param pUpper the upper bound, in [pLower, 1]
 * @param pMidpoint {@code (pLower + pUpper) / 2}, a point estimate only
 * @param segmentsIn segments certified into the truncation set
 * @param segmentsOut segments certified out of it
 * @param segmentsUndecided segments left undecided
 * @param undecidedWidth total width of the undecided segments (units of T), {@code >= 0}
 * @param undecided the undecided part of the search range, as {@code [[lo, hi], ...]} (units of T)
 * @param widthLimit undecided segments this short (units of T) were not bisected, {@code > 0}
 * @param ended why the refinement stopped: the rule that held ({@code precision:EPS}, {@code decision:ALPHA}),
 *     {@code width_limit} (only segments at the width limit were undecided), {@code stalled} (bisection
 *     stopped narrowing the bounds), {@code segment_budget} or
 *     {@code time_limit}
 */
@JsonPropertyOrder({"p_lower", "p_upper", "p_midpoint", "segments_in", "segments_out", "segments_undecided",
        "undecided_width", "undecided", "width_limit", "ended"})
public record CertifiedBounds(
        @JsonProperty("p_lower") double pLower,
        @JsonProperty("p_upper") double pUpper,
        @JsonProperty("p_midpoint") double pMidpoint,
        @JsonProperty("segments_in") long segmentsIn,
        @JsonProperty("segments_out") long segmentsOut,
        @JsonProperty("segments_undecided") long segmentsUndecided,
        @JsonProperty("undecided_width") double undecidedWidth,
        @JsonProperty("undecided") IntervalSet undecided,
        @JsonProperty("width_limit") double widthLimit,
        @JsonProperty("ended") String ended) {

    /** @throws InvalidValueException if a bound is not a probability, they are out of order, or a count is < 0 */
    public CertifiedBounds {
        new ProbabilityBounds(pLower, pUpper);
        if (!(pMidpoint >= pLower && pMidpoint <= pUpper)) {
            throw InvalidValueException.of("p_midpoint %s is outside [%s, %s]", pMidpoint, pLower, pUpper);
        }
        if (segmentsIn < 0 || segmentsOut < 0 || segmentsUndecided < 0) {
            throw InvalidValueException.of("segment counts must be >= 0, got %d, %d, %d", segmentsIn, segmentsOut,
                    segmentsUndecided);
        }
        if (!(undecidedWidth >= 0) || Double.isInfinite(undecidedWidth) || !(widthLimit > 0)
                || Double.isInfinite(widthLimit)) {
            throw InvalidValueException.of("undecided_width must be finite and >= 0 and width_limit finite and > 0, "
                    + "got %s and %s", undecidedWidth, widthLimit);
        }
        if (undecided == null || ended == null || ended.isBlank()) {
            throw new InvalidValueException("certified bounds need the undecided intervals and why they ended");
        }
    }

    /**
     * @param lower the lower bound
     * @param upper the upper bound
     * @param segmentsIn segments certified in
     * @param segmentsOut segments certified out
     * @param segmentsUndecided segments left undecided
     * @param undecided the undecided part of the range
     * @param widthLimit the width limit (units of T)
     * @param ended why the refinement stopped
     * @return the bounds, with the midpoint and the undecided width computed
     */
    public static CertifiedBounds of(double lower, double upper, long segmentsIn, long segmentsOut,
                                     long segmentsUndecided, IntervalSet undecided, double widthLimit, String ended) {
        double mid = Math.min(upper, Math.max(lower, 0.5 * (lower + upper)));
        return new CertifiedBounds(lower, upper, mid, segmentsIn, segmentsOut, segmentsUndecided,
                undecided.measure(), undecided, widthLimit, ended);
    }
}
