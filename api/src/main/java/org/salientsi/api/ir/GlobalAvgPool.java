package org.salientsi.api.ir;

import java.util.List;

/** Global average pooling: the mean of each channel's plane; output {@code (C, 1, 1)}. */
public record GlobalAvgPool() implements Op {

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return TensorShape.vector(Checks.single(this, inputs).channels());
    }
}
