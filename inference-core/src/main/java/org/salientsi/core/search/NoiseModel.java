package org.salientsi.core.search;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * The Gaussian noise of the test image: \( \sigma^2 I \), or a full symmetric positive definite
 * {@code n x n} covariance in the image's HWC index order. References have the same covariance; the
 * mean of {@code m} references has it divided by {@code m} (DESIGN.md section 2). Immutable.
 *
 * <p>Scale: the noise is kept as a scale and a shape, \( \Sigma = s^2 S \) with \( s = \sigma \) and
 * \( S = I \), or \( s^2 \) the largest variance (diagonal entry) and \( S \) the covariance divided by it
 * (largest diagonal entry 1). Nothing squares \( \sigma \): \( \sigma_T = s \lVert \eta \rVert_S \) is a
 * product of the scale and a norm computed with scaling ({@link #project}), so every sigma from the
 * smallest normal double (about {@code 2.2e-308}) to the largest finite one is usable, and the test of
 * data and sigma scaled together by any factor is the test scaled by it. Symmetry and positive
 * definiteness are judged relative to the largest variance, so a covariance and its multiples are
 * accepted or refused together.
 */
public final class NoiseModel {

    /**
     * Largest asymmetry {@code |C_ij - C_ji|} accepted, relative to the largest variance (the matrix is
     * then used symmetrised, {@code (C + C^T) / 2}).
     */
    static final double SYMMETRY_TOLERANCE = 1e-12;

    /** The scale s: sigma, or the square root of the largest variance. */
    private final double scale;
    /** Whether the noise is isotropic (then {@link #shape} is null). */
    private final boolean isotropic;
    /** The covariance divided by s^2 (row-major, symmetric, largest diagonal entry 1), or null. */
    private final double[] shape;
    private final int n;
    /** Whether the covariance is diagonal; null until {@link #isDiagonal} has looked. */
    private volatile Boolean diagonal;

    private NoiseModel(double scale, double[] shape, int n) {
        this.scale = scale;
        this.isotropic = shape == null;
        this.shape = shape;
        this.n = n;
        this.diagonal = shape == null ? Boolean.TRUE : null;
    }

    /**
     * @param sigma the pixel noise standard deviation: finite, {@code > 0} and normal (at least
     *     {@link Double#MIN_NORMAL}, about {@code 2.2e-308}: a subnormal sigma has lost digits)
     * @return \( \sigma^2 I \)
     * @throws InvalidValueException if sigma is not finite, positive and normal
     */
    public static NoiseModel isotropic(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw InvalidValueException.of("sigma must be a finite number > 0, got %s", sigma);
        }
        if (sigma < Double.MIN_NORMAL) {
            throw InvalidValueException.of("sigma %s is below the smallest normal double (%s): it has lost "
                    + "significant digits; express the image and sigma in larger units", sigma, Double.MIN_NORMAL);
        }
        return new NoiseModel(sigma, null, -1);
    }

    /**
     * @param matrix row-major {@code n x n} covariance, copied
     * @param n its order
     * @return the noise model
     * @throws InvalidValueException if the matrix is not finite, symmetric and positive definite (both
     *     judged relative to its largest variance), or its largest variance is not a normal double
     */
    public static NoiseModel covariance(double[] matrix, int n) {
        if (n < 1 || matrix.length != (long) n * n) {
            throw InvalidValueException.of("covariance must be n x n, got %d values for n = %d", matrix.length, n);
        }
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = matrix[i * n + j];
                if (!Double.isFinite(v)) {
                    throw InvalidValueException.of("covariance entry (%d, %d) is not finite: %s", i, j, v);
                }
            }
            double d = matrix[i * n + i];
            if (!(d > 0)) {
                throw InvalidValueException.of("covariance is not positive definite: variance (%d, %d) is %s",
                        i, i, d);
            }
            maxDiag = Math.max(maxDiag, d);
        }
        if (maxDiag < Double.MIN_NORMAL) {
            throw InvalidValueException.of("covariance's largest variance %s is below the smallest normal double "
                    + "(%s): it has lost significant digits; express the image in larger units", maxDiag,
                    Double.MIN_NORMAL);
        }
        // S = C / maxDiag, symmetrised; the division is exact up to rounding (no underflow: |C_ij| <= maxDiag
        // for a positive definite matrix, and entries far below it are negligible)
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = matrix[i * n + i] / maxDiag;
            for (int j = i + 1; j < n; j++) {
                double a = matrix[i * n + j] / maxDiag;
                double b = matrix[j * n + i] / maxDiag;
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE) {
                    throw InvalidValueException.of("covariance is not symmetric: entries (%d, %d) = %s and "
                            + "(%d, %d) = %s differ by more than %s of the largest variance %s", i, j,
                            matrix[i * n + j], j, i, matrix[j * n + i], SYMMETRY_TOLERANCE, maxDiag);
                }
                double m = 0.5 * a + 0.5 * b;
                s[i * n + j] = m;
                s[j * n + i] = m;
            }
        }
        checkPositiveDefinite(s, n, maxDiag);
        return new NoiseModel(Math.sqrt(maxDiag), s, n);
    }

    /**
     * Cholesky factorisation of the scaled matrix (largest diagonal entry 1) by Commons Math, with the
     * positivity threshold at {@code n} units of rounding ({@code n * 2^-52}): the size below which a pivot
     * cannot be told from zero, so a matrix that fails is singular or indefinite within rounding, at any
     * scale. (Symmetry is judged before, relative to the largest variance; the matrix is symmetric here.)
     */
    private static void checkPositiveDefinite(double[] s, int n, double maxDiag) {
        double tolerance = n * Math.ulp(1.0);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(s, i * n, (i + 1) * n);
        }
        try {
            new CholeskyDecomposition(new Array2DRowRealMatrix(rows, false), 0, tolerance);
        } catch (NonPositiveDefiniteMatrixException e) {
            throw InvalidValueException.of("covariance is not positive definite: pivot %d of its Cholesky "
                    + "factorisation is %s times the largest variance %s, not above %s (singular or indefinite "
                    + "within rounding)", e.getRow(), e.getArgument(), maxDiag, tolerance);
        }
    }

    /** @return whether the noise is \( \sigma^2 I \) */
    public boolean isIsotropic() {
        return isotropic;
    }

    /**
     * @return whether the covariance is diagonal (\( \sigma^2 I \), or a matrix without off-diagonal entries):
     *     what a chi statistic needs (found once, then remembered)
     */
    public boolean isDiagonal() {
        Boolean known = diagonal;
        if (known == null) {
            boolean d = true;
            for (int i = 0; d && i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && shape[i * n + j] != 0) {
                        d = false;
                        break;
                    }
                }
            }
            known = d;
            diagonal = known;
        }
        return known;
    }

    /**
     * @param index an index of the stacked data
     * @param size {@code n}, the image's number of values
     * @param references {@code m} ({@code 0} without reference block)
     * @return the variance of that value over the scale squared (the diagonal of the shape \( S \), divided by
     *     {@code m} on the reference block)
     */
    public double shapeVariance(int index, int size, int references) {
        int i = index < size ? index : index - size;
        double v = isotropic ? 1.0 : shape[i * n + i];
        return index < size ? v : v / references;
    }

    /** @return the scale \( s \): sigma, or the square root of the largest variance */
    public double scale() {
        return scale;
    }

    /** @return sigma, or NaN for a full covariance */
    public double sigma() {
        return isotropic ? scale : Double.NaN;
    }

    /**
     * Checks that a full covariance fits images of {@code size} values.
     *
     * @param size the image's number of values
     */
    public void checkSize(int size) {
        if (!isotropic && n != size) {
            throw new ShapeMismatchException("covariance is " + n + " x " + n + " but the image has " + size
                    + " values");
        }
    }

    /**
     * The standard deviation of \( T = \eta^\top Y \) and the slope of the test line,
     * \( \sigma_T = \sqrt{\eta^\top \Sigma \eta} \) and \( c = \Sigma\eta / \sigma_T^2 \), for the stacked data
     * (block-diagonal covariance \( (\Sigma, \Sigma/m) \)). Computed without under- or overflow:
     * \( \eta \) is divided by its largest magnitude \( M \), so with \( u = \eta/M \) and
     * \( v = S u \) (blockwise), \( \sigma_T = s\,M\sqrt{u^\top v} \) and \( c = v / (M\,u^\top v) \); the
     * slope does not depend on the scale {@code s} at all.
     *
     * @param eta direction of length {@code size} or {@code 2 size}
     * @param size {@code n}, the image's number of values
     * @param references {@code m} ({@code 0} without reference block)
     * @return sigma_T and the slope
     * @throws InvalidValueException if sigma_T or the slope is not a finite normal double (the noise is too
     *     small or too large for the statistic's direction: the image and the noise need other units)
     * @throws NumericalBreakdownException if eta is zero or not finite, or its variance is not positive
     */
    public Projection project(double[] eta, int size, int references) {
        double max = 0;
        for (double e : eta) {
            max = Math.max(max, Math.abs(e));
        }
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new NumericalBreakdownException("the statistic's direction eta is "
                    + (max == 0 ? "zero" : "not finite") + ": T has no variance");
        }
        double[] u = new double[eta.length];
        for (int i = 0; i < eta.length; i++) {
            u[i] = eta[i] / max;
        }
        double[] v = new double[eta.length];
        applyShape(u, 0, v, size, 1.0);
        if (eta.length > size) {
            applyShape(u, size, v, size, 1.0 / references);
        }
        double quadratic = 0;
        for (int i = 0; i < u.length; i++) {
            quadratic += u[i] * v[i];
        }
        if (!(quadratic > 0) || !Double.isFinite(quadratic)) {
            throw new NumericalBreakdownException("the variance of T is not positive (eta' Sigma eta = " + quadratic
                    + " relative to the largest variance and eta's largest entry)");
        }
        double sigmaT = scale * (max * Math.sqrt(quadratic));
        if (!Double.isFinite(sigmaT) || sigmaT < Double.MIN_NORMAL) {
            throw new InvalidValueException("sigma_T = " + scale + " x " + max * Math.sqrt(quadratic)
                    + " is not a finite normal double: " + sigmaT + "; express the image and the noise (sigma or "
                    + "covariance) in other units");
        }
        double denominator = max * quadratic;
        double[] c = new double[eta.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = v[i] / denominator;
            if (!Double.isFinite(c[i])) {
                throw new InvalidValueException("the test line's slope is not finite at value " + i
                        + " (the statistic's direction has largest entry " + max + ")");
            }
        }
        return new Projection(sigmaT, c);
    }

    /**
     * The standard deviation of a statistic and the test line's slope.
     *
     * @param sigmaT \( \sigma_T = \sqrt{\eta^\top\Sigma\eta} \), a finite normal double {@code > 0}
     * @param slope \( c = \Sigma\eta/\sigma_T^2 \), finite (not copied)
     */
    public record Projection(double sigmaT, double[] slope) {
    }

    /** {@code out[offset..] = factor S u[offset..]} over one block of {@code size} values. */
    private void applyShape(double[] u, int offset, double[] out, int size, double factor) {
        if (isotropic) {
            for (int i = 0; i < size; i++) {
                out[offset + i] = u[offset + i] * factor;
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < size; j++) {
                double e = u[offset + j];
                if (e != 0) {
                    s += shape[row + j] * e;
                }
            }
            out[offset + i] = s * factor;
        }
    }

    @Override
    public String toString() {
        return isotropic ? "sigma^2 I, sigma = " + scale : "covariance " + n + " x " + n;
    }
}
