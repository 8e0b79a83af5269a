package org.salientsi.core.eval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of {@link ConvKernel}'s channel-last pass on SIMD vectors of the preferred width. Each
 * loop computes, for {@code o < n}, the same expressions in the same order as the scalar loop it replaces
 * (products, then their sum left to right, then the sum added to the accumulator), so the results are equal
 * bit for bit. Each method covers the outputs {@code o < n - n mod lanes} and returns that bound; the caller's
 * scalar loop does the rest. Loaded only when {@link Simd#ENABLED}: this class links against the incubating
 * module {@code jdk.incubator.vector}.
 */
final class VectorBlocks {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorBlocks() {
    }

    /** @return doubles per vector */
    static int lanes() {
        return S.length();
    }

    /**
     * For {@code o < n}: {@code acc[r0 + o] += t[w0 + o] a00 + t[w1 + o] a01 + t[w2 + o] a02} and the same at
     * {@code r1} with {@code a1*}, for the outputs that fill whole vectors; rows {@code r0} and {@code r1} of
     * {@code acc} must not overlap.
     *
     * @return the first output not done
     */
    static int block3p(double[] t, double[] acc, int r0, int r1, int w0, int w1, int w2, int n,
                       double a00, double a01, double a02, double a10, double a11, double a12) {
        int o = 0;
        for (int end = S.loopBound(n); o < end; o += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, t, w0 + o);
            DoubleVector y = DoubleVector.fromArray(S, t, w1 + o);
            DoubleVector z = DoubleVector.fromArray(S, t, w2 + o);
            DoubleVector.fromArray(S, acc, r0 + o).add(x.mul(a00).add(y.mul(a01)).add(z.mul(a02)))
                    .intoArray(acc, r0 + o);
            DoubleVector.fromArray(S, acc, r1 + o).add(x.mul(a10).add(y.mul(a11)).add(z.mul(a12)))
                    .intoArray(acc, r1 + o);
        }
        return o;
    }

    /**
     * {@link #block3p} on the intercepts {@code accP} (with {@code a*}) and the slopes {@code accQ} (with
     * {@code g*}).
     *
     * @return the first output not done
     */
    static int block3(double[] t, double[] accP, double[] accQ, int r0, int r1, int w0, int w1, int w2, int n,
                      double a00, double a01, double a02, double a10, double a11, double a12,
                      double g00, double g01, double g02, double g10, double g11, double g12) {
        int o = 0;
        for (int end = S.loopBound(n); o < end; o += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, t, w0 + o);
            DoubleVector y = DoubleVector.fromArray(S, t, w1 + o);
            DoubleVector z = DoubleVector.fromArray(S, t, w2 + o);
            DoubleVector.fromArray(S, accP, r0 + o).add(x.mul(a00).add(y.mul(a01)).add(z.mul(a02)))
                    .intoArray(accP, r0 + o);
            DoubleVector.fromArray(S, accP, r1 + o).add(x.mul(a10).add(y.mul(a11)).add(z.mul(a12)))
                    .intoArray(accP, r1 + o);
            DoubleVector.fromArray(S, accQ, r0 + o).add(x.mul(g00).add(y.mul(g01)).add(z.mul(g02)))
                    .intoArray(accQ, r0 + o);
            DoubleVector.fromArray(S, accQ, r1 + o).add(x.mul(g10).add(y.mul(g11)).add(z.mul(g12)))
                    .intoArray(accQ, r1 + o);
        }
        return o;
    }

    /**
     * For {@code o < n}: {@code acc[r0 + o] += t[w0 + o] a0} and {@code acc[r1 + o] += t[w0 + o] a1}, for the
     * outputs that fill whole vectors.
     *
     * @return the first output not done
     */
    static int block1p(double[] t, double[] acc, int r0, int r1, int w0, int n, double a0, double a1) {
        int o = 0;
        for (int end = S.loopBound(n); o < end; o += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, t, w0 + o);
            DoubleVector.fromArray(S, acc, r0 + o).add(x.mul(a0)).intoArray(acc, r0 + o);
            DoubleVector.fromArray(S, acc, r1 + o).add(x.mul(a1)).intoArray(acc, r1 + o);
        }
        return o;
    }
}
