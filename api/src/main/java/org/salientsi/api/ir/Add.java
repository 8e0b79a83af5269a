package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/** Elementwise sum of two or more tensors of one shape (a residual connection). */
public record Add() implements Op {

    @Override
    public int arity() {
        return -1;
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        if (inputs.size() < 2) {
            throw new ShapeMismatchException("Add takes two or more inputs, got " + inputs.size());
        }
        for (TensorShape s : inputs) {
            if (!s.equals(inputs.get(0))) {
                throw new ShapeMismatchException("Add inputs differ in shape: " + inputs);
            }
        }
        return inputs.get(0);
    }
}
