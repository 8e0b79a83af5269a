package org.salientsi.api.ir;

import java.util.List;

/**
 * Elementwise quotient \( y = a / b \) of two tensors that both depend on the input (a quotient by a constant is an
 * {@link Affine}), with broadcasting: along each CHW axis the two sizes are equal or one of them is 1.
 *
 * <p>Not piecewise linear: the certified search bounds it as \( a \cdot (1/b) \) where b keeps its sign; a point
 * where b vanishes is a numerical breakdown.
 */
public record Div() implements Op {

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
