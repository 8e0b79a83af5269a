package org.salientsi.methods.attention;

/**
 * Attention rollout (Abnar and Zuidema, ACL 2020): each block's fused attention \( \bar A_l \) with the
 * residual connection, \( R_l = (\bar A_l + I) / 2 \) with its rows renormalised to sum 1, multiplied over
 * the blocks, \( R_L R_{L-1} \cdots R_1 \); the map is the class token's row (row 0) of the product.
 * With bounds: all entries are non-negative, so products of lower bounds bound the product from below and
 * products of upper bounds from above; the renormalisation is bounded by {@link RowSum#normaliseBounds}
 * and every row of a product of row-stochastic matrices sums to 1 ({@link RowSum#tighten}).
 */
final class Rollout {

    private Rollout() {
    }

    /**
     * {@code (f + I) / 2} with its rows renormalised, in place.
     *
     * @param f a fused attention matrix, {@code n x n}, non-negative; receives {@code R}
     * @param n tokens
     */
    static void residual(double[] f, int n) {
        for (int i = 0; i < n; i++) {
            f[i * n + i] += 1.0;
        }
        for (int i = 0; i < f.length; i++) {
            f[i] *= 0.5;
        }
        RowSum.normalise(f, n, f);
    }

    /**
     * The bounds of {@link #residual} from bounds of {@code f}, in place.
     *
     * @param lower lower bounds of {@code f}; receives those of {@code R}
     * @param upper upper bounds of {@code f}; receives those of {@code R}
     * @param n tokens
     * @param rowLo scratch of {@code n} values
     * @param rowHi scratch of {@code n} values
     */
    static void residualBounds(double[] lower, double[] upper, int n, double[] rowLo, double[] rowHi) {
        for (int i = 0; i < n; i++) {
            lower[i * n + i] += 1.0;
            upper[i * n + i] += 1.0;
        }
        for (int i = 0; i < n * n; i++) {
            lower[i] *= 0.5;
            upper[i] *= 0.5;
        }
        RowSum.normaliseBounds(lower, upper, n, rowLo, rowHi);
    }

    /**
     * {@code out = v m}, a row vector times a matrix.
     *
     * @param v {@code n} values
     * @param m {@code n x n} values (row-major)
     * @param n the size
     * @param out receives {@code n} values (not {@code v})
     */
    static void times(double[] v, double[] m, int n, double[] out) {
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int k = 0; k < n; k++) {
            double vk = v[k];
            int base = k * n;
            for (int j = 0; j < n; j++) {
                out[j] += vk * m[base + j];
            }
        }
    }
}
