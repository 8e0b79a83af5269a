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
     * Nine taps (three {@link #block3p} in a row) in one pass: for {@code o < n},
     * {@code acc[r + o] += s0 + s1 + s2} added one after the other, where {@code sj} is the three-tap sum of taps
     * {@code 3j..3j+2} as in {@link #block3p}, for row {@code r0} with inputs {@code a[0..8]} and row {@code r1}
     * with {@code a[9..17]}; the weight row of tap {@code j} starts at {@code w[j]}. Each accumulator is loaded
     * and stored once instead of three times, with the same sums in the same order.
     *
     * @return the first output not done
     */
    static int block9p(double[] t, double[] acc, int r0, int r1, int[] w, double[] a, int n) {
        int w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8];
        double p0 = a[0], p1 = a[1], p2 = a[2], p3 = a[3], p4 = a[4], p5 = a[5], p6 = a[6], p7 = a[7], p8 = a[8];
        double q0 = a[9], q1 = a[10], q2 = a[11], q3 = a[12], q4 = a[13], q5 = a[14], q6 = a[15], q7 = a[16];
        double q8 = a[17];
        int o = 0;
        for (int end = S.loopBound(n); o < end; o += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, t, w0 + o);
            DoubleVector y = DoubleVector.fromArray(S, t, w1 + o);
            DoubleVector z = DoubleVector.fromArray(S, t, w2 + o);
            DoubleVector u = DoubleVector.fromArray(S, acc, r0 + o).add(x.mul(p0).add(y.mul(p1)).add(z.mul(p2)));
            DoubleVector v = DoubleVector.fromArray(S, acc, r1 + o).add(x.mul(q0).add(y.mul(q1)).add(z.mul(q2)));
            x = DoubleVector.fromArray(S, t, w3 + o);
            y = DoubleVector.fromArray(S, t, w4 + o);
            z = DoubleVector.fromArray(S, t, w5 + o);
            u = u.add(x.mul(p3).add(y.mul(p4)).add(z.mul(p5)));
            v = v.add(x.mul(q3).add(y.mul(q4)).add(z.mul(q5)));
            x = DoubleVector.fromArray(S, t, w6 + o);
            y = DoubleVector.fromArray(S, t, w7 + o);
            z = DoubleVector.fromArray(S, t, w8 + o);
            u.add(x.mul(p6).add(y.mul(p7)).add(z.mul(p8))).intoArray(acc, r0 + o);
            v.add(x.mul(q6).add(y.mul(q7)).add(z.mul(q8))).intoArray(acc, r1 + o);
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
