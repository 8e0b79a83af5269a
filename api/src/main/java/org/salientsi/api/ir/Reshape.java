package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Reinterprets the CHW-ordered data with another shape of the same size (no data moves).
 *
 * @param target the new shape
 */
public record Reshape(TensorShape target) implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException if target is null
     */
    public Reshape {
        if (target == null) {
            throw new org.salientsi.api.error.InvalidValueException("Reshape needs a target shape");
        }
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        if (in.size() != target.size()) {
            throw new ShapeMismatchException("Reshape from " + in + " to " + target + " changes the size");
        }
        return target;
    }
}
