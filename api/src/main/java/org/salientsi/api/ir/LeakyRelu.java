package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * Leaky ReLU, \( y = x \) for \( x > 0 \) and \( \alpha x \) otherwise; each unit's sign is a decision.
 *
 * @param alpha the negative slope, finite
 */
public record LeakyRelu(double alpha) implements Op {

    /**
     * @throws InvalidValueException if alpha is not finite
     */
    public LeakyRelu {
        if (!Double.isFinite(alpha)) {
            throw InvalidValueException.of("LeakyRelu alpha must be finite, got %s", alpha);
        }
    }

    @Override
    public boolean hasDecisions() {
        return true;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
