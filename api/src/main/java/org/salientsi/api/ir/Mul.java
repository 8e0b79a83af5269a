package org.salientsi.api.ir;

import java.util.List;

/**
 * Elementwise product of two tensors that both depend on the input (a product by a constant is an
 * {@link Affine}), with broadcasting: along each CHW axis the two sizes are equal or one of them is 1.
 *
 * <p>Not piecewise linear (bilinear): the certified search bounds it by McCormick's envelopes.
 */
public record Mul() implements Op {

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.broadcast(this, inputs);
    }
}
