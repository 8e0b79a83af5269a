package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/** Concatenation along the channel axis of two or more tensors with one spatial size. */
public record Concat() implements Op {

    @Override
    public int arity() {
        return -1;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        if (inputs.size() < 2) {
            throw new ShapeMismatchException("Concat takes two or more inputs, got " + inputs.size());
        }
        int c = 0;
        for (TensorShape s : inputs) {
            if (s.height() != inputs.get(0).height() || s.width() != inputs.get(0).width()) {
                throw new ShapeMismatchException("Concat inputs differ in spatial size: " + inputs);
            }
            c += s.channels();
        }
        return TensorShape.of(c, inputs.get(0).height(), inputs.get(0).width());
    }
}
