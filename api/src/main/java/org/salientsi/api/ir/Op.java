package org.salientsi.api.ir;

import java.util.List;

/**
 * One operation of the IR. Implementations are immutable records; the set is closed so that
 * evaluators can handle every case. Serialisable, so that a compiled model travels to a cluster's
 * executors as its IR (they open no model file and load no backend).
 */
public sealed interface Op extends java.io.Serializable permits Input, Conv2d, ConvTranspose, Dense, BatchNorm, Relu,
        LeakyRelu, MaxPool, AvgPool, GlobalAvgPool, GlobalMaxPool, Upsample, Pad, Add, Concat, Flatten, Reshape,
        Transpose, Affine, Identity, Sigmoid, Softmax, Tanh, Exp, Erf, Gelu, Mul, Div, MatMul, LayerNorm, Slice {

    /** @return a short type name for messages, e.g. {@code "Conv2d"} */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * @return the number of inputs this op takes, or {@code -1} for two or more
     */
    default int arity() {
        return 1;
    }

    /**
     * @return whether the op is affine or piecewise linear (false for the smooth ops: sigmoid, softmax, tanh,
     *     exp, erf, GELU, layer normalisation, and the products and quotients of two data-dependent tensors)
     */
    default boolean piecewiseLinear() {
        return true;
    }

    /**
     * @return whether the op makes piecewise decisions (ReLU signs, max-pool winners) that bound a
     *     linear piece
     */
    default boolean hasDecisions() {
        return false;
    }

    /**
     * @param inputs the shapes of the inputs, in order
     * @return the output shape
     * @throws org.salientsi.api.error.ShapeMismatchException if the inputs do not fit
     */
    TensorShape outputShape(List<TensorShape> inputs);
}
