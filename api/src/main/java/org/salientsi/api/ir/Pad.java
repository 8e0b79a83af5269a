package org.salientsi.api.ir;

import java.util.List;

/**
 * Zero padding of the spatial plane.
 *
 * @param padding pixels added on each side
 */
public record Pad(Padding padding) implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException if padding is null
     */
    public Pad {
        if (padding == null) {
            throw new org.salientsi.api.error.InvalidValueException("Pad needs a padding");
        }
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        return TensorShape.of(in.channels(), in.height() + padding.top() + padding.bottom(),
                in.width() + padding.left() + padding.right());
    }
}
