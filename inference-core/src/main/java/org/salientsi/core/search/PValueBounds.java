package org.salientsi.core.search;

import org.salientsi.api.result.Alternative;
import org.salientsi.core.stats.IntervalMass;

/**
 * Running log masses (reference T) of the truncation set found so far, split by the thresholds of
 * the alternative, and the bounds they give on the selective p-value (Shiraishi et al.). Nothing is
 * allocated per call: the split of an interval and the last bounds are kept in fields.
 */
final class PValueBounds {

    private final Alternative alternative;
    private final double lo;
    private final double hi;
    private final double sigma;
    private final double ref;
    private final LogMass masses;
    private double below = Double.NEGATIVE_INFINITY;
    private double between = Double.NEGATIVE_INFINITY;
    private double above = Double.NEGATIVE_INFINITY;
    /** The last {@link #split}: log masses below {@code lo}, between, above {@code hi}. */
    private double splitBelow;
    private double splitBetween;
    private double splitAbove;
    private double lower;
    private double upper;
    private double lastMass = Double.NEGATIVE_INFINITY;

    PValueBounds(Alternative alternative, double t, double sigma) {
        this(alternative, t, sigma, null);
    }

    /**
     * @param alternative the alternative
     * @param t the observed statistic
     * @param sigma its null standard deviation (used by the normal masses only)
     * @param masses the scaled log mass of an interval, reference {@code ref}; {@code null} for the normal
     *     \( N(0, \sigma^2) \)
     */
    PValueBounds(Alternative alternative, double t, double sigma, LogMass masses) {
        this.alternative = alternative;
        this.lo = alternative == Alternative.ABS ? -Math.abs(t) : t;
        this.hi = alternative == Alternative.ABS ? Math.abs(t) : t;
        this.sigma = sigma;
        this.ref = hi;
        this.masses = masses;
    }

    /** The scaled log mass of {@code [a, b]} under a null distribution, relative to a reference point. */
    @FunctionalInterface
    interface LogMass {
        double of(double a, double b, double ref);
    }

    void add(double a, double b) {
        split(a, b);
        below = IntervalMass.logAdd(below, splitBelow);
        between = IntervalMass.logAdd(between, splitBetween);
        above = IntervalMass.logAdd(above, splitAbove);
        lastMass = IntervalMass.logAdd(splitBelow, IntervalMass.logAdd(splitBetween, splitAbove));
    }

    /** @return the log mass of the interval last {@link #add added} */
    double lastMass() {
        return lastMass;
    }

    /** @return the log mass of everything added */
    double foundMass() {
        return IntervalMass.logAdd(below, IntervalMass.logAdd(between, above));
    }

    private void split(double a, double b) {
        splitBelow = Double.NEGATIVE_INFINITY;
        splitBetween = Double.NEGATIVE_INFINITY;
        splitAbove = Double.NEGATIVE_INFINITY;
        if (a < lo) {
            splitBelow = mass(a, Math.min(b, lo));
        }
        if (Math.max(a, lo) < Math.min(b, hi)) {
            splitBetween = mass(Math.max(a, lo), Math.min(b, hi));
        }
        if (b > hi) {
            splitAbove = mass(Math.max(a, hi), b);
        }
    }

    private double mass(double a, double b) {
        return masses == null ? IntervalMass.scaledLogMass(a, b, 0, sigma, ref) : masses.of(a, b, ref);
    }

    /**
     * Bounds the selective p-value given that the truncation set is known except on
     * {@code [walkMin, leftFrontier]} and {@code [rightFrontier, walkMax]}; read them with
     * {@link #lower()} and {@link #upper()}.
     */
    void bound(double walkMin, double leftFrontier, double rightFrontier, double walkMax) {
        double u0 = Double.NEGATIVE_INFINITY;
        double u1 = Double.NEGATIVE_INFINITY;
        double u2 = Double.NEGATIVE_INFINITY;
        if (walkMin < leftFrontier) {
            split(walkMin, leftFrontier);
            u0 = IntervalMass.logAdd(u0, splitBelow);
            u1 = IntervalMass.logAdd(u1, splitBetween);
            u2 = IntervalMass.logAdd(u2, splitAbove);
        }
        if (rightFrontier < walkMax) {
            split(rightFrontier, walkMax);
            u0 = IntervalMass.logAdd(u0, splitBelow);
            u1 = IntervalMass.logAdd(u1, splitBetween);
            u2 = IntervalMass.logAdd(u2, splitAbove);
        }
        boundUndecided(u0, u1, u2);
    }

    /**
     * The log masses of {@code [a, b]} below the alternative's lower threshold, between the thresholds and
     * above the upper one (scaled as every mass here), for {@link #boundUndecided}.
     *
     * @param a the interval's lower end
     * @param b its upper end, {@code >= a}
     * @return {@code {below, between, above}} (a new array)
     */
    double[] splitMasses(double a, double b) {
        split(a, b);
        return new double[] {splitBelow, splitBetween, splitAbove};
    }

    /**
     * Bounds the selective p-value given that the truncation set holds everything {@link #add added} and
     * possibly any part of a set that is not known, whose log masses below, between and above the
     * thresholds are {@code u0, u1, u2} ({@link #splitMasses}, summed); read them with {@link #lower()} and
     * {@link #upper()}. The p-value {@code N / (N + D)} grows with N and falls with D, so the lower bound
     * counts the unknown mass in D only and the upper one in N only.
     *
     * @param u0 log mass of the unknown part below the lower threshold
     * @param u1 between the thresholds
     * @param u2 above the upper threshold
     */
    void boundUndecided(double u0, double u1, double u2) {
        switch (alternative) {
            case LESS -> {
                double d = IntervalMass.logAdd(between, above);
                lower = ratioLower(below, d, IntervalMass.logAdd(u1, u2));
                upper = ratioUpper(below, d, u0);
            }
            case GREATER -> {
                double d = IntervalMass.logAdd(between, below);
                lower = ratioLower(above, d, IntervalMass.logAdd(u1, u0));
                upper = ratioUpper(above, d, u2);
            }
            case ABS -> {
                double n = IntervalMass.logAdd(below, above);
                lower = ratioLower(n, between, u1);
                upper = ratioUpper(n, between, IntervalMass.logAdd(u0, u2));
            }
            default -> {
                double fLower = ratioLower(below, above, u2);
                double fUpper = ratioUpper(below, above, u0);
                double sLower = ratioLower(above, below, u0);
                double sUpper = ratioUpper(above, below, u2);
                lower = Math.min(1, 2 * Math.min(fLower, sLower));
                upper = Math.min(1, 2 * Math.min(Math.min(fUpper, sUpper), 0.5));
            }
        }
    }

    /** @return the lower bound of the last {@link #bound} */
    double lower() {
        return lower;
    }

    /** @return the upper bound of the last {@link #bound} */
    double upper() {
        return upper;
    }

    /**
     * Lower bound on {@code N / (N + D)} when the unexplored part may add up to {@code uD} to D (log
     * masses).
     */
    static double ratioLower(double n, double d, double uD) {
        return n == Double.NEGATIVE_INFINITY ? 0
                : Math.exp(n - IntervalMass.logAdd(n, IntervalMass.logAdd(d, uD)));
    }

    /**
     * Upper bound on {@code N / (N + D)} when the unexplored part may add up to {@code uN} to N (log
     * masses).
     */
    static double ratioUpper(double n, double d, double uN) {
        double nMax = IntervalMass.logAdd(n, uN);
        return nMax == Double.NEGATIVE_INFINITY ? 0 : Math.exp(nMax - IntervalMass.logAdd(nMax, d));
    }
}
