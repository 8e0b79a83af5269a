package org.salientsi.core.stats;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Log probability masses of intervals under the scaled chi distribution \( s\chi_d \), relative to a
 * reference point: the chi counterpart of {@link IntervalMass}.
 *
 * <p>With \( r \) standardised (divided by \( s \)), \( x = r^2/2 \) and \( k = d/2 \), the masses below and
 * above \( r \) are the regularised incomplete gamma functions \( P(k, x) \) and \( Q(k, x) \), and both are a
 * common prefix \( \pi(x) = x^k e^{-x} / \Gamma(k) \) times a factor of order one: \( P = \pi(x) S(k, x)/k \)
 * with the series \( S = \sum_{n \ge 0} x^n / ((k+1)\cdots(k+n)) \) (used for \( x < k + 1 \)), and
 * \( Q = \pi(x) F(k, x) \) with Legendre's continued fraction \( F \) (for \( x \ge k + 1 \), evaluated by the
 * modified Lentz method). {@link #scaledLogMass} returns \( \log P(L \le R \le U) - \log \pi(x_0) \) for a
 * reference point \( r_0 \): the prefix ratio is \( d \log(r/r_0) - (r - r_0)(r + r_0)/2 \), so no
 * \( \log\Gamma \) and no large exponent is ever formed, and the result stays of order one near \( r_0 \)
 * however far in a tail \( r_0 \) lies. These are the series and continued fraction that Commons Numbers'
 * {@code RegularizedGamma} evaluates; it returns \( P \) and \( Q \) themselves, which underflow to 0 once
 * they pass \( 10^{-308} \) (at \( r \approx 38 \) for \( d = 1 \)) and would need a \( \log\Gamma(k) \) of
 * size \( 4 \times 10^4 \) (at \( d = 10^4 \)) subtracted to be put relative to a reference point, hence
 * this class.
 *
 * <p>An interval on one side of \( c = \sqrt{d + 2} \) (where \( x = k + 1 \)) is a difference of two
 * tails, formed as \( T_{near}(1 - R) \) with \( R = T_{far}/T_{near} \) and \( 1 - R = -\mathrm{expm1}(\log
 * R) \); when \( 1 - R < 1/4 \) the interval is narrow against the density's scale and its mass is
 * integrated instead (24-point Gauss-Legendre in log space; the log density is then smooth and varies by
 * less than about one over the interval). An interval across \( c \) is split there.
 */
public final class ChiMass {

    private static final int MAX_TERMS = 1_000_000;
    private static final double EPS = 1e-17;
    private static final double TINY = 1e-300;
    /** Convergence of the continued fraction: a factor within one unit in the last place of 1. */
    private static final double ULP = Math.ulp(1.0);
    private static final double QUADRATURE_BELOW = 0.25;
    private static final double LN2 = Math.log(2);
    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(24);
        NODES = new double[rule.getNumberOfPoints()];
        WEIGHTS = new double[NODES.length];
        for (int i = 0; i < NODES.length; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    private final int d;
    private final double k;
    private final double r0;

    private ChiMass(int d, double r0) {
        this.d = d;
        this.k = d / 2.0;
        this.r0 = r0;
    }

    /**
     * @param lo lower end (original units); values below 0 count as 0
     * @param hi upper end, may be {@code +inf}
     * @param degrees \( d \ge 1 \)
     * @param scale \( s > 0 \)
     * @param ref reference point \( r_0 > 0 \), finite (original units)
     * @return \( \log P(lo \le R \le hi) - \log\pi(r_0^2 / (2 s^2)) \), {@code -inf} for an interval without
     *     mass
     */
    public static double scaledLogMass(double lo, double hi, int degrees, double scale, double ref) {
        double a = Math.max(lo, 0) / scale;
        double b = hi / scale;
        if (!(b > a)) {
            return Double.NEGATIVE_INFINITY;
        }
        ChiMass m = new ChiMass(degrees, ref / scale);
        double c = Math.sqrt(degrees + 2.0);
        if (a >= c) {
            return m.upper(a, b);
        }
        if (b <= c) {
            return m.lower(a, b);
        }
        return IntervalMass.logAdd(m.lower(a, c), m.upper(c, b));
    }

    /** Mass of [a, b] with c <= a < b (b may be infinite). */
    private double upper(double a, double b) {
        double near = logQ(a);
        if (Double.isInfinite(b)) {
            return near;
        }
        double one = -Math.expm1(logQ(b) - near);
        return one >= QUADRATURE_BELOW ? near + Math.log(one) : quadrature(a, b);
    }

    /** Mass of [a, b] with 0 <= a < b <= c. */
    private double lower(double a, double b) {
        double near = logP(b);
        if (a == 0) {
            return near;
        }
        double one = -Math.expm1(logP(a) - near);
        return one >= QUADRATURE_BELOW ? near + Math.log(one) : quadrature(a, b);
    }

    /** @return \( \log \pi(x) - \log \pi(x_0) \) at the standardised r */
    private double prefix(double r) {
        double u = (r - r0) / r0;
        double logRatio = Math.abs(u) <= 0.5 ? Math.log1p(u) : Math.log(r) - Math.log(r0);
        return d * logRatio - 0.5 * (r - r0) * (r + r0);
    }

    /** @return the scaled \( \log Q(k, r^2/2) \), for \( r \ge c \) */
    private double logQ(double r) {
        return prefix(r) + Math.log(continuedFraction(k, 0.5 * r * r));
    }

    /** @return the scaled \( \log P(k, r^2/2) \), for \( 0 < r \le c \) */
    private double logP(double r) {
        return prefix(r) + Math.log(series(k, 0.5 * r * r) / k);
    }

    /** Gauss-Legendre quadrature of the density \( (2/r)\pi(r^2/2) \) over [a, b], in log space. */
    private double quadrature(double a, double b) {
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        double[] g = new double[NODES.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < NODES.length; i++) {
            double r = mid + half * NODES[i];
            g[i] = LN2 - Math.log(r) + prefix(r);
            max = Math.max(max, g[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = 0; i < NODES.length; i++) {
            sum += WEIGHTS[i] * Math.exp(g[i] - max);
        }
        return max + Math.log(half * sum);
    }

    /** \( S(k, x) = \sum_{n \ge 0} x^n / ((k+1)\cdots(k+n)) \), so that \( P(k, x) = \pi(x) S / k \). */
    static double series(double k, double x) {
        double term = 1;
        double sum = 1;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= x / (k + n);
            sum += term;
            if (term <= EPS * sum) {
                return sum;
            }
        }
        return sum;
    }

    /**
     * Legendre's continued fraction \( F(k, x) = 1/(x + 1 - k - 1(1 - k)/(x + 3 - k - 2(2 - k)/(x + 5 - k -
     * \cdots))) \), so that \( Q(k, x) = \pi(x) F \); modified Lentz, for \( x \ge k + 1 \).
     */
    static double continuedFraction(double k, double x) {
        double b = x + 1 - k;
        double c = 1 / TINY;
        double dd = 1 / b;
        double h = dd;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - k);
            b += 2;
            dd = an * dd + b;
            if (Math.abs(dd) < TINY) {
                dd = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            dd = 1 / dd;
            double delta = dd * c;
            h *= delta;
            if (Math.abs(delta - 1) <= ULP) {
                return h;
            }
        }
        return h;
    }
}
