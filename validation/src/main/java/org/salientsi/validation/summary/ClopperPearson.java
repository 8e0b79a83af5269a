package org.salientsi.validation.summary;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.salientsi.api.error.InvalidValueException;

/**
 * The Clopper-Pearson ("exact") confidence interval for a binomial proportion (Clopper and Pearson,
 * Biometrika 26, 1934): for {@code x} successes in {@code n} trials at level \( 1 - \gamma \),
 * \( [B(\gamma/2; x, n - x + 1), B(1 - \gamma/2; x + 1, n - x)] \) with \( B(q; a, b) \) the
 * q-quantile of the Beta(a, b) distribution, the lower end 0 when {@code x = 0} and the upper end 1
 * when {@code x = n}. Its coverage is at least the nominal level for every true proportion.
 */
public final class ClopperPearson {

    private static final double QUANTILE_ACCURACY = 1e-14;

    private ClopperPearson() {
    }

    /**
     * @param x successes, {@code 0 <= x <= n}
     * @param n trials, {@code >= 1}
     * @param level confidence level in (0, 1), e.g. 0.95
     * @return {@code [lo, hi]}
     * @throws InvalidValueException on counts or a level out of range
     */
    public static double[] interval(long x, long n, double level) {
        if (n < 1 || x < 0 || x > n) {
            throw InvalidValueException.of("a binomial interval needs 0 <= x <= n and n >= 1, got x = %d, n = %d",
                    x, n);
        }
        if (!(level > 0 && level < 1)) {
            throw InvalidValueException.of("confidence level must be in (0, 1), got %s", level);
        }
        double tail = (1 - level) / 2;
        double lo = x == 0 ? 0.0
                : new BetaDistribution(null, x, n - x + 1, QUANTILE_ACCURACY).inverseCumulativeProbability(tail);
        double hi = x == n ? 1.0
                : new BetaDistribution(null, x + 1, n - x, QUANTILE_ACCURACY).inverseCumulativeProbability(1 - tail);
        return new double[] {lo, hi};
    }
}
