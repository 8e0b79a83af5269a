package org.salientsi.api.statistic;

import org.salientsi.api.error.InvalidValueException;

/**
 * The subspace a chi statistic tests: \( d \ge 1 \) directions \( g_1, \dots, g_d \) on the stacked data
 * with disjoint supports (no index appears in two of them), so that under noise with a diagonal covariance
 * (\( \sigma^2 I \), or a diagonal matrix) the projections \( g_k^\top Y \) are independent. The statistic is
 * the norm of the whitened projections, \( T = (\sum_k (g_k^\top Y)^2 / g_k^\top D g_k)^{1/2} \) with
 * \( \Sigma = s^2 D \), and \( T / s \sim \chi_d \) when \( g_k^\top \mu = 0 \) for every k. Immutable.
 *
 * @param rows the directions, one compressed row each; none is zero, no index is shared
 */
public record Subspace(LinearConstraints rows) {

    /**
     * @throws InvalidValueException if there is no row, a row is zero, or two rows share an index
     */
    public Subspace {
        if (rows == null || rows.count() < 1) {
            throw new InvalidValueException("a subspace needs at least one direction");
        }
        int max = rows.maxIndex();
        boolean[] used = new boolean[max + 1];
        for (int k = 0; k < rows.count(); k++) {
            boolean nonzero = false;
            for (int j = rows.rowStart(k); j < rows.rowStart(k + 1); j++) {
                int i = rows.index(j);
                if (used[i]) {
                    throw InvalidValueException.of("subspace directions must have disjoint supports: index %d appears "
                            + "twice (direction %d)", i, k);
                }
                used[i] = true;
                nonzero |= rows.coefficient(j) != 0;
            }
            if (!nonzero) {
                throw InvalidValueException.of("subspace direction %d is zero", k);
            }
        }
    }

    /**
     * @param rowStart {@code d + 1} offsets of the rows' entries
     * @param indices indices into the stacked data
     * @param coefficients one per index, finite
     * @return the subspace
     * @throws InvalidValueException for malformed rows, a zero row or shared indices
     */
    public static Subspace of(int[] rowStart, int[] indices, double[] coefficients) {
        return new Subspace(LinearConstraints.of(rowStart, indices, coefficients));
    }

    /** @return \( d \), the number of directions (the chi statistic's degrees of freedom) */
    public int dimension() {
        return rows.count();
    }

    /**
     * The direction of the observed projection, whitened: with \( \mathrm{sd}_k = (g_k^\top D g_k)^{1/2} \),
     * \( w_k = g_k^\top y / \mathrm{sd}_k \) and \( T = \lVert w \rVert \),
     * \( \eta = \sum_k (w_k / T) g_k / \mathrm{sd}_k \); then \( \eta^\top y = T \) and
     * \( \eta^\top D \eta = 1 \), so the chi test's line is the linear contrast's line of \( \eta \).
     *
     * @param y the stacked data
     * @param variance the diagonal of \( D \) (the covariance over its scale), by stacked index
     * @return the contrast \( \eta \), of the length of y
     * @throws InvalidValueException if an index lies outside y, a direction has no variance, or the projection
     *     of y is zero (then there is no direction to test)
     */
    public Contrast direction(double[] y, java.util.function.IntToDoubleFunction variance) {
        if (rows.maxIndex() >= y.length) {
            throw InvalidValueException.of("subspace index %d lies outside the data's %d values", rows.maxIndex(),
                    y.length);
        }
        int d = dimension();
        double[] w = new double[d];
        double[] sd = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            double v = 0;
            for (int j = rows.rowStart(k); j < rows.rowStart(k + 1); j++) {
                double g = rows.coefficient(j);
                v += g * g * variance.applyAsDouble(rows.index(j));
            }
            sd[k] = Math.sqrt(v);
            if (!(sd[k] > 0) || Double.isInfinite(sd[k])) {
                throw InvalidValueException.of("subspace direction %d has variance %s", k, v);
            }
            w[k] = rows.dot(k, y) / sd[k];
            norm = Math.hypot(norm, w[k]);
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw InvalidValueException.of("the projection of the data on the statistic's subspace has norm %s: a "
                    + "chi statistic needs a finite, non-zero one", norm);
        }
        double[] eta = new double[y.length];
        for (int k = 0; k < d; k++) {
            double f = w[k] / norm / sd[k];
            for (int j = rows.rowStart(k); j < rows.rowStart(k + 1); j++) {
                eta[rows.index(j)] += f * rows.coefficient(j);
            }
        }
        return Contrast.of(eta);
    }
}
