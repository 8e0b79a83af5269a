/**
 * The intermediate representation (IR) of a model: a directed acyclic graph of operations that are
 * affine or piecewise linear in their input (convolution, dense, ReLU, max pooling, ...), plus
 * sigmoid and softmax as final outputs only.
 *
 * <p>Every tensor is one sample in CHW order (channels, rows, columns), whatever layout the model's
 * framework uses; a vector is a tensor of shape {@code (n, 1, 1)}. Backends translate their models
 * into a {@link org.salientsi.api.ir.Network}; the inference core evaluates it at a point and along a
 * line {@code Y(z) = a + c z}. Ops are immutable records that validate their parameters; weight
 * arrays are copied in and out.
 */
package org.salientsi.api.ir;
