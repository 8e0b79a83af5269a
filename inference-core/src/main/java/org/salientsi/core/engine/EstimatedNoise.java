package org.salientsi.core.engine;

import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.core.search.NoiseModel;

/**
 * Isotropic noise whose sigma was estimated from independent scans ({@code --noise-from}): either the
 * estimate plugged in (an approximate test: its level is off by the estimate's error, see the README's plug-in
 * study), or, with {@code beta > 0}, its (1 - beta) upper confidence limit: a test whose p-value does not
 * decrease as sigma grows (the {@code abs} alternative, or a chi statistic) then has level at most
 * alpha + beta. Provenance records the source, the estimate, its degrees of freedom and beta.
 *
 * @param estimate the estimate and its degrees of freedom
 * @param beta 0 for the plug-in, or the upper limit's beta in (0, 1)
 * @param source where the scans came from (a folder), for provenance
 */
public record EstimatedNoise(NoiseEstimate estimate, double beta, String source) implements NoiseSpec {

    /** Validates beta. */
    public EstimatedNoise {
        if (estimate == null) {
            throw InvalidOptionException.of("noise-from", "needs an estimate");
        }
        if (!(beta == 0 || (beta > 0 && beta < 1))) {
            throw InvalidOptionException.of("sigma-upper", "must be a probability beta in (0, 1), got " + beta);
        }
    }

    /** @return the sigma the tests use: the estimate, or its upper confidence limit */
    public double sigma() {
        return beta > 0 ? estimate.upperLimit(beta) : estimate.sigma();
    }

    @Override
    public NoiseModel model(int n) {
        return NoiseModel.isotropic(sigma());
    }

    @Override
    public String label() {
        return null;
    }

    @Override
    public boolean conservative() {
        return beta > 0;
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new TreeMap<>();
        p.put("sigma_source", beta > 0 ? "upper-limit" : "estimated");
        p.put("sigma_df", Long.toString(estimate.df()));
        p.put("sigma_estimate", Double.toString(estimate.sigma()));
        p.put("noise_from", source);
        p.put("noise_images", Integer.toString(estimate.images()));
        if (beta > 0) {
            p.put("sigma_upper_beta", Double.toString(beta));
        }
        return p;
    }
}
