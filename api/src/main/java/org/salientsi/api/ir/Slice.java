package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * The elements {@code start, start + 1, ..., end - 1} along one axis of the CHW tensor (the class token of
 * a Vision Transformer, ONNX's {@code Gather} with a constant index or {@code Slice} with step 1). Linear.
 *
 * @param axis 0, 1 or 2
 * @param start first index kept, {@code >= 0}
 * @param end one past the last index kept, {@code > start}
 */
public record Slice(int axis, int start, int end) implements Op {

    /** @throws InvalidValueException unless {@code 0 <= axis <= 2} and {@code 0 <= start < end} */
    public Slice {
        if (axis < 0 || axis > 2 || start < 0 || end <= start) {
            throw InvalidValueException.of("Slice needs axis 0, 1 or 2 and 0 <= start < end, got axis %d, [%d, %d)",
                    axis, start, end);
        }
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        int n = axis == 0 ? in.channels() : axis == 1 ? in.height() : in.width();
        if (end > n) {
            throw new ShapeMismatchException("Slice [" + start + ", " + end + ") of axis " + axis + " of " + in
                    + " reaches past its " + n + " elements");
        }
        int k = end - start;
        return TensorShape.of(axis == 0 ? k : in.channels(), axis == 1 ? k : in.height(), axis == 2 ? k : in.width());
    }
}
