package org.salientsi.api.ir;

import java.util.List;

/**
 * The logistic function, allowed only as a final output: nothing that the selection depends on may
 * lie after it (the inference core refuses such networks).
 */
public record Sigmoid() implements Op {

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
