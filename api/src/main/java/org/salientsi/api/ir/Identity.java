package org.salientsi.api.ir;

import java.util.List;

/** Passes its input through (dropout in inference, a renamed tensor). */
public record Identity() implements Op {

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
