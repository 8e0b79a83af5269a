package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Layer normalisation along one axis of the CHW tensor (Ba, Kiros and Hinton, 2016): each line of
 * {@code n} elements along {@code axis} becomes
 * \( y_i = \gamma_i (x_i - \mu) / \sqrt{\sigma^2 + \epsilon} + \beta_i \) with \( \mu \) and
 * \( \sigma^2 = \frac{1}{n}\sum_i (x_i - \mu)^2 \) the line's mean and (biased) variance, as ONNX's
 * {@code LayerNormalization} over the last axis.
 *
 * <p>Not piecewise linear: the certified search bounds the centred values exactly (they are linear), the
 * variance from above and below, and the reciprocal square root on that range.
 *
 * @param axis 0, 1 or 2
 * @param gamma the scale, one per element of the line
 * @param beta the shift, one per element of the line
 * @param epsilon added to the variance, {@code > 0}
 */
public record LayerNorm(int axis, double[] gamma, double[] beta, double epsilon) implements Op {

    /**
     * @throws InvalidValueException if the axis is not 0, 1 or 2, gamma and beta differ in length or hold a
     *     value that is not finite, or epsilon is not positive and finite
     */
    public LayerNorm {
        if (axis < 0 || axis > 2) {
            throw InvalidValueException.of("LayerNorm axis must be 0, 1 or 2, got %d", axis);
        }
        gamma = Checks.finiteCopy("LayerNorm gamma", gamma, -1);
        beta = Checks.finiteCopy("LayerNorm beta", beta, gamma.length);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw InvalidValueException.of("LayerNorm epsilon must be positive and finite, got %s", epsilon);
        }
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public boolean piecewiseLinear() {
        return false;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        int n = axis == 0 ? in.channels() : axis == 1 ? in.height() : in.width();
        if (n != gamma.length) {
            throw new ShapeMismatchException("LayerNorm over axis " + axis + " of " + in + " needs " + n
                    + " scales and shifts, got " + gamma.length);
        }
        return in;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerNorm l && l.axis == axis && java.util.Arrays.equals(l.gamma, gamma)
                && java.util.Arrays.equals(l.beta, beta) && Double.compare(l.epsilon, epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(gamma) * 31 + axis;
    }
}
