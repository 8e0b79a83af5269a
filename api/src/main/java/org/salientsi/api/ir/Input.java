package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * The network's input (one image in CHW order). Exactly one node of a network is an input; its shape
 * is given when the network is built.
 *
 * @param shape the input shape
 */
public record Input(TensorShape shape) implements Op {

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        if (!inputs.isEmpty()) {
            throw new ShapeMismatchException("Input takes no inputs");
        }
        return shape;
    }
}
