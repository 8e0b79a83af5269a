package org.salientsi.validation.generate;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Box-Muller transform on a {@link SplittableRandom}: each pair of
 * uniforms \( u_1 \in [0, 1), u_2 \in [0, 1) \) gives
 * \( r \cos(2\pi u_2), r \sin(2\pi u_2) \) with \( r = \sqrt{-2 \log(1 - u_1)} \).
 *
 * @implNote {@link StrictMath} rather than {@link Math}, so the values are bit-identical on every
 *     JVM and CPU (a Spark cluster of mixed machines gives the trial rows of a laptop). The JDK's
 *     own {@code nextGaussian} is avoided for the same reason: its algorithm is not specified.
 */
public final class GaussianNoise {

    private GaussianNoise() {
    }

    /**
     * Fills {@code out} with i.i.d. \( N(0, \sigma^2) \) values.
     *
     * @param rng the random source, advanced by {@code 2 * ceil(out.length / 2)} doubles
     * @param sigma the standard deviation, {@code >= 0}
     * @param out the destination
     */
    public static void fill(SplittableRandom rng, double sigma, double[] out) {
        int n = out.length;
        for (int i = 0; i < n; i += 2) {
            double r = StrictMath.sqrt(-2.0 * StrictMath.log1p(-rng.nextDouble())) * sigma;
            double theta = 2.0 * StrictMath.PI * rng.nextDouble();
            out[i] = r * StrictMath.cos(theta);
            if (i + 1 < n) {
                out[i + 1] = r * StrictMath.sin(theta);
            }
        }
    }
}
