package org.salientsi.api.ir;

import java.util.List;

/** Global max pooling: the maximum of each channel's plane (a decision); output {@code (C, 1, 1)}. */
public record GlobalMaxPool() implements Op {

    @Override
    public boolean hasDecisions() {
        return true;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return TensorShape.vector(Checks.single(this, inputs).channels());
    }
}
