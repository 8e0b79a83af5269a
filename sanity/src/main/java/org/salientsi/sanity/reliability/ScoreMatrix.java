package org.salientsi.sanity.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.salientsi.api.error.InvalidValueException;

/**
 * The per-image scores of one metric variant: {@code S[n][m] = Q(image n, saliency method m)}
 * (SANITY.md section 2.5), with {@code NaN} for a missing score. Immutable: the factory and accessors copy.
 *
 * @param metric the metric's name (e.g. {@code aopc-morf})
 * @param variant the implementation variant (replacement, unit, steps, output, ...)
 * @param direction which way the score is better
 * @param images image labels, one per row
 * @param methods saliency-method names, one per column
 * @param scores {@code images x methods}; {@code NaN} marks a missing value; no infinities
 */
public record ScoreMatrix(String metric, String variant, Direction direction, List<String> images,
                          List<String> methods, double[][] scores) {

    /**
     * @throws InvalidValueException if the shape does not fit the labels or a score is infinite
     */
    public ScoreMatrix {
        Objects.requireNonNull(metric, "metric");
        variant = variant == null ? "" : variant;
        Objects.requireNonNull(direction, "direction");
        images = List.copyOf(images);
        methods = List.copyOf(methods);
        if (scores.length != images.size()) {
            throw InvalidValueException.of("score matrix of %s has %d rows for %d images", metric, scores.length,
                    images.size());
        }
        double[][] copy = new double[scores.length][];
        for (int n = 0; n < scores.length; n++) {
            if (scores[n].length != methods.size()) {
                throw InvalidValueException.of("score matrix of %s: row %d has %d values for %d methods", metric, n,
                        scores[n].length, methods.size());
            }
            for (double v : scores[n]) {
                if (Double.isInfinite(v)) {
                    throw InvalidValueException.of("score matrix of %s: row %d has an infinite score", metric, n);
                }
            }
            copy[n] = scores[n].clone();
        }
        scores = copy;
    }

    /**
     * @param metric metric name
     * @param direction which way is better
     * @param scores {@code images x methods}
     * @return a matrix with labels {@code 0..N-1} and {@code m0..m(M-1)}
     */
    public static ScoreMatrix of(String metric, Direction direction, double[][] scores) {
        List<String> images = new ArrayList<>();
        for (int n = 0; n < scores.length; n++) {
            images.add(String.valueOf(n));
        }
        List<String> methods = new ArrayList<>();
        for (int m = 0; m < (scores.length == 0 ? 0 : scores[0].length); m++) {
            methods.add("m" + m);
        }
        return new ScoreMatrix(metric, "", direction, images, methods, scores);
    }

    @Override
    public double[][] scores() {
        double[][] copy = new double[scores.length][];
        for (int n = 0; n < scores.length; n++) {
            copy[n] = scores[n].clone();
        }
        return copy;
    }

    /** @return the number of images (rows) */
    public int imageCount() {
        return scores.length;
    }

    /** @return the number of methods (columns) */
    public int methodCount() {
        return methods.size();
    }

    /**
     * @param n image row
     * @param m method column
     * @return the score, possibly {@code NaN}
     */
    public double get(int n, int m) {
        return scores[n][m];
    }

    /**
     * @param m method column
     * @return the method's scores across images
     */
    public double[] column(int m) {
        double[] c = new double[scores.length];
        for (int n = 0; n < scores.length; n++) {
            c[n] = scores[n][m];
        }
        return c;
    }

    /** @return {@code metric} or {@code metric [variant]} */
    public String label() {
        return variant.isEmpty() ? metric : metric + " [" + variant + "]";
    }

    /**
     * Direction-aware ranks of the methods within each image: 1 is the best, ties get the average of
     * the ranks they span, a missing score stays {@code NaN} and the others are ranked among themselves.
     *
     * @return {@code images x methods} ranks
     */
    public double[][] ranks() {
        NaturalRanking ranking = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE);
        double[][] out = new double[scores.length][];
        double sign = -direction.sign();
        for (int n = 0; n < scores.length; n++) {
            double[] row = scores[n];
            int present = 0;
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    present++;
                }
            }
            double[] values = new double[present];
            int k = 0;
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    values[k++] = sign * v;
                }
            }
            double[] r = ranking.rank(values);
            double[] full = new double[row.length];
            k = 0;
            for (int m = 0; m < row.length; m++) {
                full[m] = Double.isNaN(row[m]) ? Double.NaN : r[k++];
            }
            out[n] = full;
        }
        return out;
    }

    /**
     * @param drop method names to leave out (e.g. the control maps)
     * @return the matrix without those columns
     */
    public ScoreMatrix withoutMethods(Set<String> drop) {
        List<Integer> keep = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            if (!drop.contains(methods.get(m))) {
                keep.add(m);
            }
        }
        double[][] s = new double[scores.length][keep.size()];
        for (int n = 0; n < scores.length; n++) {
            for (int j = 0; j < keep.size(); j++) {
                s[n][j] = scores[n][keep.get(j)];
            }
        }
        return new ScoreMatrix(metric, variant, direction, images,
                keep.stream().map(methods::get).toList(), s);
    }
}
