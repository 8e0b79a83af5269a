package org.salientsi.api.statistic;

import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/**
 * Sparse linear constraints \( g_k^\top Y > 0 \) on the stacked data, in compressed-row form: row
 * {@code k} has coefficients {@code coefficients[rowStart[k] .. rowStart[k + 1])} at indices
 * {@code indices[...]}. A statistic adds them when the direction depends on more than the region
 * (the signs of {@code X - Rbar} for the absolute-difference statistic). Immutable.
 */
public final class LinearConstraints {

    private static final LinearConstraints NONE = new LinearConstraints(new int[] {0}, new int[0], new double[0]);

    private final int[] rowStart;
    private final int[] indices;
    private final double[] coefficients;

    private LinearConstraints(int[] rowStart, int[] indices, double[] coefficients) {
        this.rowStart = rowStart;
        this.indices = indices;
        this.coefficients = coefficients;
    }

    /** @return no constraint */
    public static LinearConstraints none() {
        return NONE;
    }

    /**
     * @param rowStart {@code count + 1} offsets, non-decreasing, from 0 to {@code indices.length}
     * @param indices indices into the stacked data
     * @param coefficients one per index, finite
     * @return the constraints
     */
    public static LinearConstraints of(int[] rowStart, int[] indices, double[] coefficients) {
        if (rowStart.length == 0 || rowStart[0] != 0 || rowStart[rowStart.length - 1] != indices.length
                || indices.length != coefficients.length) {
            throw new InvalidValueException("malformed compressed-row constraints");
        }
        for (int k = 1; k < rowStart.length; k++) {
            if (rowStart[k] < rowStart[k - 1]) {
                throw new InvalidValueException("constraint row offsets must not decrease");
            }
        }
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || !Double.isFinite(coefficients[j])) {
                throw InvalidValueException.of("constraint entry %d is invalid: index %d, coefficient %s",
                        j, indices[j], coefficients[j]);
            }
        }
        return new LinearConstraints(rowStart.clone(), indices.clone(), coefficients.clone());
    }

    /** @return the number of constraints */
    public int count() {
        return rowStart.length - 1;
    }

    /**
     * @param k row
     * @param y a vector of the stacked length
     * @return \( g_k^\top y \)
     */
    public double dot(int k, double[] y) {
        double s = 0;
        for (int j = rowStart[k]; j < rowStart[k + 1]; j++) {
            s += coefficients[j] * y[indices[j]];
        }
        return s;
    }

    /**
     * @param k row
     * @return the position of row {@code k}'s first entry ({@code k = count()}: the number of entries)
     */
    public int rowStart(int k) {
        return rowStart[k];
    }

    /**
     * @param j an entry's position
     * @return its index into the stacked data
     */
    public int index(int j) {
        return indices[j];
    }

    /**
     * @param j an entry's position
     * @return its coefficient
     */
    public double coefficient(int j) {
        return coefficients[j];
    }

    /** @return the largest index used, or -1 */
    public int maxIndex() {
        return Arrays.stream(indices).max().orElse(-1);
    }
}
