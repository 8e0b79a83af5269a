package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD loops of the convolution equal the scalar loops they replace bit for bit, for row lengths below,
 * at and past a multiple of the vector width, at odd offsets, so that a search's pieces and truncation set
 * do not depend on which loops run: each covers the outputs that fill whole vectors and leaves the rest (the
 * caller's scalar loop) untouched. The reference is each loop's definition, written out here.
 */
class VectorBlocksTest {

    private static final int[] LENGTHS = {1, 3, 7, 8, 9, 16, 17, 31, 64, 100, 513};

    @Test
    void theBuildRunsTheSimdLoops() {
        // surefire starts every test JVM with --add-modules jdk.incubator.vector, as the launcher does
        assertThat(Simd.ENABLED).as("the JVM runs with --add-modules jdk.incubator.vector").isTrue();
        assertThat(Simd.LANES).isBetween(2, 64);
    }

    @Test
    void threeTapBlockWithoutSlopeEqualsItsDefinitionBitForBit() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n : LENGTHS) {
            double[] t = random(rnd, 3 * n + 11);
            double[] acc = random(rnd, 2 * n + 5);
            double[] want = acc.clone();
            double[] a = random(rnd, 6);
            int r0 = 2;
            int r1 = 2 + n + 1;
            int w0 = 3;
            int w1 = 3 + n + 2;
            int w2 = 5;
            int done = VectorBlocks.block3p(t, acc, r0, r1, w0, w1, w2, n, a[0], a[1], a[2], a[3], a[4], a[5]);
            assertThat(done).isEqualTo(n - n % Simd.LANES);
            for (int o = 0; o < done; o++) {
                want[r0 + o] += t[w0 + o] * a[0] + t[w1 + o] * a[1] + t[w2 + o] * a[2];
                want[r1 + o] += t[w0 + o] * a[3] + t[w1 + o] * a[4] + t[w2 + o] * a[5];
            }
            assertBitwiseEqual(acc, want, n);
        }
    }

    @Test
    void nineTapBlockEqualsThreeThreeTapBlocksInARowBitForBit() {
        SplittableRandom rnd = new SplittableRandom(20);
        for (int n : LENGTHS) {
            double[] t = random(rnd, 9 * n + 13);
            double[] acc = random(rnd, 2 * n + 6);
            double[] want = acc.clone();
            double[] a = random(rnd, 18);
            int[] w = new int[9];
            for (int j = 0; j < 9; j++) {
                w[j] = (8 - j) * n + (j % 4); // rows in any order, at odd offsets
            }
            int r0 = 3;
            int r1 = 3 + n + 2;
            int done = VectorBlocks.block9p(t, acc, r0, r1, w, a, n);
            assertThat(done).isEqualTo(n - n % Simd.LANES);
            for (int j = 0; j < 9; j += 3) {
                for (int o = 0; o < done; o++) {
                    double x = t[w[j] + o];
                    double y = t[w[j + 1] + o];
                    double z = t[w[j + 2] + o];
                    want[r0 + o] += x * a[j] + y * a[j + 1] + z * a[j + 2];
                    want[r1 + o] += x * a[9 + j] + y * a[10 + j] + z * a[11 + j];
                }
            }
            assertBitwiseEqual(acc, want, n);
        }
    }

    @Test
    void threeTapBlockWithSlopeEqualsItsDefinitionBitForBit() {
        SplittableRandom rnd = new SplittableRandom(18);
        for (int n : LENGTHS) {
            double[] t = random(rnd, 3 * n + 7);
            double[] accP = random(rnd, 2 * n + 3);
            double[] accQ = random(rnd, 2 * n + 3);
            double[] wantP = accP.clone();
            double[] wantQ = accQ.clone();
            double[] a = random(rnd, 6);
            double[] g = random(rnd, 6);
            int r0 = 1;
            int r1 = 1 + n + 1;
            int w0 = 0;
            int w1 = n;
            int w2 = 2 * n + 7;
            int done = VectorBlocks.block3(t, accP, accQ, r0, r1, w0, w1, w2, n, a[0], a[1], a[2], a[3], a[4], a[5],
                    g[0], g[1], g[2], g[3], g[4], g[5]);
            assertThat(done).isEqualTo(n - n % Simd.LANES);
            for (int o = 0; o < done; o++) {
                double x = t[w0 + o];
                double y = t[w1 + o];
                double z = t[w2 + o];
                wantP[r0 + o] += x * a[0] + y * a[1] + z * a[2];
                wantP[r1 + o] += x * a[3] + y * a[4] + z * a[5];
                wantQ[r0 + o] += x * g[0] + y * g[1] + z * g[2];
                wantQ[r1 + o] += x * g[3] + y * g[4] + z * g[5];
            }
            assertBitwiseEqual(accP, wantP, n);
            assertBitwiseEqual(accQ, wantQ, n);
        }
    }

    @Test
    void oneTapBlockEqualsItsDefinitionBitForBit() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int n : LENGTHS) {
            double[] t = random(rnd, n + 4);
            double[] acc = random(rnd, 2 * n + 9);
            double[] want = acc.clone();
            double a0 = rnd.nextDouble(-3, 3);
            double a1 = rnd.nextDouble(-3, 3);
            int r0 = 5;
            int r1 = 5 + n + 3;
            int w0 = 4;
            int done = VectorBlocks.block1p(t, acc, r0, r1, w0, n, a0, a1);
            assertThat(done).isEqualTo(n - n % Simd.LANES);
            for (int o = 0; o < done; o++) {
                want[r0 + o] += t[w0 + o] * a0;
                want[r1 + o] += t[w0 + o] * a1;
            }
            assertBitwiseEqual(acc, want, n);
        }
    }

    /** Values spread over many binades, so that the order of the sums shows in the last bits. */
    private static double[] random(SplittableRandom rnd, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextDouble(-1, 1) * Math.scalb(1.0, rnd.nextInt(-20, 21));
        }
        return v;
    }

    private static void assertBitwiseEqual(double[] got, double[] want, int n) {
        for (int i = 0; i < want.length; i++) {
            assertThat(Double.doubleToRawLongBits(got[i])).as("element %d of %d (n = %d): %s vs %s", i, want.length,
                    n, got[i], want[i]).isEqualTo(Double.doubleToRawLongBits(want[i]));
        }
    }
}
