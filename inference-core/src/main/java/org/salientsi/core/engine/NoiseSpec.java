package org.salientsi.core.engine;

import org.salientsi.core.search.NoiseModel;

/**
 * Where a test's noise model comes from: a per-pixel standard deviation ({@link #sigma}) or a
 * covariance, whose size is only checked against an image's. Implementations are values (equal when
 * they give the same model), so that specifications can key caches.
 */
public interface NoiseSpec {

    /**
     * @param n the number of values of the images tested ({@code H*W*C})
     * @return the noise model for such images
     * @throws org.salientsi.api.error.InvalidInputException if the noise does not fit images of {@code n}
     *     values, or is not a valid covariance
     */
    NoiseModel model(int n);

    /**
     * @return how the noise is recorded in provenance's options ({@code covariance}), or {@code null} when
     *     it is a sigma (which has a provenance field of its own)
     */
    String label();

    /**
     * @return options that provenance records about the noise's origin ({@code sigma_source}, {@code sigma_df},
     *     ...; empty for a given sigma or covariance)
     */
    default java.util.Map<String, String> provenance() {
        return java.util.Map.of();
    }

    /**
     * @return whether the noise level is an upper confidence limit, valid only for tests whose p-value does not
     *     decrease as sigma grows ({@code abs}, chi statistics)
     */
    default boolean conservative() {
        return false;
    }

    /**
     * @param sigma the noise standard deviation of each pixel, in the image's units
     * @return isotropic noise {@code sigma^2 I}
     * @throws org.salientsi.api.error.InvalidOptionException if sigma is not finite and {@code > 0}, or is
     *     subnormal
     */
    static NoiseSpec sigma(double sigma) {
        return Sigma.of(sigma);
    }
}
