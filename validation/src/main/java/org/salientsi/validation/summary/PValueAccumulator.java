package org.salientsi.validation.summary;

import java.io.Serializable;
import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/**
 * Accumulates the p-values of one kind (selective, OC or naive): their count, the rejections at
 * alpha, a histogram of {@value #BINS} equal bins over [0, 1], and the values themselves (for the
 * KS test and QQ plots). Mutable and not thread-safe: one per thread or partition, then
 * {@link #merge}; {@link #snapshot()} gives the immutable {@link PValueStats}.
 */
public final class PValueAccumulator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The number of histogram bins, each 1/BINS wide; p = 1 falls into the last. */
    public static final int BINS = 20;

    private final double alpha;
    private final long[] histogram = new long[BINS];
    private long rejections;
    private double[] values = new double[16];
    private int count;

    /**
     * @param alpha the significance level in (0, 1)
     */
    public PValueAccumulator(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidValueException.of("alpha must be in (0, 1), got %s", alpha);
        }
        this.alpha = alpha;
    }

    /**
     * @param p a p-value in [0, 1]
     */
    public void add(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw InvalidValueException.of("a p-value must be in [0, 1], got %s", p);
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = p;
        histogram[Math.min(BINS - 1, (int) (p * BINS))]++;
        if (p <= alpha) {
            rejections++;
        }
    }

    /**
     * Adds everything {@code other} holds (associative and commutative in what {@link #snapshot()}
     * reports).
     *
     * @param other an accumulator with the same alpha
     * @return this
     */
    public PValueAccumulator merge(PValueAccumulator other) {
        if (Double.compare(alpha, other.alpha) != 0) {
            throw InvalidValueException.of("cannot merge p-values counted at alpha %s and %s", alpha, other.alpha);
        }
        if (count + other.count > values.length) {
            values = Arrays.copyOf(values, Math.max(count + other.count, values.length * 2));
        }
        System.arraycopy(other.values, 0, values, count, other.count);
        count += other.count;
        rejections += other.rejections;
        for (int b = 0; b < BINS; b++) {
            histogram[b] += other.histogram[b];
        }
        return this;
    }

    /** @return the number of p-values */
    public int count() {
        return count;
    }

    /** @return the immutable statistics of the p-values so far */
    public PValueStats snapshot() {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new PValueStats(alpha, rejections, histogram.clone(), sorted);
    }
}
