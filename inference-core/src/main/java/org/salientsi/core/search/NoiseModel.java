package org.salientsi.core.search;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * The Gaussian noise of the test image: \( \sigma^2 I \), or a full symmetric positive definite
 * {@code n x n} covariance in the image's HWC index order. References have the same covariance; the
 * mean of {@code m} references has it divided by {@code m} (DESIGN.md section 2). Immutable.
 */
public final class NoiseModel {

    private final double sigma;
    private final double[] covariance;
    private final int n;

    private NoiseModel(double sigma, double[] covariance, int n) {
        this.sigma = sigma;
        this.covariance = covariance;
        this.n = n;
    }

    /**
     * @param sigma the pixel noise standard deviation, finite and {@code > 0}
     * @return \( \sigma^2 I \)
     * @throws InvalidValueException if sigma is not finite and positive
     */
    public static NoiseModel isotropic(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw InvalidValueException.of("sigma must be a finite number > 0, got %s", sigma);
        }
        return new NoiseModel(sigma, null, -1);
    }

    /**
     * @param matrix row-major {@code n x n} covariance, copied
     * @param n its order
     * @return the noise model
     * @throws InvalidValueException if the matrix is not finite, symmetric and positive definite
     */
    public static NoiseModel covariance(double[] matrix, int n) {
        if (n < 1 || matrix.length != (long) n * n) {
            throw InvalidValueException.of("covariance must be n x n, got %d values for n = %d", matrix.length, n);
        }
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = matrix[i * n + j];
                if (!Double.isFinite(v)) {
                    throw InvalidValueException.of("covariance entry (%d, %d) is not finite: %s", i, j, v);
                }
                rows[i][j] = v;
            }
        }
        try {
            new CholeskyDecomposition(new Array2DRowRealMatrix(rows, false), 1e-12, 1e-300);
        } catch (NonSymmetricMatrixException e) {
            throw InvalidValueException.of("covariance is not symmetric: entries (%d, %d) and (%d, %d) differ",
                    e.getRow(), e.getColumn(), e.getColumn(), e.getRow());
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new InvalidValueException("covariance is not positive definite");
        }
        return new NoiseModel(Double.NaN, matrix.clone(), n);
    }

    /** @return whether the noise is \( \sigma^2 I \) */
    public boolean isIsotropic() {
        return covariance == null;
    }

    /** @return sigma, or NaN for a full covariance */
    public double sigma() {
        return sigma;
    }

    /**
     * Checks that a full covariance fits images of {@code size} values.
     *
     * @param size the image's number of values
     */
    public void checkSize(int size) {
        if (covariance != null && n != size) {
            throw new ShapeMismatchException("covariance is " + n + " x " + n + " but the image has " + size
                    + " values");
        }
    }

    /**
     * Computes \( \Sigma \eta \) for the stacked data, block diagonal \( (C, C/m) \).
     *
     * @param eta direction of length {@code n} or {@code 2n}
     * @param size {@code n}
     * @param references {@code m} ({@code 0} without reference block)
     * @return \( \Sigma \eta \)
     */
    public double[] apply(double[] eta, int size, int references) {
        double[] out = new double[eta.length];
        applyBlock(eta, 0, out, size, 1.0);
        if (eta.length > size) {
            applyBlock(eta, size, out, size, 1.0 / references);
        }
        return out;
    }

    private void applyBlock(double[] eta, int offset, double[] out, int size, double factor) {
        if (covariance == null) {
            double s2 = sigma * sigma * factor;
            for (int i = 0; i < size; i++) {
                out[offset + i] = s2 * eta[offset + i];
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < size; j++) {
                double e = eta[offset + j];
                if (e != 0) {
                    s += covariance[row + j] * e;
                }
            }
            out[offset + i] = s * factor;
        }
    }

    @Override
    public String toString() {
        return covariance == null ? "sigma^2 I, sigma = " + sigma : "covariance " + n + " x " + n;
    }
}
