package org.salientsi.sanity.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every reliability statistic on the score matrices of one variant: alpha (ordinal and interval
 * on ranks, with bootstrap intervals, with and without the controls), inter-method Spearman, Kendall's
 * W, and for the metric pairs of Tomsett et al. (AOPC-MoRF/AOPC-LeRF, F/AOPC-MoRF, F/AOPC-LeRF, plus
 * any other pair present) the internal consistency and rank reversals. Stateless.
 */
public final class ReliabilityAnalysis {

    /** The metric pairs Tomsett et al. report, by metric name. */
    public static final List<List<String>> PAIRS = List.of(List.of("aopc-morf", "aopc-lerf"),
            List.of("faithfulness", "aopc-morf"), List.of("faithfulness", "aopc-lerf"),
            List.of("deletion-auc", "insertion-auc"));

    private ReliabilityAnalysis() {
    }

    /**
     * @param variant the variant's label
     * @param matrices score matrices by metric name (same images and methods)
     * @param options bootstrap and control settings
     * @return the summary
     */
    public static ReliabilitySummary analyse(String variant, Map<String, ScoreMatrix> matrices,
                                             ReliabilityOptions options) {
        List<ReliabilitySummary.MetricReliability> metrics = new ArrayList<>();
        for (Map.Entry<String, ScoreMatrix> e : matrices.entrySet()) {
            metrics.add(metric(e.getValue(), options));
        }
        List<InternalConsistency> consistency = new ArrayList<>();
        List<RankReversal> reversals = new ArrayList<>();
        for (List<String> pair : PAIRS) {
            ScoreMatrix a = matrices.get(pair.get(0));
            ScoreMatrix b = matrices.get(pair.get(1));
            if (a != null && b != null) {
                consistency.add(InternalConsistency.of(a, b));
                reversals.add(RankReversal.of(a, b));
            }
        }
        return new ReliabilitySummary(variant, metrics, consistency, reversals);
    }

    /**
     * @param s one metric's score matrix
     * @param options bootstrap and control settings
     * @return its reliability
     */
    public static ReliabilitySummary.MetricReliability metric(ScoreMatrix s, ReliabilityOptions options) {
        double[][] ranks = s.ranks();
        int images = 0;
        for (double[] row : ranks) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    images++;
                    break;
                }
            }
        }
        KrippendorffAlpha.Estimate ordinal = KrippendorffAlpha.bootstrap(ranks, KrippendorffAlpha.Level.ORDINAL,
                options.replicates(), options.confidence(), options.seed());
        KrippendorffAlpha.Estimate interval = KrippendorffAlpha.bootstrap(ranks, KrippendorffAlpha.Level.INTERVAL,
                options.replicates(), options.confidence(), options.seed());
        Set<String> present = new HashSet<>(s.methods());
        present.retainAll(options.controls());
        KrippendorffAlpha.Estimate noControls = null;
        InterMethodReliability imrNoControls = null;
        if (!present.isEmpty() && s.methodCount() - present.size() >= 2) {
            ScoreMatrix reduced = s.withoutMethods(present);
            noControls = KrippendorffAlpha.bootstrap(reduced.ranks(), KrippendorffAlpha.Level.ORDINAL,
                    options.replicates(), options.confidence(), options.seed());
            imrNoControls = InterMethodReliability.of(reduced);
        }
        return new ReliabilitySummary.MetricReliability(s.metric(), images, ordinal, interval, noControls,
                InterMethodReliability.of(s), imrNoControls, KendallW.of(ranks));
    }
}
