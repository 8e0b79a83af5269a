package org.salientsi.api.ir;

import java.util.List;

/**
 * Softmax over all elements of its input (a vector of logits), allowed only as a final output.
 */
public record Softmax() implements Op {

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
