package org.salientsi.cli.command;

import java.nio.file.Path;
import org.salientsi.io.Npy;
import org.salientsi.io.NpyArray;
import org.salientsi.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * The noise of the images: {@code --sigma S}, {@code --covariance FILE.npy} or {@code --noise-from DIR} (exactly
 * one; an ArgGroup).
 */
public final class NoiseOptions {

    @Option(names = "--sigma", paramLabel = "S",
            description = "Noise standard deviation of each pixel, in the image's units (PNG pixels are scaled to "
                    + "[0, 1]: two grey levels are 2/255 = 0.0078); a finite number > 0. No default: the p-value is "
                    + "only valid at the true noise level.")
    Double sigma;

    @Option(names = "--covariance", paramLabel = "FILE",
            description = "Full n x n noise covariance of the image (.npy, n = H*W*C in the image's (H, W, C) "
                    + "order), symmetric positive definite, in squared image units; replaces sigma^2 I. References "
                    + "have the same covariance, divided by their number. Default: none (sigma^2 I from --sigma).")
    Path covariance;

    @Option(names = "--noise-from", paramLabel = "DIR",
            description = "Estimate sigma from repeated scans the selection never sees: the images in DIR are scans "
                    + "of one scene, and each sub-folder holds scans of another (e.g. pairs of reference images). "
                    + "Pooled within-scene variance with n (m - 1) degrees of freedom per scene of m scans of n "
                    + "values; results report sigma_source and sigma_df. The estimate is plugged in (an approximate "
                    + "test; see the README's study) unless --sigma-upper is given. Default: none.")
    Path noiseFrom;

    /** @return whether a covariance file was given */
    boolean hasCovariance() {
        return covariance != null;
    }

    /** @return the sigma, or {@code null} */
    Double sigma() {
        return sigma;
    }

    /**
     * The most elements a covariance file may hold: 2^28, an {@code n x n} matrix for images of up to 16,384
     * values (2 GiB as doubles); its shape is checked against the images later.
     */
    static final long COVARIANCE_MAX_ELEMENTS = 1L << 28;

    /** @return the covariance array, read from its file, or {@code null} */
    NpyArray covariance() {
        return covariance == null ? null : Npy.read(covariance, ReadLimits.maxElements(COVARIANCE_MAX_ELEMENTS));
    }
}
