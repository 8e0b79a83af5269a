package org.salientsi.api.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Shape inference of {@link Network.Builder}. Expected sizes come from the framework formulas written
 * out in this test: PyTorch's {@code floor((H + pt + pb - d (k - 1) - 1) / s) + 1} for convolutions
 * and floor-mode pooling, and for ceil-mode pooling {@code ceil((H + pt + pb - k) / s) + 1}, minus one
 * when the last window would start in the bottom/right padding ({@code (out - 1) s >= H + pt}).
 */
class NetworkShapeTest {

    private static Conv2d conv(int out, int in, int kh, int kw, int sh, int sw, int dh, int dw, Padding p, int groups) {
        return new Conv2d(out, in, kh, kw, new double[out * (in / groups) * kh * kw], null, sh, sw, dh, dw, p, groups);
    }

    private static int convFormula(int in, int padBefore, int padAfter, int k, int s, int d) {
        return Math.floorDiv(in + padBefore + padAfter - d * (k - 1) - 1, s) + 1;
    }

    /** PyTorch's {@code pooling_output_shape_pad_lr} with ceil_mode, dilation 1 ({@code div_rtn} = floorDiv). */
    private static int ceilPoolFormula(int in, int padBefore, int padAfter, int k, int s) {
        int out = Math.floorDiv(in + padBefore + padAfter - (k - 1) - 1 + (s - 1), s) + 1;
        if ((out - 1) * s >= in + padBefore) {
            out--;
        }
        return out;
    }

    @Test
    void conv2dOutputMatchesTheFormulaForRandomHyperparameters() {
        SplittableRandom rng = new SplittableRandom(1001L);
        int checked = 0;
        int rejected = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int groups = 1 + rng.nextInt(3);
            int in = groups * (1 + rng.nextInt(3));
            int out = groups * (1 + rng.nextInt(3));
            int h = 1 + rng.nextInt(20);
            int w = 1 + rng.nextInt(20);
            int kh = 1 + rng.nextInt(5);
            int kw = 1 + rng.nextInt(5);
            int sh = 1 + rng.nextInt(4);
            int sw = 1 + rng.nextInt(4);
            int dh = 1 + rng.nextInt(3);
            int dw = 1 + rng.nextInt(3);
            Padding p = Padding.of(rng.nextInt(4), rng.nextInt(4), rng.nextInt(4), rng.nextInt(4));
            Conv2d op = conv(out, in, kh, kw, sh, sw, dh, dw, p, groups);
            int oh = convFormula(h, p.top(), p.bottom(), kh, sh, dh);
            int ow = convFormula(w, p.left(), p.right(), kw, sw, dw);
            Network.Builder b = Network.builder(TensorShape.of(in, h, w));
            String what = String.format("in (%d,%d,%d) k %dx%d s %d,%d d %d,%d %s g %d", in, h, w, kh, kw, sh, sw,
                    dh, dw, p, groups);
            if (oh >= 1 && ow >= 1) {
                int id = b.add("conv", op, b.input());
                assertThat(b.shape(id)).as(what).isEqualTo(TensorShape.of(out, oh, ow));
                checked++;
            } else {
                assertThatThrownBy(() -> b.add("conv", op, b.input())).as(what)
                        .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("conv");
                rejected++;
            }
        }
        assertThat(checked).isGreaterThan(500);
        assertThat(rejected).isGreaterThan(50);
    }

    @Test
    void conv2dWorkedExample() {
        // 1 x 7 x 9 input, 3x3 kernel, stride 2, dilation 2, padding 1: (7 + 2 - 4 - 1)/2 + 1 = 3,
        // (9 + 2 - 5)/2 + 1 = 4
        Network.Builder b = Network.builder(TensorShape.of(1, 7, 9));
        int id = b.add("c", conv(4, 1, 3, 3, 2, 2, 2, 2, Padding.symmetric(1), 1), b.input());
        assertThat(b.shape(id)).isEqualTo(TensorShape.of(4, 3, 4));
    }

    @Test
    void conv2dRejectsWrongInputChannelsNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(3, 8, 8));
        assertThatThrownBy(() -> b.add("stem", conv(4, 2, 3, 3, 1, 1, 1, 1, Padding.NONE, 1), b.input()))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("stem")
                .hasMessageContaining("(3, 8, 8)");
    }

    @Test
    void maxPoolFloorAndCeilModesMatchTheFormulas() {
        SplittableRandom rng = new SplittableRandom(1002L);
        for (int trial = 0; trial < 2000; trial++) {
            int h = 1 + rng.nextInt(20);
            int w = 1 + rng.nextInt(20);
            int kh = 1 + rng.nextInt(4);
            int kw = 1 + rng.nextInt(4);
            int sh = 1 + rng.nextInt(4);
            int sw = 1 + rng.nextInt(4);
            // PyTorch requires pad <= kernel / 2
            Padding p = Padding.of(rng.nextInt(kh / 2 + 1), rng.nextInt(kw / 2 + 1), rng.nextInt(kh / 2 + 1),
                    rng.nextInt(kw / 2 + 1));
            boolean ceil = rng.nextBoolean();
            if (ceil && (h + p.top() + p.bottom() < kh || w + p.left() + p.right() < kw)) {
                continue; // a window wider than the padded input: see ceilModeAllowsAWindowWiderThanTheInput
            }
            int oh = ceil ? ceilPoolFormula(h, p.top(), p.bottom(), kh, sh)
                    : convFormula(h, p.top(), p.bottom(), kh, sh, 1);
            int ow = ceil ? ceilPoolFormula(w, p.left(), p.right(), kw, sw)
                    : convFormula(w, p.left(), p.right(), kw, sw, 1);
            String what = String.format("in %dx%d k %dx%d s %d,%d %s ceil %s", h, w, kh, kw, sh, sw, p, ceil);
            Network.Builder b = Network.builder(TensorShape.of(2, h, w));
            if (oh >= 1 && ow >= 1) {
                int mp = b.add("mp", new MaxPool(kh, kw, sh, sw, p, ceil), b.input());
                int ap = b.add("ap", new AvgPool(kh, kw, sh, sw, p, true, ceil), b.input());
                assertThat(b.shape(mp)).as(what).isEqualTo(TensorShape.of(2, oh, ow));
                assertThat(b.shape(ap)).as(what).isEqualTo(TensorShape.of(2, oh, ow));
            } else {
                assertThatThrownBy(() -> b.add("mp", new MaxPool(kh, kw, sh, sw, p, ceil), b.input())).as(what)
                        .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("mp");
            }
        }
    }

    @Test
    void ceilModeAddsAPartialWindow() {
        // 5 rows, 2x2 stride 2: floor mode 2, ceil mode 3 (the last window covers row 4 only)
        Network.Builder b = Network.builder(TensorShape.of(1, 5, 5));
        assertThat(b.shape(b.add("f", new MaxPool(2, 2, 2, 2, Padding.NONE, false), 0)))
                .isEqualTo(TensorShape.of(1, 2, 2));
        assertThat(b.shape(b.add("c", new MaxPool(2, 2, 2, 2, Padding.NONE, true), 0)))
                .isEqualTo(TensorShape.of(1, 3, 3));
        assertThat(b.shape(b.add("a", new AvgPool(2, 2, 2, 2, null, false, true), 0)))
                .isEqualTo(TensorShape.of(1, 3, 3));
    }

    @Test
    void ceilModeAllowsAWindowWiderThanTheInput() {
        // PyTorch: div_rtn(1 + 0 - 1 - 1 + (2 - 1), 2) + 1 = 1; ONNX: ceil((1 - 2) / 2 + 1) = 1.
        // E.g. torch.nn.MaxPool2d(2, ceil_mode=True) on a 1x1 map, or 3x3/2 ceil on a 2x2 map (SqueezeNet).
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 2));
        int mp = b.add("mp", new MaxPool(2, 3, 2, 2, Padding.NONE, true), 0);
        assertThat(b.shape(mp)).isEqualTo(TensorShape.of(1, 1, 1));
        int ap = b.add("ap", new AvgPool(2, 3, 2, 2, Padding.NONE, false, true), 0);
        assertThat(b.shape(ap)).isEqualTo(TensorShape.of(1, 1, 1));
    }

    @Test
    void floorModeRejectsAWindowWiderThanTheInputNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 2));
        assertThatThrownBy(() -> b.add("pool3", new MaxPool(2, 3, 2, 2, Padding.NONE, false), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("pool3");
    }

    @Test
    void ceilModeDropsAWindowThatStartsInThePadding() {
        // 5 rows, pad 1 each side, 2x2 stride 2: ceil((5 + 2 - 2)/2) + 1 = 4, but window 3 starts at
        // padded row 6 = the bottom padding, so PyTorch gives 3
        Network.Builder b = Network.builder(TensorShape.of(1, 5, 5));
        int id = b.add("c", new MaxPool(2, 2, 2, 2, Padding.symmetric(1), true), 0);
        assertThat(b.shape(id)).isEqualTo(TensorShape.of(1, 3, 3));
    }

    @Test
    void squareMaxPoolHalvesEvenInputs() {
        Network.Builder b = Network.builder(TensorShape.of(8, 16, 12));
        assertThat(b.shape(b.add("p", MaxPool.square(2), 0))).isEqualTo(TensorShape.of(8, 8, 6));
    }

    @Test
    void globalPoolsGiveOneValuePerChannel() {
        Network.Builder b = Network.builder(TensorShape.of(5, 7, 3));
        assertThat(b.shape(b.add("gap", new GlobalAvgPool(), 0))).isEqualTo(TensorShape.vector(5));
        assertThat(b.shape(b.add("gmp", new GlobalMaxPool(), 0))).isEqualTo(TensorShape.vector(5));
    }

    @Test
    void upsampleRepeatMultipliesTheSpatialSize() {
        Network.Builder b = Network.builder(TensorShape.of(3, 4, 5));
        assertThat(b.shape(b.add("up", Upsample.repeat(2, 3), 0))).isEqualTo(TensorShape.of(3, 8, 15));
    }

    @Test
    void upsampleWithFractionalScaleFloorsTheSize() {
        Network.Builder b = Network.builder(TensorShape.of(1, 5, 7));
        Upsample op = new Upsample(1.5, 0.5, 0, 0, Upsample.Interpolation.NEAREST,
                Upsample.CoordinateTransform.ASYMMETRIC, Upsample.NearestRounding.FLOOR);
        assertThat(b.shape(b.add("up", op, 0))).isEqualTo(TensorShape.of(1, 7, 3)); // floor(7.5), floor(3.5)
    }

    @Test
    void upsampleThatShrinksToNoRowsIsAShapeErrorNamingTheNode() {
        // Builder.add promises a ShapeMismatchException "if the inputs do not fit the op"; floor(1 * 0.5) = 0 rows
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 4));
        Upsample half = new Upsample(0.5, 0.5, 0, 0, Upsample.Interpolation.NEAREST,
                Upsample.CoordinateTransform.ASYMMETRIC, Upsample.NearestRounding.FLOOR);
        assertThatThrownBy(() -> b.add("down", half, 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("down");
    }

    @Test
    void upsampleWithExplicitSizeUsesIt() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        assertThat(b.shape(b.add("up", Upsample.bilinear(10, 6, 4, 4), 0))).isEqualTo(TensorShape.of(2, 10, 6));
    }

    @Test
    void padAddsEverySide() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 5));
        assertThat(b.shape(b.add("pad", new Pad(Padding.of(1, 2, 3, 4)), 0))).isEqualTo(TensorShape.of(2, 8, 11));
    }

    @Test
    void concatAddsChannels() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        int c1 = b.add("c1", conv(3, 2, 1, 1, 1, 1, 1, 1, Padding.NONE, 1), 0);
        int cat = b.add("cat", new Concat(), 0, c1, 0);
        assertThat(b.shape(cat)).isEqualTo(TensorShape.of(7, 4, 4));
    }

    @Test
    void concatRejectsDifferentSpatialSizesNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        int pooled = b.add("pool", MaxPool.square(2), 0);
        assertThatThrownBy(() -> b.add("skip_cat", new Concat(), 0, pooled))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("skip_cat");
    }

    @Test
    void addKeepsTheCommonShape() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        int r = b.add("relu", new Relu(), 0);
        assertThat(b.shape(b.add("sum", new Add(), 0, r))).isEqualTo(TensorShape.of(2, 4, 4));
        assertThat(b.shape(b.add("sum3", new Add(), 0, r, 0))).isEqualTo(TensorShape.of(2, 4, 4));
    }

    @Test
    void addRejectsMismatchedShapesNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        int pooled = b.add("pool", MaxPool.square(2), 0);
        assertThatThrownBy(() -> b.add("residual_add", new Add(), 0, pooled))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("residual_add")
                .hasMessageContaining("(2, 4, 4)")
                .hasMessageContaining("(2, 2, 2)");
    }

    @Test
    void addRejectsASingleInputNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        assertThatThrownBy(() -> b.add("lonely", new Add(), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("lonely");
    }

    @Test
    void singleInputOpRejectsTwoInputsNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        assertThatThrownBy(() -> b.add("r", new Relu(), 0, 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("'r'")
                .hasMessageContaining("2");
    }

    @Test
    void denseGivesAVector() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        int d = b.add("fc", new Dense(24, 5, new double[120], null), 0);
        assertThat(b.shape(d)).isEqualTo(TensorShape.vector(5));
    }

    @Test
    void denseRejectsWrongInputSizeNamingTheNode() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThatThrownBy(() -> b.add("fc1", new Dense(23, 5, new double[115], null), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("fc1")
                .hasMessageContaining("23")
                .hasMessageContaining("(2, 3, 4)");
    }

    @Test
    void flattenGivesAVectorInEitherOrder() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThat(b.shape(b.add("f1", new Flatten(Flatten.Order.CHW), 0))).isEqualTo(TensorShape.vector(24));
        assertThat(b.shape(b.add("f2", new Flatten(Flatten.Order.HWC), 0))).isEqualTo(TensorShape.vector(24));
    }

    @Test
    void reshapeKeepsTheSize() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThat(b.shape(b.add("r", new Reshape(TensorShape.of(6, 2, 2)), 0))).isEqualTo(TensorShape.of(6, 2, 2));
    }

    @Test
    void reshapeRejectsASizeChangeNamingTheNodeAndShapes() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThatThrownBy(() -> b.add("resh", new Reshape(TensorShape.of(5, 5, 1)), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("resh")
                .hasMessageContaining("(2, 3, 4)")
                .hasMessageContaining("(5, 5, 1)");
    }

    @Test
    void transposePermutesTheAxes() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThat(b.shape(b.add("t1", new Transpose(new int[] {1, 2, 0}), 0))).isEqualTo(TensorShape.of(3, 4, 2));
        assertThat(b.shape(b.add("t2", new Transpose(new int[] {2, 0, 1}), 0))).isEqualTo(TensorShape.of(4, 2, 3));
        assertThat(b.shape(b.add("t3", new Transpose(new int[] {0, 1, 2}), 0))).isEqualTo(TensorShape.of(2, 3, 4));
    }

    @Test
    void elementwiseOpsKeepTheShape() {
        TensorShape s = TensorShape.of(2, 3, 4);
        Network.Builder b = Network.builder(s);
        assertThat(b.shape(b.add("relu", new Relu(), 0))).isEqualTo(s);
        assertThat(b.shape(b.add("lrelu", new LeakyRelu(0.1), 0))).isEqualTo(s);
        assertThat(b.shape(b.add("id", new Identity(), 0))).isEqualTo(s);
        assertThat(b.shape(b.add("aff", new Affine(new double[] {2, 3}, new double[] {0}), 0))).isEqualTo(s);
        assertThat(b.shape(b.add("bn", new BatchNorm(new double[2], new double[2], new double[2],
                new double[] {1, 1}, 1e-5), 0))).isEqualTo(s);
        assertThat(b.shape(b.add("sig", new Sigmoid(), 0))).isEqualTo(s);
    }

    @Test
    void batchNormRejectsWrongChannelCount() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThatThrownBy(() -> b.add("bn1", new BatchNorm(new double[3], new double[3], new double[3],
                new double[] {1, 1, 1}, 1e-5), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("bn1");
    }

    @Test
    void affineRejectsBroadcastThatFitsNoAxis() {
        Network.Builder b = Network.builder(TensorShape.of(2, 3, 4));
        assertThatThrownBy(() -> b.add("norm", new Affine(new double[] {1, 2, 3}, new double[] {0}), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("norm");
    }

    @Test
    void readingANodeThatDoesNotExistIsRejected() {
        Network.Builder b = Network.builder(TensorShape.of(1, 4, 4));
        assertThatThrownBy(() -> b.add("r", new Relu(), 3)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'r'")
                .hasMessageContaining("3");
    }

    @Test
    void secondInputNodeIsRejected() {
        Network.Builder b = Network.builder(TensorShape.of(1, 4, 4));
        assertThatThrownBy(() -> b.add("in2", new Input(TensorShape.of(1, 4, 4))))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void builtNetworkExposesNodesConsumersAndShapes() {
        Network.Builder b = Network.builder(TensorShape.of(1, 8, 8));
        int c = b.add("conv1", conv(4, 1, 3, 3, 1, 1, 1, 1, Padding.symmetric(1), 1), b.input());
        int r = b.add("relu1", new Relu(), c);
        int s = b.add("skip", new Add(), c, r);
        int g = b.add("gap", new GlobalAvgPool(), s);
        int d = b.add("dense", new Dense(4, 1, new double[4], new double[1]), g);
        Network net = b.build(d);
        assertThat(net.size()).isEqualTo(6);
        assertThat(net.inputShape()).isEqualTo(TensorShape.of(1, 8, 8));
        assertThat(net.outputShape()).isEqualTo(TensorShape.vector(1));
        assertThat(net.output()).isEqualTo(d);
        assertThat(net.consumers(c)).containsExactly(r, s);
        assertThat(net.consumers(d)).isEmpty();
        assertThat(net.node("relu1")).get().extracting(Node::id).isEqualTo(r);
        assertThat(net.node("missing")).isEmpty();
        assertThat(net.node(s).inputs()).containsExactly(c, r);
        assertThat(net.withOutput(g).outputShape()).isEqualTo(TensorShape.vector(4));
        assertThatThrownBy(() -> net.withOutput(6)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> b.build(-1)).isInstanceOf(InvalidValueException.class);
    }
}
