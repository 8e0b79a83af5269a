package org.salientsi.api.ir;

import java.util.List;

/**
 * The Gaussian error linear unit (exact form; Hendrycks and Gimpel, 2016), elementwise:
 * \( y = x \Phi(x) = \frac{x}{2}(1 + \operatorname{erf}(x / \sqrt 2)) \); its minimum is about -0.170, at x about -0.752.
 *
 * <p>Smooth, not piecewise linear: the exact walk refuses it where the selection depends on it, and the
 * certified search bounds it over segments of the test line instead.
 */
public record Gelu() implements Op {

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
