package org.salientsi.sanity.metrics;

import java.util.List;
import java.util.Map;
import org.salientsi.api.result.Provenance;
import org.salientsi.sanity.perturb.PerturbationConfig;
import org.salientsi.sanity.reliability.ReliabilitySummary;
import org.salientsi.sanity.reliability.ScoreMatrix;

/**
 * The outcome of a {@link MetricsStudy}.
 *
 * @param images image labels
 * @param methods method names
 * @param variants one entry per implementation variant
 * @param seconds wall time of the study (maps, curves and statistics)
 * @param forwardPasses network evaluations made for the curves and drops
 * @param provenance model, methods, options and seeds
 */
public record MetricsResult(List<String> images, List<String> methods, List<Variant> variants, double seconds,
                            long forwardPasses, Provenance provenance) {

    /**
     * One implementation variant.
     *
     * @param config every choice of the variant
     * @param steps the effective number of steps L
     * @param matrices score matrices by metric name
     * @param meanCurves mean curves by method, then by kind ({@code morf}, {@code lerf}, {@code insertion},
     *     {@code random}); each {@code L + 1} values
     * @param curves per-image curves: {@code [image][method]} then by kind
     * @param reliability the reliability statistics
     */
    public record Variant(PerturbationConfig config, int steps, Map<String, ScoreMatrix> matrices,
                          Map<String, Map<String, double[]>> meanCurves, List<List<Map<String, double[]>>> curves,
                          ReliabilitySummary reliability) {

        /** @return the variant's label */
        public String label() {
            return config.label();
        }
    }
}
