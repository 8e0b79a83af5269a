package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.IntervalSet;

/**
 * The test of one connected component of a selected region ({@code --components}; DESIGN.md section 4, an element
 * of a result's {@code components} array): the statistic's contrast computed on the component's pixels, conditioned
 * on the whole selected region (which fixes the components and the size filter, so the p-value is valid). A
 * component smaller than the minimum size is listed with outcome {@code too_small} and no p-value. The adjusted
 * p-value ({@code fdr_p}, method {@code fdr_method}) is added by whoever knows the family (the image's components
 * in {@code test}, every component of every image in {@code batch}); null until then and for an untested component.
 *
 * @param index the component's number in the image, from 0, in the row-major order of its first pixel
 * @param size its pixels, {@code >= 1}
 * @param boundingBox {@code [top, left, bottom, right]}, inclusive pixel rows and columns
 * @param pixels its row-major pixel indices, increasing
 * @param outcome {@code tested} or {@code too_small}
 * @param statistic the observed \( T = \eta^\top Y \) of the component's contrast; null unless tested
 * @param sigmaT \( \sigma_T \) of that contrast; null unless tested
 * @param selectiveP the selective p-value; null unless tested
 * @param pBounds bounds on it (equal when exhaustive; the upper end is the valid p-value after an early stop)
 * @param ocP the over-conditioned p-value; null unless tested, and null for a certified search
 * @param naiveP the naive p-value (not valid: the data chose the component); null unless tested
 * @param fdrP the adjusted p-value over the family, or null
 * @param fdrMethod {@code by} or {@code bh} when {@code fdrP} is given, else null
 * @param ci the selective confidence interval for the component's \( \eta^\top\mu \); null unless tested
 * @param intervals the truncation set of the component's test line; null unless tested
 * @param pieces linear pieces its search visited (0 unless tested)
 * @param stopReason why its search stopped; null unless tested
 * @param seconds wall time of its search
 */
@JsonPropertyOrder({"index", "size", "bounding_box", "pixels", "outcome", "statistic", "sigma_t", "selective_p",
        "p_bounds", "oc_p", "naive_p", "fdr_p", "fdr_method", "ci", "intervals", "pieces", "stop_reason", "seconds"})
public record ComponentResult(
        @JsonProperty("index") int index,
        @JsonProperty("size") int size,
        @JsonProperty("bounding_box") int[] boundingBox,
        @JsonProperty("pixels") int[] pixels,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("statistic") Double statistic,
        @JsonProperty("sigma_t") Double sigmaT,
        @JsonProperty("selective_p") Double selectiveP,
        @JsonProperty("p_bounds") ProbabilityBounds pBounds,
        @JsonProperty("oc_p") Double ocP,
        @JsonProperty("naive_p") Double naiveP,
        @JsonProperty("fdr_p") Double fdrP,
        @JsonProperty("fdr_method") String fdrMethod,
        @JsonProperty("ci") ConfidenceInterval ci,
        @JsonProperty("intervals") IntervalSet intervals,
        @JsonProperty("pieces") long pieces,
        @JsonProperty("stop_reason") StopReason stopReason,
        @JsonProperty("seconds") double seconds) {

    /** Outcome of a component that was tested. */
    public static final String TESTED = "tested";
    /** Outcome of a component smaller than the minimum size: not tested, no p-value. */
    public static final String TOO_SMALL = "too_small";

    /**
     * @throws InvalidValueException if the fields do not fit the outcome, a p-value is not a probability, or the
     *     pixels do not fit the size and the bounding box
     */
    public ComponentResult {
        if (index < 0 || size < 1 || pixels == null || pixels.length != size || boundingBox == null
                || boundingBox.length != 4) {
            throw InvalidValueException.of("a component needs index >= 0, size >= 1, size pixels and a bounding box "
                    + "of 4 numbers, got index %d, size %d", index, size);
        }
        pixels = pixels.clone();
        boundingBox = boundingBox.clone();
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw InvalidValueException.of("seconds must be finite and >= 0, got %s", seconds);
        }
        if (TESTED.equals(outcome)) {
            for (Double p : new Double[] {selectiveP, ocP, naiveP}) {
                if (p == null && p == ocP) {
                    continue; // a certified search has no OC p-value
                }
                if (p == null || !(p >= 0 && p <= 1)) {
                    throw InvalidValueException.of("a tested component's p-values must be in [0, 1], got %s", p);
                }
            }
            if (pBounds == null || ci == null || intervals == null || stopReason == null || statistic == null
                    || sigmaT == null) {
                throw new InvalidValueException("a tested component needs statistic, sigma_t, p_bounds, ci, "
                        + "intervals and stop_reason");
            }
        } else if (TOO_SMALL.equals(outcome)) {
            if (selectiveP != null || ocP != null || naiveP != null || pBounds != null || fdrP != null
                    || statistic != null || sigmaT != null || ci != null || intervals != null || stopReason != null
                    || pieces != 0) {
                throw new InvalidValueException("a component too small to test has no p-value, statistic nor search");
            }
        } else {
            throw InvalidValueException.of("component outcome must be tested or too_small, got %s", outcome);
        }
        if ((fdrP == null) != (fdrMethod == null) || fdrP != null && !(fdrP >= 0 && fdrP <= 1)) {
            throw InvalidValueException.of("fdr_p (%s) and fdr_method (%s) are given together, fdr_p in [0, 1]",
                    fdrP, fdrMethod);
        }
    }

    /**
     * @param index the component's number
     * @param part its pixels
     * @param result the test of its contrast (tested)
     * @return the tested component
     */
    public static ComponentResult tested(int index, Region part, SelectiveResult result) {
        Objects.requireNonNull(part, "part");
        if (!result.tested()) {
            throw InvalidValueException.of("component %d: its result has outcome %s, not tested", index,
                    result.outcome().label());
        }
        int[] pixels = part.pixels();
        return new ComponentResult(index, part.size(), box(pixels, part.width()), pixels, TESTED, result.statistic(),
                result.sigmaT(), result.selectiveP(), result.pBounds(), result.ocP(), result.naiveP(), null, null,
                result.ci(), result.intervals(), result.pieces(), result.stopReason(), result.seconds());
    }

    /**
     * @param index the component's number
     * @param pixels its row-major pixel indices, increasing
     * @param width the image's columns
     * @return the component, listed but not tested
     */
    public static ComponentResult tooSmall(int index, int[] pixels, int width) {
        return new ComponentResult(index, pixels.length, box(pixels, width), pixels, TOO_SMALL, null, null, null, null,
                null, null, null, null, null, null, 0, null, 0);
    }

    /** @return whether the component was tested (then it has p-values) */
    @JsonIgnore
    public boolean tested() {
        return TESTED.equals(outcome);
    }

    /**
     * @return the valid p-value that an adjustment takes: the upper bound {@code p_bounds[1]} (equal to
     *     {@code selective_p} after an exhaustive search)
     * @throws InvalidValueException if the component was not tested
     */
    @JsonIgnore
    public double validP() {
        if (!tested()) {
            throw InvalidValueException.of("component %d was not tested", index);
        }
        return pBounds.upper();
    }

    /**
     * @param adjusted the adjusted p-value over the family
     * @param method the adjustment's name ({@code by}, {@code bh})
     * @return a copy carrying them
     */
    public ComponentResult withFdr(double adjusted, String method) {
        return new ComponentResult(index, size, boundingBox, pixels, outcome, statistic, sigmaT, selectiveP, pBounds,
                ocP, naiveP, adjusted, method == null ? null : method.toLowerCase(Locale.ROOT), ci, intervals, pieces,
                stopReason, seconds);
    }

    @Override
    public int[] boundingBox() {
        return boundingBox.clone();
    }

    @Override
    public int[] pixels() {
        return pixels.clone();
    }

    private static int[] box(int[] pixels, int width) {
        if (pixels.length == 0 || width < 1) {
            throw InvalidValueException.of("a component needs pixels, got %d on a grid of width %d", pixels.length,
                    width);
        }
        int top = Integer.MAX_VALUE;
        int left = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int p : pixels) {
            int h = p / width;
            int w = p % width;
            top = Math.min(top, h);
            bottom = Math.max(bottom, h);
            left = Math.min(left, w);
            right = Math.max(right, w);
        }
        return new int[] {top, left, bottom, right};
    }
}
