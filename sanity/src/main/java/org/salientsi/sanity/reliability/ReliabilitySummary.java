package org.salientsi.sanity.reliability;

import java.util.List;

/**
 * The reliability of the metrics of one implementation variant (SANITY.md section 2.5).
 *
 * @param variant the variant's label
 * @param metrics one entry per metric
 * @param consistency internal consistency of the metric pairs
 * @param reversals rank comparisons of the metric pairs
 */
public record ReliabilitySummary(String variant, List<MetricReliability> metrics, List<InternalConsistency> consistency,
                                 List<RankReversal> reversals) {

    /**
     * The reliability of one metric.
     *
     * @param metric metric name
     * @param images images with at least one score
     * @param ordinal Krippendorff's alpha (ordinal) of the ranks, every method
     * @param interval Krippendorff's alpha (interval) of the ranks, every method
     * @param ordinalWithoutControls ordinal alpha without the control methods ({@code null} if there are none)
     * @param interMethod inter-method Spearman matrix and mean, every method
     * @param interMethodWithoutControls the same without the controls ({@code null} if there are none)
     * @param kendallW Kendall's W of the per-image rankings
     */
    public record MetricReliability(String metric, int images, KrippendorffAlpha.Estimate ordinal,
                                    KrippendorffAlpha.Estimate interval,
                                    KrippendorffAlpha.Estimate ordinalWithoutControls,
                                    InterMethodReliability interMethod,
                                    InterMethodReliability interMethodWithoutControls, double kendallW) {
    }
}
