package org.salientsi.core.stats;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;

/**
 * The normal distribution \( N(\mu, s^2) \) truncated to a finite union of intervals \( S \): the
 * null distribution of a selective test statistic given its selection event (Lee et al., Ann. Stat.
 * 2016; Miwa, Duy and Takeuchi, ICLR 2023). Immutable.
 *
 * <p>Every quantity is a ratio of interval masses, computed in log space relative to a reference
 * point (see {@code IntervalMass}): \( \log\Phi \) from the scaled complementary error function
 * {@code erfcx}, log-sum-exp across intervals, the series around the midpoint for narrow intervals,
 * and both tails formed directly so that \( 1 - F \) is never computed by subtraction. The results
 * hold for interval ends and arguments anywhere within \( \pm 10^3 \) standard deviations, including
 * all mass in one far tail (relative error about \( 10^{-14} \) against 60-digit references; see the
 * test resources).
 *
 * <pre>{@code
 * TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(Interval.of(38, 39), Interval.of(40, inf)));
 * double p = tn.pValue(38.5, Alternative.TWO_SIDED);
 * }</pre>
 */
public final class TruncatedNormal {

    private final double mean;
    private final double sd;
    private final IntervalSet set;

    private TruncatedNormal(double mean, double sd, IntervalSet set) {
        this.mean = mean;
        this.sd = sd;
        this.set = set;
    }

    /**
     * @param mean \( \mu \), finite
     * @param sd \( s \), finite and {@code > 0}
     * @param set the truncation set, not empty
     * @return the distribution
     * @throws InvalidValueException if mean is not finite, sd is not finite and positive, or the set is
     *     empty or null
     */
    public static TruncatedNormal of(double mean, double sd, IntervalSet set) {
        if (!Double.isFinite(mean)) {
            throw InvalidValueException.of("truncated normal mean must be finite, got %s", mean);
        }
        if (!(sd > 0) || Double.isInfinite(sd)) {
            throw InvalidValueException.of("truncated normal sd must be finite and > 0, got %s", sd);
        }
        if (set == null || set.isEmpty()) {
            throw new InvalidValueException("truncation set is empty: " + set);
        }
        return new TruncatedNormal(mean, sd, set);
    }

    /** @return \( \mu \) */
    public double mean() {
        return mean;
    }

    /** @return \( s \) */
    public double sd() {
        return sd;
    }

    /** @return the truncation set */
    public IntervalSet set() {
        return set;
    }

    /**
     * @param newMean another mean
     * @return the distribution with that mean, same sd and set
     */
    public TruncatedNormal withMean(double newMean) {
        return of(newMean, sd, set);
    }

    /**
     * @param x a point
     * @return \( \log P(X \le x \mid X \in S) \)
     * @throws InvalidValueException if x is NaN (an infinite x gives 0 or 1)
     */
    public double logCdf(double x) {
        checkArgument("x", x);
        if (Double.isInfinite(x)) {
            return x > 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        double[] parts = split(x, x);
        return parts[0] - IntervalMass.logAdd(parts[0], parts[1]);
    }

    /**
     * @param x a point
     * @return \( \log P(X \ge x \mid X \in S) \)
     * @throws InvalidValueException if x is NaN
     */
    public double logSf(double x) {
        checkArgument("x", x);
        if (Double.isInfinite(x)) {
            return x < 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        double[] parts = split(x, x);
        return parts[1] - IntervalMass.logAdd(parts[0], parts[1]);
    }

    /**
     * @param x a point
     * @return \( P(X \le x \mid X \in S) \)
     */
    public double cdf(double x) {
        return Math.exp(logCdf(x));
    }

    /**
     * @param x a point
     * @return \( P(X \ge x \mid X \in S) \), computed directly (not as {@code 1 - cdf})
     */
    public double sf(double x) {
        return Math.exp(logSf(x));
    }

    /**
     * The selective p-value of an observed {@code t}.
     *
     * @param t the observed statistic, inside the set
     * @param alternative two-sided \( 2\min(F, 1 - F) \), greater \( 1 - F \), less \( F \), or abs
     *     \( P(|X - \mu| \ge |t - \mu|) \)
     * @return the p-value in [0, 1]
     * @throws InvalidValueException if t is NaN or outside the set
     */
    public double pValue(double t, Alternative alternative) {
        return Math.exp(logPValue(t, alternative));
    }

    /**
     * @param t the observed statistic, inside the set
     * @param alternative the alternative
     * @return the natural log of {@link #pValue}, finite even where the p-value underflows
     * @throws InvalidValueException if t is NaN or outside the set
     */
    public double logPValue(double t, Alternative alternative) {
        checkArgument("observed statistic t", t);
        if (Double.isInfinite(t)) {
            throw InvalidValueException.of("observed statistic must be finite, got %s", t);
        }
        if (!set.contains(t)) {
            throw InvalidValueException.of("observed statistic %s lies outside the truncation set %s", t, set);
        }
        double logP;
        switch (alternative) {
            case LESS -> logP = logCdf(t);
            case GREATER -> logP = logSf(t);
            case TWO_SIDED -> {
                double[] parts = split(t, t);
                double total = IntervalMass.logAdd(parts[0], parts[1]);
                logP = Math.min(0, IntervalMass.ln2() + Math.min(parts[0], parts[1]) - total);
            }
            case ABS -> {
                double r = Math.abs(t - mean);
                double lo = mean - r;
                double hi = mean + r;
                double[] parts = split(lo, hi);
                double outside = IntervalMass.logAdd(parts[0], parts[1]);
                double total = IntervalMass.logAdd(outside, parts[2]);
                logP = outside - total;
            }
            default -> throw new IllegalStateException("unknown alternative " + alternative);
        }
        if (Double.isNaN(logP)) {
            throw new NumericalBreakdownException("truncated-normal p-value is not a number: mean " + mean + ", sd "
                    + sd + ", t " + t + ", set " + set);
        }
        return Math.min(0, logP);
    }

    /**
     * The log mass of a part of the line, relative to a reference point:
     * \( \log P(X \in A) + ((x_0 - \mu)/s)^2/2 \) (unconditional, ignoring the truncation set). Ratios of
     * such values with one reference are accurate in the far tails.
     *
     * @param part a set
     * @param reference \( x_0 \), finite
     * @return the scaled log mass, {@code -inf} for an empty part
     */
    public double scaledLogMass(IntervalSet part, double reference) {
        double acc = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < part.size(); i++) {
            acc = IntervalMass.logAdd(acc, mass(part.lower(i), part.upper(i), reference));
        }
        return acc;
    }

    /**
     * Splits the truncation set at {@code lo <= hi} and returns the scaled log masses (reference
     * {@code hi}) of its parts below {@code lo}, above {@code hi}, and between them.
     */
    private double[] split(double lo, double hi) {
        double below = Double.NEGATIVE_INFINITY;
        double above = Double.NEGATIVE_INFINITY;
        double between = Double.NEGATIVE_INFINITY;
        double ref = hi;
        for (int i = 0; i < set.size(); i++) {
            double a = set.lower(i);
            double b = set.upper(i);
            if (a < lo) {
                below = IntervalMass.logAdd(below, mass(a, Math.min(b, lo), ref));
            }
            if (b > hi) {
                above = IntervalMass.logAdd(above, mass(Math.max(a, hi), b, ref));
            }
            double c = Math.max(a, lo);
            double d = Math.min(b, hi);
            if (c < d) {
                between = IntervalMass.logAdd(between, mass(c, d, ref));
            }
        }
        if (below == Double.NEGATIVE_INFINITY && above == Double.NEGATIVE_INFINITY
                && between == Double.NEGATIVE_INFINITY) {
            throw new NumericalBreakdownException("truncation set " + set + " has no representable probability mass"
                    + " under N(" + mean + ", " + sd + "^2)");
        }
        return new double[] {below, above, between};
    }

    private double mass(double lo, double hi, double ref) {
        double m = IntervalMass.scaledLogMass(lo, hi, mean, sd, ref);
        if (Double.isNaN(m) || m == Double.POSITIVE_INFINITY) {
            throw new NumericalBreakdownException("mass of [" + lo + ", " + hi + "] under N(" + mean + ", " + sd
                    + "^2) is not representable: " + m);
        }
        return m;
    }

    private static void checkArgument(String what, double x) {
        if (Double.isNaN(x)) {
            throw new InvalidValueException("truncated normal " + what + " is NaN");
        }
    }

    @Override
    public String toString() {
        return "TruncatedNormal[N(" + mean + ", " + sd + "^2) on " + set + "]";
    }
}
