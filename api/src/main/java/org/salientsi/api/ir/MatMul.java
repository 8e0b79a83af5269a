package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Matrix product of two tensors that both depend on the input (attention's \( Q K^T \) and \( A V \)),
 * batched over channels: \( (C, H, K) \times (C, K, W) \to (C, H, W) \),
 * \( y_{c,h,w} = \sum_k a_{c,h,k} b_{c,k,w} \); a side with one channel is shared by every channel of the other.
 *
 * <p>Not piecewise linear (bilinear): the certified search bounds each product by McCormick's envelopes.
 */
public record MatMul() implements Op {

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
        if (inputs.size() != 2) {
            throw new ShapeMismatchException("MatMul takes two inputs, got " + inputs.size());
        }
        TensorShape a = inputs.get(0);
        TensorShape b = inputs.get(1);
        if (a.width() != b.height() || a.channels() != b.channels() && a.channels() != 1 && b.channels() != 1) {
            throw new ShapeMismatchException("MatMul of " + a + " and " + b + ": needs (C, H, K) x (C, K, W)");
        }
        return TensorShape.of(Math.max(a.channels(), b.channels()), a.height(), b.width());
    }
}
