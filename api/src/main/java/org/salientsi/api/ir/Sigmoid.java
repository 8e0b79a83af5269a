package org.salientsi.api.ir;

import java.util.List;

/**
 * The logistic function, elementwise: \( y = 1 / (1 + e^{-x}) \), increasing, values in (0, 1).
 *
 * <p>Smooth, not piecewise linear: as a final output the exact walk never needs it; where the selection
 * depends on it the exact walk refuses the network and the certified search bounds it over segments of the
 * test line instead.
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
