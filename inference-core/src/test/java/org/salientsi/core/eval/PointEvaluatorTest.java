package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.testing.Gaussian;

/**
 * Point evaluation of single ops against direct implementations of their definitions written here
 * (deliberately naive loops), and against values worked out by hand or known from PyTorch.
 */
class PointEvaluatorTest {

    private static double[] run(TensorShape in, Op op, double[] x) {
        Network.Builder b = Network.builder(in);
        Network net = b.build(b.add("op", op, b.input()));
        return CompiledNetwork.compile(net).pointEvaluator().evaluate(x).value(net.output()).clone();
    }

    @Test
    void convolutionMatchesTheDefinitionForStridesDilationsPaddingAndGroups() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] configs = { // inC, outC, k, stride, dilation, pad, groups, H, W
            {1, 3, 3, 1, 1, 1, 1, 6, 5}, {4, 4, 3, 2, 1, 1, 2, 7, 7}, {2, 4, 3, 1, 2, 2, 1, 8, 6},
            {3, 6, 2, 2, 1, 0, 3, 5, 9}, {2, 2, 5, 1, 1, 0, 1, 7, 7}, {4, 2, 1, 1, 1, 0, 2, 4, 4}};
        for (int[] cfg : configs) {
            int inC = cfg[0];
            int outC = cfg[1];
            int k = cfg[2];
            int s = cfg[3];
            int d = cfg[4];
            int pad = cfg[5];
            int g = cfg[6];
            TensorShape in = TensorShape.of(inC, cfg[7], cfg[8]);
            double[] w = Gaussian.vector(rng, outC * (inC / g) * k * k, 1);
            double[] bias = Gaussian.vector(rng, outC, 1);
            Padding p = Padding.of(pad, pad + 1 >> 1, pad, pad);
            Conv2d op = new Conv2d(outC, inC, k, k, w, bias, s, s, d, d, p, g);
            double[] x = Gaussian.vector(rng, in.size(), 1);
            double[] got = run(in, op, x);
            int oh = (in.height() + p.top() + p.bottom() - d * (k - 1) - 1) / s + 1;
            int ow = (in.width() + p.left() + p.right() - d * (k - 1) - 1) / s + 1;
            assertThat(got).hasSize(outC * oh * ow);
            for (int o = 0; o < outC; o++) {
                int grp = o / (outC / g);
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = bias[o];
                        for (int ci = 0; ci < inC / g; ci++) {
                            int c = grp * (inC / g) + ci;
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int r = i * s + u * d - p.top();
                                    int col = j * s + v * d - p.left();
                                    if (r >= 0 && r < in.height() && col >= 0 && col < in.width()) {
                                        sum += w[((o * (inC / g) + ci) * k + u) * k + v]
                                                * x[(c * in.height() + r) * in.width() + col];
                                    }
                                }
                            }
                        }
                        assertThat(got[(o * oh + i) * ow + j]).isCloseTo(sum, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void maxPoolIgnoresPaddingAndAvgPoolCountsItOnlyWhenAsked() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        TensorShape in = TensorShape.of(1, 3, 3);
        // 2x2 windows, stride 2, padding 1 on each side: windows {1}, {2,3}, {4,7}, {5,6,8,9}
        Padding pad = Padding.symmetric(1);
        assertThat(run(in, new MaxPool(2, 2, 2, 2, pad, false), x)).containsExactly(1, 3, 7, 9);
        assertThat(run(in, new AvgPool(2, 2, 2, 2, pad, false, false), x)).containsExactly(1, 2.5, 5.5, 7);
        assertThat(run(in, new AvgPool(2, 2, 2, 2, pad, true, false), x)).containsExactly(0.25, 1.25, 2.75, 7);
        double[] neg = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
        assertThat(run(in, new MaxPool(2, 2, 2, 2, pad, false), neg)).containsExactly(-1, -2, -4, -5);
    }

    @Test
    void ceilModeAddsAPartialWindowThatCountsNoPadding() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        TensorShape in = TensorShape.of(1, 3, 3);
        // PyTorch: F.avg_pool2d(x, 2, 2, ceil_mode=True, count_include_pad=True) = [[3, 4.5], [7.5, 9]]
        assertThat(run(in, new AvgPool(2, 2, 2, 2, Padding.NONE, true, true), x)).containsExactly(3, 4.5, 7.5, 9);
        assertThat(run(in, new MaxPool(2, 2, 2, 2, Padding.NONE, true), x)).containsExactly(5, 6, 8, 9);
    }

    @Test
    void bilinearResizeWithHalfPixelCentresMatchesPyTorch() {
        // torch.nn.functional.interpolate([[1, 2], [3, 4]], size=4, mode='bilinear', align_corners=False)
        double[] expected = {1.0, 1.25, 1.75, 2.0, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3.0, 3.25, 3.75, 4.0};
        assertThat(run(TensorShape.of(1, 2, 2), Upsample.bilinear(4, 4, 2, 2), new double[] {1, 2, 3, 4}))
                .containsExactly(expected);
        // align_corners=True: torch gives [[1, 4/3, 5/3, 2], ...]
        Upsample corners = new Upsample(2, 2, 4, 4, Upsample.Interpolation.BILINEAR,
                Upsample.CoordinateTransform.ALIGN_CORNERS, Upsample.NearestRounding.FLOOR);
        double[] got = run(TensorShape.of(1, 2, 2), corners, new double[] {1, 2, 3, 4});
        assertThat(got[1]).isCloseTo(4.0 / 3, within(1e-15));
        assertThat(got[4]).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(got[15]).isEqualTo(4.0);
    }

    @Test
    void nearestRepeatCopiesEachPixelIntoABlock() {
        assertThat(run(TensorShape.of(1, 2, 2), Upsample.repeat(2, 2), new double[] {1, 2, 3, 4}))
                .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
    }

    @Test
    void batchNormIsTheInferenceAffineMap() {
        BatchNorm bn = new BatchNorm(new double[] {2, 0.5}, new double[] {1, -1}, new double[] {3, 0},
                new double[] {4, 1}, 0.0);
        // channel 0: 2 (x - 3) / 2 + 1; channel 1: 0.5 x - 1
        assertThat(run(TensorShape.of(2, 1, 2), bn, new double[] {3, 5, 2, -4})).containsExactly(1, 3, 0, -3);
    }

    @Test
    void flattenInHwcOrderInterleavesChannels() {
        double[] x = {1, 2, 3, 4, 10, 20, 30, 40}; // (2, 2, 2) CHW
        assertThat(run(TensorShape.of(2, 2, 2), new Flatten(Flatten.Order.HWC), x))
                .containsExactly(1, 10, 2, 20, 3, 30, 4, 40);
        assertThat(run(TensorShape.of(2, 2, 2), new Flatten(Flatten.Order.CHW), x)).containsExactly(x);
    }

    @Test
    void transposeMovesAxesAndGlobalMaxTakesEachChannelsMaximum() {
        double[] x = {1, 2, 3, 4, 5, 6}; // (1, 2, 3)
        assertThat(run(TensorShape.of(1, 2, 3), new Transpose(new int[] {0, 2, 1}), x))
                .containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(run(TensorShape.of(2, 1, 3), new GlobalMaxPool(), new double[] {1, 7, 3, -2, -1, -5}))
                .containsExactly(7, -1);
    }
}
