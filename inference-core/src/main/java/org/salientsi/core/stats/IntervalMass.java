package org.salientsi.core.stats;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfcx;

/**
 * Log probability masses of intervals under \( N(\mu, s^2) \), relative to a reference point.
 *
 * <p>{@link #scaledLogMass} returns \( \log P(L \le X \le U) + x_0^2 / 2 \) with
 * \( x_0 = (X_0 - \mu)/s \). The reference cancels in every ratio of masses (a CDF, a p-value) and
 * keeps the exponents that matter small: an interval near \( X_0 \) gets a log mass of order one even
 * at 1,000 standard deviations, where \( \log P \) itself is about \( -5 \times 10^5 \) and would
 * carry an absolute rounding error of \( 10^{-10} \). Every difference of squares
 * \( (a^2 - b^2)/2 \) is formed as \( (A - B)(A + B - 2\mu) / (2 s^2) \) from the ends in the
 * original units, so no large square is ever subtracted.
 *
 * <p>Three forms, each free of cancellation:
 * <ul>
 *   <li>narrow intervals (\( h = (U - L)/(2s) \le 1/2 \) and \( |m| h \le 1/2 \), \( m \) the
 *   standardised midpoint): the series around the midpoint,
 *   \( P = 2 h \varphi(m) \sum_{j \ge 0} \mathrm{He}_{2j}(m)\, h^{2j} / ((2j+1)(2j)!) \);</li>
 *   <li>intervals that straddle the mean: \( P = (\mathrm{erf}(u/\sqrt2) + \mathrm{erf}(-l/\sqrt2))/2 \),
 *   a sum of two non-negative terms;</li>
 *   <li>intervals in one tail (mirrored to the upper one): with \( n \le f \) the standardised near
 *   and far ends, \( P = \bar\Phi(n)(1 - R) \),
 *   \( \log \bar\Phi(n) = \log(\mathrm{erfcx}(n/\sqrt2)/2) - n^2/2 \),
 *   \( \log R = \log \mathrm{erfcx}(f/\sqrt2) - \log \mathrm{erfcx}(n/\sqrt2) - (f^2 - n^2)/2 \),
 *   and \( 1 - R = -\mathrm{expm1}(\log R) \); outside the series' domain \( 1 - R > 0.39 \).</li>
 * </ul>
 */
public final class IntervalMass {

    private static final double SQRT1_2 = Math.sqrt(0.5);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN2 = Math.log(2);
    private static final int MAX_SERIES_TERMS = 400;

    private IntervalMass() {
    }

    /**
     * @param lo lower end (original units), may be {@code -inf}
     * @param hi upper end, {@code > lo}, may be {@code +inf}
     * @param mean \( \mu \)
     * @param sd \( s > 0 \)
     * @param ref reference point \( X_0 \), finite
     * @return \( \log P(lo \le X \le hi) + ((X_0 - \mu)/s)^2 / 2 \)
     */
    public static double scaledLogMass(double lo, double hi, double mean, double sd, double ref) {
        double h = (hi - lo) / (2 * sd);
        if (Double.isFinite(h)) {
            // the midpoint as offsets from the mean and from the reference, never rounded at the scale of |mean|
            double midOffset = ((lo - mean) + (hi - mean)) / 2;
            double m = midOffset / sd;
            if (h <= 0.5 && Math.abs(m) * h <= 0.5) {
                double d = ((lo - ref) + (hi - ref)) / (2 * sd);
                double s = (midOffset + (ref - mean)) / sd;
                return Math.log(2 * h) - LOG_SQRT_2PI - 0.5 * d * s + Math.log(series(m, h));
            }
        }
        if (lo < mean && hi > mean) {
            double l = (mean - lo) / sd;
            double u = (hi - mean) / sd;
            double mass = 0.5 * (erf(u) + erf(l));
            double x0 = (ref - mean) / sd;
            return Math.log(mass) + 0.5 * x0 * x0;
        }
        // One tail: near end n (closest to the mean) and far end f.
        boolean upper = lo >= mean;
        double near = upper ? lo : hi;
        double far = upper ? hi : lo;
        double n = Math.abs(near - mean) / sd;
        double f = Math.abs(far - mean) / sd;
        double logTail = Math.log(0.5 * Erfcx.value(n * SQRT1_2)) + exponent(near, ref, mean, sd);
        if (Double.isInfinite(f)) {
            return logTail;
        }
        double logR = Math.log(Erfcx.value(f * SQRT1_2)) - Math.log(Erfcx.value(n * SQRT1_2))
                - halfSquareDifference(far, near, mean, sd);
        return logTail + Math.log(-Math.expm1(logR));
    }

    /**
     * @return \( -(a^2 - x_0^2)/2 \) for the standardised {@code a} and reference, from original units
     */
    private static double exponent(double a, double ref, double mean, double sd) {
        return -halfSquareDifference(a, ref, mean, sd);
    }

    /**
     * @return \( (a^2 - b^2)/2 \) of the standardised values, as \( (A - B)(A + B - 2\mu)/(2 s^2) \)
     */
    private static double halfSquareDifference(double a, double b, double mean, double sd) {
        double d = (a - b) / sd;
        if (d == 0) {
            return 0;
        }
        double s = ((a - mean) + (b - mean)) / sd;
        return 0.5 * d * s;
    }

    private static double erf(double x) {
        return Double.isInfinite(x) ? 1.0 : Erf.value(x * SQRT1_2);
    }

    /**
     * \( \sum_j g_{2j} / (2j + 1) \) with \( g_k = \mathrm{He}_k(m) h^k / k! \), from
     * \( g_{k+1} = (m h g_k - h^2 g_{k-1}) / (k + 1) \).
     */
    static double series(double m, double h) {
        double mh = m * h;
        double h2 = h * h;
        double gPrev = 1; // g_0
        double g = mh; // g_1
        double sum = 1;
        int quiet = 0;
        for (int k = 1; k < MAX_SERIES_TERMS; k++) {
            double next = (mh * g - h2 * gPrev) / (k + 1); // g_{k+1}
            gPrev = g;
            g = next;
            if ((k + 1) % 2 == 0) {
                double term = g / (k + 2);
                sum += term;
                if (Math.abs(term) <= 1e-18 * Math.abs(sum)) {
                    if (++quiet >= 2) {
                        return sum;
                    }
                } else {
                    quiet = 0;
                }
            }
        }
        return sum;
    }

    /**
     * @param a a log value
     * @param b a log value
     * @return \( \log(e^a + e^b) \)
     */
    public static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }

    /** @return \( \log 2 \) */
    static double ln2() {
        return LN2;
    }
}
