package org.salientsi.api.ir;

import java.util.List;

/**
 * Average pooling over {@code kernelH x kernelW} windows per channel, an affine map. With
 * {@code countIncludePad} the divisor counts the zero padding that the window covers (but never
 * positions past the padded input that ceil mode adds); without it, only the input positions.
 *
 * @param kernelH window rows
 * @param kernelW window columns
 * @param strideH row stride
 * @param strideW column stride
 * @param padding zero padding
 * @param countIncludePad whether padded positions count in the divisor
 * @param ceilMode whether the output length rounds up
 */
public record AvgPool(int kernelH, int kernelW, int strideH, int strideW, Padding padding, boolean countIncludePad,
                      boolean ceilMode) implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException on non-positive sizes
     */
    public AvgPool {
        Checks.positive("AvgPool kernelH", kernelH);
        Checks.positive("AvgPool kernelW", kernelW);
        Checks.positive("AvgPool strideH", strideH);
        Checks.positive("AvgPool strideW", strideW);
        if (padding == null) {
            padding = Padding.NONE;
        }
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        return TensorShape.of(in.channels(),
                Checks.pooledLength("AvgPool", in.height(), padding.top(), padding.bottom(), kernelH, strideH, 1,
                        ceilMode),
                Checks.pooledLength("AvgPool", in.width(), padding.left(), padding.right(), kernelW, strideW, 1,
                        ceilMode));
    }
}
