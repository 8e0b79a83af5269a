package org.salientsi.core.testing;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom} (Box-Muller), for seeded test data. */
public final class Gaussian {

    private Gaussian() {
    }

    /**
     * @param rng generator
     * @return one N(0, 1) draw
     */
    public static double next(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * @param rng generator
     * @param n length
     * @param scale standard deviation
     * @return n independent N(0, scale^2) draws
     */
    public static double[] vector(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * next(rng);
        }
        return v;
    }
}
