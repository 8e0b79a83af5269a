package org.salientsi.core.search;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.core.stats.IntervalMass;

/**
 * The selective confidence interval for \( \eta^\top\mu \): the means \( \mu \) not rejected by the
 * equal-tailed test based on the pivot \( F_\mu(T) \), the CDF at \( T \) of \( N(\mu, \sigma_T^2) \)
 * truncated to \( Z \) (Lee et al., Ann. Stat. 2016). \( F_\mu(T) \) decreases in \( \mu \); the upper
 * end solves \( F_\mu(T) = \alpha/2 \), the lower end \( 1 - F_\mu(T) = \alpha/2 \).
 *
 * <p>The pivot is known only where the line has been searched. Each end is certified with bounds from
 * the unexplored part of the line (as for bounded p-values): at \( \mu^* \pm \delta \),
 * \( \delta = 10^{-3}\sigma_T \), the pivot must lie on the right side of the level for every
 * completion of \( Z \). Otherwise the search is widened around \( \mu^* \) and the end solved again;
 * an end that cannot be bracketed within \( T \pm 1000\,\sigma_T \) or certified is unbounded
 * ({@code null}).
 */
final class SelectiveInterval {

    /** The part of the search the interval needs: the set found so far and a way to widen it. */
    interface Explorer {
        /** @return the truncation set found so far */
        IntervalSet found();

        /** @return lower end of the explored range */
        double leftFrontier();

        /** @return upper end of the explored range */
        double rightFrontier();

        /**
         * Widens the explored range to cover {@code [lo, hi]} as far as allowed.
         *
         * @return whether the explored range grew
         */
        boolean extend(double lo, double hi);
    }

    /** How far the interval's ends are sought, in sigma_T from T. */
    static final double REACH = 1000;
    private static final int MAX_ROUNDS = 8;

    private final double level;
    private final double t;
    private final double sigma;
    private final double cLo;
    private final double cHi;
    private final double logTarget;
    private final double delta;

    /**
     * @param level confidence level
     * @param t observed statistic
     * @param sigma its standard deviation
     * @param cLo lower end of the region allowed by the statistic's constraints (outside, Z is empty)
     * @param cHi upper end of that region
     */
    SelectiveInterval(double level, double t, double sigma, double cLo, double cHi) {
        this.level = level;
        this.t = t;
        this.sigma = sigma;
        this.cLo = cLo;
        this.cHi = cHi;
        this.logTarget = Math.log((1 - level) / 2);
        this.delta = 1e-3 * sigma;
    }

    /** @return the interval {@code [lo, hi]}, a {@code null} end where the data cannot bound it */
    Double[] solve(Explorer explorer) {
        Double[] ends = {null, null};
        boolean[] settled = {false, false};
        double reach = 20;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            IntervalSet z = explorer.found();
            double want = Double.NaN;
            for (int side = 0; side < 2; side++) {
                if (settled[side]) {
                    continue;
                }
                boolean upper = side == 1;
                double root = root(z, upper);
                if (Double.isNaN(root)) {
                    settled[side] = true;
                    continue;
                }
                if (certified(z, explorer.leftFrontier(), explorer.rightFrontier(), root, upper)) {
                    ends[side] = root;
                    settled[side] = true;
                } else {
                    want = Double.isNaN(want) ? root : want;
                    double lo = Math.min(root, want) - reach * sigma;
                    double hi = Math.max(root, want) + reach * sigma;
                    if (!explorer.extend(Math.max(lo, t - REACH * sigma), Math.min(hi, t + REACH * sigma))) {
                        settled[side] = true;
                    }
                }
            }
            if (settled[0] && settled[1]) {
                return ends;
            }
            reach *= 2;
        }
        return ends;
    }

    /** The root on the explored set, or NaN if it cannot be bracketed within T +- 1000 sigma. */
    private double root(IntervalSet z, boolean upper) {
        java.util.function.DoubleUnaryOperator f = mu -> {
            double[] m = masses(z, mu);
            double total = IntervalMass.logAdd(m[0], m[1]);
            return (upper ? m[0] - total : m[1] - total) - logTarget;
        };
        // upper: f decreasing in mu; lower: f increasing
        double sign = upper ? 1 : -1;
        double f0 = f.applyAsDouble(t);
        if (Double.isNaN(f0)) {
            return Double.NaN;
        }
        double dir = sign * f0 > 0 ? 1 : -1; // move towards the root
        double a = t;
        double fa = f0;
        double step = sigma;
        while (Math.abs(a - t) <= REACH * sigma) {
            double b = a + dir * step;
            double fb = f.applyAsDouble(b);
            if (Double.isNaN(fb)) {
                return Double.NaN;
            }
            if (fa == 0) {
                return a;
            }
            if (Math.signum(fb) != Math.signum(fa) || fb == 0) {
                double lo = Math.min(a, b);
                double hi = Math.max(a, b);
                if (Double.isInfinite(fa) || Double.isInfinite(fb)) {
                    return bisect(f, lo, hi, sigma);
                }
                try {
                    return new BrentSolver(1e-14, 1e-7 * sigma).solve(500, f::applyAsDouble, lo, hi);
                } catch (TooManyEvaluationsException e) {
                    return bisect(f, lo, hi, sigma);
                }
            }
            a = b;
            fa = fb;
            step *= 2;
        }
        return Double.NaN;
    }

    /**
     * Bisects {@code [lo, hi]} down to {@code 1e-12} of the larger of {@code sigma} and {@code |lo|} (relative
     * to the line's scale, so that data and noise scaled together give the interval scaled).
     */
    private static double bisect(java.util.function.DoubleUnaryOperator f, double lo, double hi, double sigma) {
        double flo = f.applyAsDouble(lo);
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(sigma, Math.abs(lo)); i++) {
            double mid = 0.5 * (lo + hi);
            double fm = f.applyAsDouble(mid);
            if (Math.signum(fm) == Math.signum(flo)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Log masses (reference T) of Z below and above T under N(mu, sigma^2). */
    private double[] masses(IntervalSet z, double mu) {
        double below = Double.NEGATIVE_INFINITY;
        double above = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.size(); i++) {
            double a = z.lower(i);
            double b = z.upper(i);
            if (a < t) {
                below = IntervalMass.logAdd(below, IntervalMass.scaledLogMass(a, Math.min(b, t), mu, sigma, t));
            }
            if (b > t) {
                above = IntervalMass.logAdd(above, IntervalMass.scaledLogMass(Math.max(a, t), b, mu, sigma, t));
            }
        }
        return new double[] {below, above};
    }

    /**
     * Whether the root on the explored set is within delta of the root of every completion of Z by the
     * unexplored parts {@code [cLo, left]} and {@code [right, cHi]}.
     */
    private boolean certified(IntervalSet z, double left, double right, double root, boolean upper) {
        if (upper) {
            // F(mu) <= target at root + delta for the largest F, and >= target at root - delta for the smallest
            return logF(z, left, right, root + delta, true) <= logTarget
                    && logF(z, left, right, root - delta, false) >= logTarget;
        }
        return logSf(z, left, right, root - delta, true) <= logTarget
                && logSf(z, left, right, root + delta, false) >= logTarget;
    }

    private double logF(IntervalSet z, double left, double right, double mu, boolean largest) {
        double[] m = masses(z, mu);
        double[] u = unexplored(left, right, mu);
        double below = largest ? IntervalMass.logAdd(m[0], u[0]) : m[0];
        double above = largest ? m[1] : IntervalMass.logAdd(m[1], u[1]);
        return below - IntervalMass.logAdd(below, above);
    }

    private double logSf(IntervalSet z, double left, double right, double mu, boolean largest) {
        double[] m = masses(z, mu);
        double[] u = unexplored(left, right, mu);
        double above = largest ? IntervalMass.logAdd(m[1], u[1]) : m[1];
        double below = largest ? m[0] : IntervalMass.logAdd(m[0], u[0]);
        return above - IntervalMass.logAdd(below, above);
    }

    private double[] unexplored(double left, double right, double mu) {
        double below = cLo < left ? IntervalMass.scaledLogMass(cLo, left, mu, sigma, t) : Double.NEGATIVE_INFINITY;
        double above = right < cHi ? IntervalMass.scaledLogMass(right, cHi, mu, sigma, t) : Double.NEGATIVE_INFINITY;
        return new double[] {below, above};
    }

    @Override
    public String toString() {
        return "SelectiveInterval[" + level + "]";
    }
}
