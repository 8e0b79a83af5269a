package org.salientsi.sanity.reliability;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.sanity.map.Percentile;

/**
 * Krippendorff's alpha for any number of raters, missing values and four levels of measurement, in the
 * coincidence-matrix form (Krippendorff, <i>Content Analysis</i>, 2004; SANITY.md section 2.5 (1)):
 *
 * <pre>
 * o[c][k] = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)       over units u with m_u &gt;= 2 values
 * n_c = sum_k o[c][k],  n = sum_c n_c
 * D_o = (1/n) sum_{c,k} o[c][k] d2(c, k)
 * D_e = 1/(n (n - 1)) sum_{c,k} n_c n_k d2(c, k)
 * alpha = 1 - D_o / D_e
 * </pre>
 *
 * with {@code d2} nominal {@code [c != k]}, interval {@code (c - k)^2}, ratio
 * {@code ((c - k)/(c + k))^2} and ordinal {@code (sum_{g = c..k} n_g - (n_c + n_k)/2)^2} over the
 * ordered value categories. For saliency metrics the units are the methods, the raters the images,
 * the values the per-image ranks ({@link ScoreMatrix#ranks()}). Stateless.
 */
public final class KrippendorffAlpha {

    /** The level of measurement, which picks the distance function. */
    public enum Level {
        /** Categories without order. */
        NOMINAL,
        /** Ordered categories; distances from the category frequencies. */
        ORDINAL,
        /** Differences are meaningful. */
        INTERVAL,
        /** Ratios are meaningful (non-negative values). */
        RATIO
    }

    /**
     * An alpha with a bootstrap percentile interval over raters.
     *
     * @param level level of measurement
     * @param alpha the point estimate ({@code NaN} when the values do not vary)
     * @param lower lower end of the interval ({@code NaN} without a bootstrap)
     * @param upper upper end of the interval
     * @param confidence the interval's level, e.g. 0.95
     * @param replicates bootstrap replicates with a defined alpha
     * @param seed the bootstrap seed
     */
    public record Estimate(Level level, double alpha, double lower, double upper, double confidence,
                           int replicates, long seed) {
    }

    private KrippendorffAlpha() {
    }

    /**
     * @param ratersByUnits {@code raters x units} values; {@code NaN} is missing (for saliency metrics:
     *     the rank matrix, images x methods)
     * @param level level of measurement
     * @return alpha, or {@code NaN} when fewer than two pairable values exist or they do not vary
     * @throws InvalidValueException if a value is infinite, rows have different lengths, or a ratio
     *     value is negative
     */
    public static double alpha(double[][] ratersByUnits, Level level) {
        int raters = ratersByUnits.length;
        int[] all = new int[raters];
        for (int i = 0; i < raters; i++) {
            all[i] = i;
        }
        return alpha(ratersByUnits, all, level);
    }

    /**
     * @param ratersByUnits {@code raters x units} values with {@code NaN} missing
     * @param level level of measurement
     * @param replicates bootstrap replicates (raters resampled with replacement), at least 1
     * @param confidence interval level in (0, 1)
     * @param seed bootstrap seed
     * @return the estimate with its percentile interval
     */
    public static Estimate bootstrap(double[][] ratersByUnits, Level level, int replicates, double confidence,
                                     long seed) {
        if (replicates < 1 || !(confidence > 0 && confidence < 1)) {
            throw InvalidValueException.of("bootstrap needs replicates >= 1 and a confidence in (0, 1), got %d, %s",
                    replicates, confidence);
        }
        double point = alpha(ratersByUnits, level);
        int raters = ratersByUnits.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[replicates];
        int defined = 0;
        int[] pick = new int[raters];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < raters; i++) {
                pick[i] = rng.nextInt(raters);
            }
            double a = alpha(ratersByUnits, pick, level);
            if (!Double.isNaN(a)) {
                reps[defined++] = a;
            }
        }
        if (defined == 0) {
            return new Estimate(level, point, Double.NaN, Double.NaN, confidence, 0, seed);
        }
        double[] sorted = Arrays.copyOf(reps, defined);
        Arrays.sort(sorted);
        double tail = (1 - confidence) / 2;
        return new Estimate(level, point, Percentile.sortedQuantile(sorted, tail),
                Percentile.sortedQuantile(sorted, 1 - tail), confidence, defined,
                seed);
    }

    private static double alpha(double[][] data, int[] rows, Level level) {
        int units = rows.length == 0 ? 0 : data[0].length;
        for (double[] r : data) {
            if (r.length != units) {
                throw new InvalidValueException("Krippendorff's alpha needs rows of equal length");
            }
        }
        // the value categories: sorted distinct values of pairable units
        double[] buffer = new double[rows.length * units];
        int count = 0;
        int[] perUnit = new int[units];
        for (int u = 0; u < units; u++) {
            for (int r : rows) {
                double v = data[r][u];
                if (Double.isInfinite(v) || (level == Level.RATIO && v < 0)) {
                    throw InvalidValueException.of("Krippendorff's alpha: value %s of unit %d is not %s", v, u,
                            level == Level.RATIO ? "a non-negative number" : "finite");
                }
                if (!Double.isNaN(v)) {
                    perUnit[u]++;
                }
            }
        }
        for (int u = 0; u < units; u++) {
            if (perUnit[u] < 2) {
                continue;
            }
            for (int r : rows) {
                double v = data[r][u];
                if (!Double.isNaN(v)) {
                    buffer[count++] = v;
                }
            }
        }
        if (count < 2) {
            return Double.NaN;
        }
        double[] values = Arrays.copyOf(buffer, count);
        Arrays.sort(values);
        int distinct = 1;
        for (int i = 1; i < count; i++) {
            if (values[i] != values[distinct - 1]) {
                values[distinct++] = values[i];
            }
        }
        double[] categories = Arrays.copyOf(values, distinct);
        int v = categories.length;
        double[][] o = new double[v][v];
        int[] counts = new int[v];
        for (int u = 0; u < units; u++) {
            int mu = perUnit[u];
            if (mu < 2) {
                continue;
            }
            Arrays.fill(counts, 0);
            for (int r : rows) {
                double x = data[r][u];
                if (!Double.isNaN(x)) {
                    counts[Arrays.binarySearch(categories, x)]++;
                }
            }
            for (int c = 0; c < v; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                for (int k = 0; k < v; k++) {
                    if (counts[k] == 0) {
                        continue;
                    }
                    double pairs = (double) counts[c] * counts[k] - (c == k ? counts[c] : 0);
                    o[c][k] += pairs / (mu - 1);
                }
            }
        }
        double[] nc = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                nc[c] += o[c][k];
            }
            n += nc[c];
        }
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                if (c == k) {
                    continue;
                }
                double d2 = distance(level, categories, nc, c, k);
                observed += o[c][k] * d2;
                expected += nc[c] * nc[k] * d2;
            }
        }
        observed /= n;
        expected /= n * (n - 1);
        return expected == 0 ? Double.NaN : 1 - observed / expected;
    }

    private static double distance(Level level, double[] cat, double[] nc, int c, int k) {
        switch (level) {
            case NOMINAL:
                return 1.0;
            case INTERVAL:
                return (cat[c] - cat[k]) * (cat[c] - cat[k]);
            case RATIO: {
                double s = cat[c] + cat[k];
                return s == 0 ? 0.0 : Math.pow((cat[c] - cat[k]) / s, 2);
            }
            case ORDINAL: {
                int lo = Math.min(c, k);
                int hi = Math.max(c, k);
                double sum = 0;
                for (int g = lo; g <= hi; g++) {
                    sum += nc[g];
                }
                double d = sum - (nc[c] + nc[k]) / 2;
                return d * d;
            }
            default:
                throw new IllegalStateException("unknown level " + level);
        }
    }
}
