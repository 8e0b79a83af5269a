package org.salientsi.core.stats;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.interval.IntervalSet;

/**
 * The scaled chi distribution \( s\chi_d \) (the norm of a \( d \)-dimensional \( N(0, s^2 I) \) vector)
 * truncated to a finite union of intervals \( S \): the null distribution of a chi statistic
 * \( \lVert P Y \rVert \) given its selection event (sicore's {@code SelectiveInferenceChi}; Chen and Bien,
 * JASA 2020, for the conditioning on the direction). Immutable.
 *
 * <p>Every quantity is a ratio of interval masses, computed in log space relative to a reference point (see
 * {@link ChiMass}): the series and continued fraction of the regularised incomplete gamma function, a
 * Gauss-Legendre rule for narrow intervals, log-sum-exp across intervals, and both tails formed directly so
 * that \( 1 - F \) is never computed by subtraction. The results hold for \( d \) from 1 to \( 10^4 \) and
 * interval ends from \( 10^{-3} \) of a scale to far into both tails (see the mpmath reference file in the
 * test resources and the command that made it). The part of \( S \) below 0 carries no mass.
 *
 * <pre>{@code
 * TruncatedChi tc = TruncatedChi.of(5, 1.0, IntervalSet.of(Interval.of(1, 2), Interval.of(30, inf)));
 * double p = tc.pValue(30.5); // P(R >= 30.5 | R in S)
 * }</pre>
 */
public final class TruncatedChi {

    /** The largest number of degrees of freedom accepted (more than any image's number of values). */
    public static final int MAX_DEGREES = 1 << 26;

    private final int degrees;
    private final double scale;
    private final IntervalSet set;

    private TruncatedChi(int degrees, double scale, IntervalSet set) {
        this.degrees = degrees;
        this.scale = scale;
        this.set = set;
    }

    /**
     * @param degrees \( d \), from 1 to {@link #MAX_DEGREES}
     * @param scale \( s \), finite and {@code > 0}
     * @param set the truncation set, not empty, with a part above 0
     * @return the distribution
     * @throws InvalidValueException if degrees or scale are out of range, or the set is null, empty or lies
     *     at or below 0
     */
    public static TruncatedChi of(int degrees, double scale, IntervalSet set) {
        if (degrees < 1 || degrees > MAX_DEGREES) {
            throw InvalidValueException.of("truncated chi degrees of freedom must be in [1, %d], got %d", MAX_DEGREES,
                    degrees);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw InvalidValueException.of("truncated chi scale must be finite and > 0, got %s", scale);
        }
        if (set == null || set.isEmpty()) {
            throw new InvalidValueException("truncation set is empty: " + set);
        }
        if (!(set.upper(set.size() - 1) > 0)) {
            throw new InvalidValueException("truncation set " + set + " has no part above 0, where a chi variable "
                    + "lives");
        }
        return new TruncatedChi(degrees, scale, set);
    }

    /** @return \( d \) */
    public int degrees() {
        return degrees;
    }

    /** @return \( s \) */
    public double scale() {
        return scale;
    }

    /** @return the truncation set */
    public IntervalSet set() {
        return set;
    }

    /**
     * @param x a point
     * @return \( \log P(R \le x \mid R \in S) \)
     * @throws InvalidValueException if x is NaN (an x at or below 0 gives {@code -inf}, {@code +inf} gives 0)
     */
    public double logCdf(double x) {
        checkArgument("x", x);
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (x <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] parts = split(x);
        return parts[0] - IntervalMass.logAdd(parts[0], parts[1]);
    }

    /**
     * @param x a point
     * @return \( \log P(R \ge x \mid R \in S) \)
     * @throws InvalidValueException if x is NaN (an x at or below 0 gives 0)
     */
    public double logSf(double x) {
        checkArgument("x", x);
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x <= 0) {
            return 0.0;
        }
        double[] parts = split(x);
        return parts[1] - IntervalMass.logAdd(parts[0], parts[1]);
    }

    /**
     * @param x a point
     * @return \( P(R \le x \mid R \in S) \)
     */
    public double cdf(double x) {
        return Math.exp(logCdf(x));
    }

    /**
     * @param x a point
     * @return \( P(R \ge x \mid R \in S) \), computed directly (not as {@code 1 - cdf})
     */
    public double sf(double x) {
        return Math.exp(logSf(x));
    }

    /**
     * The selective p-value of an observed norm: large norms are the evidence against \( H_0 \).
     *
     * @param r the observed statistic, {@code >= 0} and inside the set
     * @return \( P(R \ge r \mid R \in S) \) in [0, 1]
     * @throws InvalidValueException if r is NaN, infinite, negative or outside the set
     */
    public double pValue(double r) {
        return Math.exp(logPValue(r));
    }

    /**
     * @param r the observed statistic, {@code >= 0} and inside the set
     * @return the natural log of {@link #pValue}, finite even where the p-value underflows
     * @throws InvalidValueException if r is NaN, infinite, negative or outside the set
     */
    public double logPValue(double r) {
        checkArgument("observed statistic r", r);
        if (Double.isInfinite(r) || r < 0) {
            throw InvalidValueException.of("observed chi statistic must be finite and >= 0, got %s", r);
        }
        if (!set.contains(r)) {
            throw InvalidValueException.of("observed statistic %s lies outside the truncation set %s", r, set);
        }
        double logP = logSf(r);
        if (Double.isNaN(logP)) {
            throw new NumericalBreakdownException("truncated-chi p-value is not a number: d " + degrees + ", scale "
                    + scale + ", r " + r + ", set " + set);
        }
        return Math.min(0, logP);
    }

    /**
     * The log mass of a part of the half-line, relative to a reference point (unconditional, ignoring the
     * truncation set); ratios of such values with one reference are accurate in the far tails.
     *
     * @param part a set
     * @param reference \( r_0 > 0 \), finite
     * @return the scaled log mass ({@link ChiMass}), {@code -inf} for a part without mass
     */
    public double scaledLogMass(IntervalSet part, double reference) {
        double acc = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < part.size(); i++) {
            acc = IntervalMass.logAdd(acc, mass(part.lower(i), part.upper(i), reference));
        }
        return acc;
    }

    /** The scaled log masses (reference x) of the set's parts below and above {@code x > 0}. */
    private double[] split(double x) {
        double below = Double.NEGATIVE_INFINITY;
        double above = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < set.size(); i++) {
            double a = set.lower(i);
            double b = set.upper(i);
            if (a < x) {
                below = IntervalMass.logAdd(below, mass(a, Math.min(b, x), x));
            }
            if (b > x) {
                above = IntervalMass.logAdd(above, mass(Math.max(a, x), b, x));
            }
        }
        if (below == Double.NEGATIVE_INFINITY && above == Double.NEGATIVE_INFINITY) {
            throw new NumericalBreakdownException("truncation set " + set + " has no representable probability mass"
                    + " under " + scale + " chi_" + degrees);
        }
        return new double[] {below, above};
    }

    private double mass(double lo, double hi, double ref) {
        double m = ChiMass.scaledLogMass(lo, hi, degrees, scale, ref);
        if (Double.isNaN(m) || m == Double.POSITIVE_INFINITY) {
            throw new NumericalBreakdownException("mass of [" + lo + ", " + hi + "] under " + scale + " chi_" + degrees
                    + " is not representable: " + m);
        }
        return m;
    }

    private static void checkArgument(String what, double x) {
        if (Double.isNaN(x)) {
            throw new InvalidValueException("truncated chi " + what + " is NaN");
        }
    }

    @Override
    public String toString() {
        return "TruncatedChi[" + scale + " chi_" + degrees + " on " + set + "]";
    }
}
