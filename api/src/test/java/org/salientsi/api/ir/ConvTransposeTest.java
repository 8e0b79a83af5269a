package org.salientsi.api.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/** The validating constructor and the shape inference of {@link ConvTranspose}. */
class ConvTransposeTest {

    private static ConvTranspose op(int stride, Padding padding, int outputPadding) {
        return new ConvTranspose(3, 2, 3, 3, new double[2 * 3 * 9], null, stride, stride, padding, outputPadding,
                outputPadding);
    }

    @Test
    void outputShapeFollowsTheOnnxFormula() {
        // (in - 1) * s + k - pt - pb + a: PyTorch ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1)
        // maps 5x7 to 10x14
        TensorShape out = op(2, Padding.symmetric(1), 1).outputShape(List.of(TensorShape.of(2, 5, 7)));
        assertThat(out).isEqualTo(TensorShape.of(3, 10, 14));
        assertThat(op(1, Padding.NONE, 0).outputShape(List.of(TensorShape.of(2, 4, 4))))
                .isEqualTo(TensorShape.of(3, 6, 6));
        // asymmetric pads: 4 rows -> (4 - 1) * 2 + 3 - 0 - 2 = 7, columns (4 - 1) * 2 + 3 - 1 - 0 = 8
        assertThat(op(2, Padding.of(0, 1, 2, 0), 0).outputShape(List.of(TensorShape.of(2, 4, 4))))
                .isEqualTo(TensorShape.of(3, 7, 8));
    }

    @Test
    void refusesAnInputWithOtherChannels() {
        assertThatThrownBy(() -> op(1, Padding.NONE, 0).outputShape(List.of(TensorShape.of(3, 4, 4))))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("2 input channels");
    }

    @Test
    void refusesPaddingThatCropsTheWholeOutput() {
        assertThatThrownBy(() -> op(1, Padding.symmetric(2), 0).outputShape(List.of(TensorShape.of(2, 1, 1))))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("crops the whole output");
    }

    @Test
    void refusesAnOutputTooLongForAnIntWithoutOverflowing() {
        ConvTranspose wide = new ConvTranspose(1, 1, 1, 1, new double[1], null, 1 << 30, 1, Padding.NONE, 0, 0);
        assertThatThrownBy(() -> wide.outputShape(List.of(TensorShape.of(1, 5, 1))))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("too large");
    }

    @Test
    void refusesOutputPaddingNotBelowTheStride() {
        assertThatThrownBy(() -> op(2, Padding.NONE, 2)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("output padding");
        assertThatThrownBy(() -> op(1, Padding.NONE, 1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> op(2, Padding.NONE, -1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void refusesWrongWeightCountsNonFiniteWeightsAndHugeKernels() {
        assertThatThrownBy(() -> ConvTranspose.of(3, 2, 3, 3, new double[53], null, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("53").hasMessageContaining("54");
        double[] w = new double[54];
        w[5] = Double.NaN;
        assertThatThrownBy(() -> ConvTranspose.of(3, 2, 3, 3, w, null, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("[5]");
        assertThatThrownBy(() -> ConvTranspose.of(1 << 16, 1 << 16, 3, 3, new double[1], null, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("too many weights");
        assertThatThrownBy(() -> ConvTranspose.of(3, 2, 3, 3, new double[54], new double[2], 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("bias");
        assertThatThrownBy(() -> ConvTranspose.of(3, 2, 0, 3, new double[0], null, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("kernelH");
    }

    @Test
    void weightsAreCopiedAndEqualityIsByValue() {
        double[] w = new double[54];
        w[0] = 1;
        ConvTranspose a = ConvTranspose.of(3, 2, 3, 3, w, null, 2);
        w[0] = 2;
        assertThat(a.weights()[0]).isEqualTo(1.0);
        assertThat(a).isEqualTo(ConvTranspose.of(3, 2, 3, 3, a.weights(), new double[3], 2));
        assertThat(a).isNotEqualTo(ConvTranspose.of(3, 2, 3, 3, w, null, 2));
    }
}
