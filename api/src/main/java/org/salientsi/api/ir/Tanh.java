package org.salientsi.api.ir;

import java.util.List;

/**
 * The hyperbolic tangent, elementwise: \( y = \tanh x \), increasing, odd, values in (-1, 1).
 *
 * <p>Smooth, not piecewise linear: the exact walk refuses it where the selection depends on it, and the
 * certified search bounds it over segments of the test line instead.
 */
public record Tanh() implements Op {

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
