package org.salientsi.api.ir;

import java.util.List;

/** Rectified linear unit, \( y = \max(x, 0) \) elementwise; each unit's sign is a decision. */
public record Relu() implements Op {

    @Override
    public boolean hasDecisions() {
        return true;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        return Checks.single(this, inputs);
    }
}
