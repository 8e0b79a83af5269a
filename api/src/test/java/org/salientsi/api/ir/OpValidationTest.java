package org.salientsi.api.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/** Validation in the op records' constructors. */
class OpValidationTest {

    @Test
    void conv2dRejectsWrongWeightLengthNamingBothLengths() {
        // 4 out, 2 in, 3x3: 72 weights
        assertThatThrownBy(() -> Conv2d.of(4, 2, 3, 3, new double[71], null, Padding.NONE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Conv2d weights")
                .hasMessageContaining("71")
                .hasMessageContaining("72");
    }

    @Test
    void conv2dWeightLengthAccountsForGroups() {
        // 4 out, 4 in, 2 groups, 3x3: 4 * 2 * 9 = 72 weights
        Conv2d ok = new Conv2d(4, 4, 3, 3, new double[72], null, 1, 1, 1, 1, Padding.NONE, 2);
        assertThat(ok.weights()).hasSize(72);
        assertThatThrownBy(() -> new Conv2d(4, 4, 3, 3, new double[144], null, 1, 1, 1, 1, Padding.NONE, 2))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("144");
    }

    @Test
    void conv2dRejectsNaNWeightNamingItsIndex() {
        double[] w = new double[18];
        w[7] = Double.NaN;
        assertThatThrownBy(() -> Conv2d.of(2, 1, 3, 3, w, null, Padding.NONE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("[7]")
                .hasMessageContaining("NaN");
    }

    @Test
    void conv2dRejectsInfiniteBias() {
        assertThatThrownBy(() -> Conv2d.of(2, 1, 1, 1, new double[2], new double[] {0, Double.POSITIVE_INFINITY},
                Padding.NONE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bias[1]");
    }

    @Test
    void conv2dRejectsBiasOfWrongLength() {
        assertThatThrownBy(() -> Conv2d.of(2, 1, 1, 1, new double[2], new double[3], Padding.NONE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bias");
    }

    @Test
    void conv2dRejectsGroupsThatDoNotDivideTheChannels() {
        assertThatThrownBy(() -> new Conv2d(4, 3, 1, 1, new double[4], null, 1, 1, 1, 1, Padding.NONE, 2))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("groups 2")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> new Conv2d(3, 4, 1, 1, new double[6], null, 1, 1, 1, 1, Padding.NONE, 2))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("groups 2");
    }

    @Test
    void conv2dRejectsNonPositiveSizesNamingTheField() {
        assertThatThrownBy(() -> new Conv2d(1, 1, 1, 1, new double[1], null, 0, 1, 1, 1, Padding.NONE, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("strideH");
        assertThatThrownBy(() -> new Conv2d(1, 1, 1, 1, new double[1], null, 1, 1, 1, 0, Padding.NONE, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("dilationW");
        assertThatThrownBy(() -> new Conv2d(1, 1, 1, 1, new double[1], null, 1, 1, 1, 1, Padding.NONE, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("groups");
    }

    @Test
    void conv2dCopiesWeightsInAndOut() {
        double[] w = {1, 2, 3, 4};
        Conv2d op = Conv2d.of(1, 1, 2, 2, w, null, null);
        w[0] = 99;
        op.weights()[1] = 99;
        assertThat(op.weights()).containsExactly(1, 2, 3, 4);
        assertThat(op.bias()).containsExactly(0);
        assertThat(op.padding()).isEqualTo(Padding.NONE);
    }

    @Test
    void denseRejectsWrongWeightLengthAndNaN() {
        assertThatThrownBy(() -> new Dense(3, 2, new double[5], null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Dense weights")
                .hasMessageContaining("6");
        double[] w = new double[6];
        w[4] = Double.NaN;
        assertThatThrownBy(() -> new Dense(3, 2, w, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> new Dense(3, 2, null, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void denseWeightIsRowMajorOutByIn() {
        Dense d = new Dense(3, 2, new double[] {1, 2, 3, 4, 5, 6}, new double[] {7, 8});
        assertThat(d.weight(1, 0)).isEqualTo(4);
        assertThat(d.weight(0, 2)).isEqualTo(3);
    }

    @Test
    void batchNormRejectsMismatchedLengthsAndNonPositiveVariance() {
        assertThatThrownBy(() -> new BatchNorm(new double[2], new double[3], new double[2], new double[] {1, 1}, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new BatchNorm(new double[2], new double[2], new double[2], new double[] {1, 0}, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("channel 1");
        assertThatThrownBy(() -> new BatchNorm(new double[1], new double[1], new double[1], new double[] {1},
                Double.NaN))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NaN");
    }

    @Test
    void batchNormFoldsIntoScaleAndShift() {
        BatchNorm bn = new BatchNorm(new double[] {2}, new double[] {1}, new double[] {3}, new double[] {3}, 1);
        // scale = 2 / sqrt(4) = 1, shift = 1 - 3 * 1 = -2
        assertThat(bn.scale()).containsExactly(1.0);
        assertThat(bn.shift()).containsExactly(-2.0);
    }

    @Test
    void leakyReluRejectsNonFiniteAlpha() {
        assertThatThrownBy(() -> new LeakyRelu(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void poolsRejectNonPositiveKernelsAndStrides() {
        assertThatThrownBy(() -> new MaxPool(0, 2, 2, 2, null, false)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("kernelH");
        assertThatThrownBy(() -> new AvgPool(2, 2, 2, -1, null, true, false)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("strideW");
    }

    @Test
    void upsampleRejectsBadScalesAndMissingModes() {
        assertThatThrownBy(() -> new Upsample(0, 2, 0, 0, Upsample.Interpolation.NEAREST,
                Upsample.CoordinateTransform.ASYMMETRIC, Upsample.NearestRounding.FLOOR))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Upsample(2, Double.NaN, 0, 0, Upsample.Interpolation.NEAREST,
                Upsample.CoordinateTransform.ASYMMETRIC, Upsample.NearestRounding.FLOOR))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Upsample(2, 2, 0, 0, null, Upsample.CoordinateTransform.ASYMMETRIC,
                Upsample.NearestRounding.FLOOR))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void transposeRejectsNonPermutations() {
        assertThatThrownBy(() -> new Transpose(new int[] {0, 0, 1})).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("[0, 0, 1]");
        assertThatThrownBy(() -> new Transpose(new int[] {0, 1})).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Transpose(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void shapeOpsRejectMissingArguments() {
        assertThatThrownBy(() -> new Pad(null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Reshape(null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Flatten(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void tensorShapeRejectsNonPositiveDimensions() {
        assertThatThrownBy(() -> TensorShape.of(1, 0, 4)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("(1, 0, 4)");
    }

    @Test
    void tensorShapeIndexIsChannelMajor() {
        TensorShape s = TensorShape.of(2, 3, 4);
        assertThat(s.index(1, 2, 3)).isEqualTo(23);
        assertThat(s.index(1, 0, 0)).isEqualTo(12);
        assertThat(s.plane()).isEqualTo(12);
        assertThat(s.size()).isEqualTo(24);
    }

    @Test
    void opsDeclareDecisionsAndPiecewiseLinearity() {
        assertThat(new Relu().hasDecisions()).isTrue();
        assertThat(MaxPool.square(2).hasDecisions()).isTrue();
        assertThat(new GlobalMaxPool().hasDecisions()).isTrue();
        assertThat(new GlobalAvgPool().hasDecisions()).isFalse();
        assertThat(new Sigmoid().piecewiseLinear()).isFalse();
        assertThat(new Softmax().piecewiseLinear()).isFalse();
        assertThat(new Add().arity()).isEqualTo(-1);
        assertThat(new Relu().type()).isEqualTo("Relu");
    }
}
