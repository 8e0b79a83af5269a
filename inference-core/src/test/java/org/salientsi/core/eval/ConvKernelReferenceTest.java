package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;

/**
 * {@link ConvKernel}'s dense passes ({@code forward}, and {@code line} for intercepts and slopes) against
 * a naive loop over outputs, channels and taps, on random geometries: 1 to 70 channels, planes of 1 to
 * 20 rows and columns, 1x1, 3x3, 7x7, 1x3 and 3x1 kernels, stride 1 and 2, asymmetric padding,
 * dilation 1 and 2, and groups (including depthwise). Each value agrees with the reference to
 * {@code 1e-12} relative to the sum of its terms' magnitudes (the summation order differs). The
 * scratch buffers start as NaN, so a value read but never written shows.
 */
class ConvKernelReferenceTest {

    private static final int[][] KERNELS = {{1, 1}, {3, 3}, {7, 7}, {1, 3}, {3, 1}};

    @Test
    void denseConvolutionAgreesWithANaiveLoopOnRandomGeometries() {
        SplittableRandom rng = new SplittableRandom(20261207L);
        int checked = 0;
        int strided = 0;
        int channelLast = 0;
        while (checked < 400) {
            int groups = rng.nextInt(4) == 0 ? 1 + rng.nextInt(4) : 1;
            int inC = groups * (1 + rng.nextInt(Math.max(1, 70 / groups)));
            int outC = rng.nextInt(6) == 0 ? inC : groups * (1 + rng.nextInt(Math.max(1, 70 / groups)));
            if (rng.nextInt(8) == 0) {
                groups = inC;
                outC = inC * (1 + rng.nextInt(2));
            }
            int[] k = KERNELS[rng.nextInt(KERNELS.length)];
            int inH = 1 + rng.nextInt(20);
            int inW = 1 + rng.nextInt(20);
            int sh = 1 + rng.nextInt(2);
            int sw = rng.nextInt(4) == 0 ? 3 - sh : sh;
            int dil = rng.nextInt(4) == 0 ? 2 : 1;
            Padding pad = Padding.of(rng.nextInt(4), rng.nextInt(4), rng.nextInt(4), rng.nextInt(4));
            if (dil * (k[0] - 1) + 1 > inH + pad.top() + pad.bottom()
                    || dil * (k[1] - 1) + 1 > inW + pad.left() + pad.right()) {
                continue;
            }
            int fan = inC / groups * k[0] * k[1];
            Conv2d op = new Conv2d(outC, inC, k[0], k[1], gaussian(rng, outC * fan), gaussian(rng, outC),
                    sh, sw, dil, dil, pad, groups);
            TensorShape in = TensorShape.of(inC, inH, inW);
            TensorShape out = op.outputShape(List.of(in));
            ConvKernel kernel = new ConvKernel(1, 0, op, in, out);
            double[] x = gaussian(rng, in.size());
            double[] d = gaussian(rng, in.size());
            double[][] work = new double[Kernel.WORK_BUFFERS][kernel.workSize()];

            double[][] v = {x, new double[out.size()]};
            fillNaN(work);
            kernel.forward(v, work);
            double[][] p = {x, new double[out.size()]};
            double[][] q = {d, new double[out.size()]};
            fillNaN(work);
            kernel.line(p, q, null, work);

            ConvGeometry g = ConvGeometry.of(op, in);
            double[] w = op.weights();
            double[] b = op.bias();
            for (int o = 0; o < out.size(); o++) {
                double[] ref = reference(g, w, b, x, o, true);
                double[] refQ = reference(g, w, b, d, o, false);
                String where = "output " + o + " of " + g;
                assertThat(Math.abs(v[1][o] - ref[0])).as("forward, " + where).isLessThanOrEqualTo(1e-12 * ref[1]);
                assertThat(Math.abs(p[1][o] - ref[0])).as("intercept, " + where).isLessThanOrEqualTo(1e-12 * ref[1]);
                assertThat(Math.abs(q[1][o] - refQ[0])).as("slope, " + where).isLessThanOrEqualTo(1e-12 * refQ[1]);
            }
            checked++;
            strided += sh * sw > 1 ? 1 : 0;
            channelLast += g.outPerGroup() >= 8 ? 1 : 0;
        }
        assertThat(strided).as("strided geometries").isGreaterThan(100);
        assertThat(channelLast).as("geometries with many outputs per group").isGreaterThan(100);
    }

    /** The output {@code o} (with the bias when asked) and the sum of its terms' magnitudes. */
    private static double[] reference(ConvGeometry g, double[] w, double[] b, double[] x, int o, boolean bias) {
        int oc = o / g.outPlane();
        int rem = o % g.outPlane();
        int oh = rem / g.outW();
        int ow = rem % g.outW();
        int group = oc / g.outPerGroup();
        double sum = bias ? b[oc] : 0.0;
        double scale = Math.abs(sum);
        for (int ci = 0; ci < g.inPerGroup(); ci++) {
            int c = group * g.inPerGroup() + ci;
            for (int u = 0; u < g.kh(); u++) {
                for (int v = 0; v < g.kw(); v++) {
                    int ih = oh * g.sh() + u * g.dh() - g.pt();
                    int iw = ow * g.sw() + v * g.dw() - g.pl();
                    if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                        continue;
                    }
                    double t = w[((oc * g.inPerGroup() + ci) * g.kh() + u) * g.kw() + v]
                            * x[(c * g.inH() + ih) * g.inW() + iw];
                    sum += t;
                    scale += Math.abs(t);
                }
            }
        }
        return new double[] {sum, scale};
    }

    private static void fillNaN(double[][] work) {
        for (double[] a : work) {
            Arrays.fill(a, Double.NaN);
        }
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }
}
