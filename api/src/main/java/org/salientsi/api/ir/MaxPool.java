package org.salientsi.api.ir;

import java.util.List;

/**
 * Max pooling over {@code kernelH x kernelW} windows per channel. Padded positions never win (they
 * count as minus infinity). The arg-max of each window is a decision.
 *
 * @param kernelH window rows
 * @param kernelW window columns
 * @param strideH row stride
 * @param strideW column stride
 * @param padding ignored padding
 * @param ceilMode whether the output length rounds up (PyTorch/ONNX {@code ceil_mode})
 */
public record MaxPool(int kernelH, int kernelW, int strideH, int strideW, Padding padding, boolean ceilMode)
        implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException on non-positive sizes
     */
    public MaxPool {
        Checks.positive("MaxPool kernelH", kernelH);
        Checks.positive("MaxPool kernelW", kernelW);
        Checks.positive("MaxPool strideH", strideH);
        Checks.positive("MaxPool strideW", strideW);
        if (padding == null) {
            padding = Padding.NONE;
        }
    }

    /**
     * @param size window side and stride
     * @return a {@code size x size} pool with stride {@code size}, no padding
     */
    public static MaxPool square(int size) {
        return new MaxPool(size, size, size, size, Padding.NONE, false);
    }

    @Override
    public boolean hasDecisions() {
        return true;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        return TensorShape.of(in.channels(),
                Checks.pooledLength("MaxPool", in.height(), padding.top(), padding.bottom(), kernelH, strideH, 1,
                        ceilMode),
                Checks.pooledLength("MaxPool", in.width(), padding.left(), padding.right(), kernelW, strideW, 1,
                        ceilMode));
    }
}
