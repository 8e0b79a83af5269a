package org.salientsi.api.ir;

import java.util.List;

/**
 * Flattening into a vector {@code (C*H*W, 1, 1)}, in CHW order (PyTorch, ONNX) or in HWC order (Keras,
 * channels last), so that a following {@link Dense} reads its weights in the framework's order.
 *
 * @param order the order of the flattened elements
 */
public record Flatten(Order order) implements Op {

    /** Flattening order. */
    public enum Order {
        /** Channel-major, as the IR stores tensors (a no-op on the data). */
        CHW,
        /** Channels last: element {@code (c, h, w)} goes to {@code (h * W + w) * C + c}. */
        HWC
    }

    /**
     * @throws org.salientsi.api.error.InvalidValueException if order is null
     */
    public Flatten {
        if (order == null) {
            throw new org.salientsi.api.error.InvalidValueException("Flatten needs an order");
        }
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return TensorShape.vector(Checks.single(this, inputs).size());
    }
}
