package org.salientsi.validation.summary;

import java.util.Arrays;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The immutable statistics of one kind of p-value over a study: rejection rate at alpha with its
 * Clopper-Pearson interval, the Kolmogorov-Smirnov test against U(0, 1), the histogram and the
 * sorted values. {@link #equals} is exact (bit-for-bit on the values): two executors that ran the
 * same trials produce equal snapshots.
 */
public final class PValueStats {

    private final double alpha;
    private final long rejections;
    private final long[] histogram;
    private final double[] sorted;

    PValueStats(double alpha, long rejections, long[] histogram, double[] sorted) {
        this.alpha = alpha;
        this.rejections = rejections;
        this.histogram = histogram;
        this.sorted = sorted;
    }

    /** @return the significance level */
    public double alpha() {
        return alpha;
    }

    /** @return the number of p-values */
    public int count() {
        return sorted.length;
    }

    /** @return how many p-values are at most alpha */
    public long rejections() {
        return rejections;
    }

    /** @return the rejection rate, or NaN without p-values */
    public double rejectionRate() {
        return sorted.length == 0 ? Double.NaN : rejections / (double) sorted.length;
    }

    /**
     * @param level the confidence level, e.g. 0.95
     * @return the Clopper-Pearson interval of the rejection rate
     * @throws IllegalStateException without p-values
     */
    public double[] rateInterval(double level) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no p-values: no rejection rate");
        }
        return ClopperPearson.interval(rejections, sorted.length, level);
    }

    /**
     * @return the KS distance \( D_n = \sup_x |F_n(x) - x| \) from U(0, 1)
     * @throws IllegalStateException without p-values
     */
    public double ksStatistic() {
        requireValues();
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(uniform(), sorted);
    }

    /**
     * @return the KS test's p-value against U(0, 1) (Commons Math: exact for small samples,
     *     Pelz-Good or the asymptotic series otherwise)
     * @throws IllegalStateException without p-values
     */
    public double ksP() {
        requireValues();
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(uniform(), sorted);
    }

    /** @return the counts of the {@link PValueAccumulator#BINS} equal bins over [0, 1] */
    public long[] histogram() {
        return histogram.clone();
    }

    /** @return the p-values in increasing order */
    public double[] sortedValues() {
        return sorted.clone();
    }

    private void requireValues() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no p-values: no KS test");
        }
    }

    private static UniformRealDistribution uniform() {
        return new UniformRealDistribution(null, 0, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PValueStats s && Double.compare(alpha, s.alpha) == 0 && rejections == s.rejections
                && Arrays.equals(histogram, s.histogram) && Arrays.equals(sorted, s.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted) * 31 + Long.hashCode(rejections);
    }

    @Override
    public String toString() {
        return "PValueStats[n=" + sorted.length + ", rejections=" + rejections + " at " + alpha + "]";
    }
}
