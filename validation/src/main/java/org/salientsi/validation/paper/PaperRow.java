package org.salientsi.validation.paper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One setting of the paper's experiment: our rates next to the paper's.
 *
 * @param kind {@code fpr} (null images) or {@code tpr} (signal images)
 * @param size the image side in pixels
 * @param delta the signal's delta (0 for fpr)
 * @param trials our p-values
 * @param emptyRegions our redrawn empty regions
 * @param naive our naive rate and its 95% interval {@code [rate, lo, hi]}
 * @param oc our OC rate and interval
 * @param selective our selective rate and interval
 * @param selectiveKsP the KS p-value of our selective p-values against U(0, 1) (meaningful for fpr)
 * @param paper the paper's {@code [naive, oc, selective]} rates, or {@code null}
 * @param secondsPerTrial the mean wall time of a trial (one thread)
 * @param piecesPerTrial the mean number of pieces a search visited
 */
@JsonPropertyOrder({"kind", "size", "delta", "trials", "empty_regions", "naive", "oc", "selective", "selective_ks_p",
        "paper", "seconds_per_trial", "pieces_per_trial"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PaperRow(
        @JsonProperty("kind") String kind,
        @JsonProperty("size") int size,
        @JsonProperty("delta") double delta,
        @JsonProperty("trials") long trials,
        @JsonProperty("empty_regions") long emptyRegions,
        @JsonProperty("naive") double[] naive,
        @JsonProperty("oc") double[] oc,
        @JsonProperty("selective") double[] selective,
        @JsonProperty("selective_ks_p") double selectiveKsP,
        @JsonProperty("paper") double[] paper,
        @JsonProperty("seconds_per_trial") double secondsPerTrial,
        @JsonProperty("pieces_per_trial") double piecesPerTrial) {
}
