package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * Softmax, \( y_i = e^{x_i} / \sum_j e^{x_j} \), over all elements of its input ({@link #ALL}, a vector of
 * logits) or along one axis of the CHW tensor (0 channels, 1 rows, 2 columns: each line of elements along
 * that axis sums to 1, as ONNX's {@code Softmax} at opset 13 with one axis).
 *
 * <p>Smooth, not piecewise linear: as a final output the exact walk never needs it; where the selection
 * depends on it (attention) the certified search bounds it over segments of the test line.
 *
 * @param axis {@link #ALL}, or 0, 1 or 2
 */
public record Softmax(int axis) implements Op {

    /** Softmax over every element of the tensor. */
    public static final int ALL = -1;

    /** @throws InvalidValueException unless axis is {@link #ALL}, 0, 1 or 2 */
    public Softmax {
        if (axis < ALL || axis > 2) {
            throw InvalidValueException.of("Softmax axis must be -1 (all elements), 0, 1 or 2, got %d", axis);
        }
    }

    /** Softmax over all elements (a vector of logits). */
    public Softmax() {
        this(ALL);
    }

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
