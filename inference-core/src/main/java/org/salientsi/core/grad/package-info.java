/**
 * Exact reverse-mode differentiation of the IR over a fixed activation pattern.
 *
 * <p>On a linear piece of the test line (and at any point off the kinks) every ReLU sign and every
 * max-pool winner is fixed, so the network is affine there and the gradient of an output unit with
 * respect to the input, or to an intermediate node, is the transpose of that affine map applied to a
 * unit vector. {@link org.salientsi.core.grad.ReverseProgram} compiles the transposed ops once per
 * network (shareable across threads); {@link org.salientsi.core.grad.Backprop} holds one thread's
 * buffers, takes the pattern from a point evaluation or from a piece of the line, and runs the
 * reverse pass. Gradient-based saliency methods (gradient, gradient x input, SmoothGrad, integrated
 * gradients, Grad-CAM) are built on it.
 */
package org.salientsi.core.grad;
