/**
 * Evaluation of an IR {@link org.salientsi.api.ir.Network}: at a point, and along the test line
 * \( Y(z) = a + c z \), where every node carries intercept and slope arrays and every piecewise
 * decision (ReLU sign, max-pool winner) narrows the interval of {@code z} on which the network is one
 * affine map (DESIGN.md section 2). {@link org.salientsi.core.eval.LineEvaluator} runs a full pass per
 * piece (the reference); {@link org.salientsi.core.eval.IncrementalLineEvaluator} keeps every decision's
 * root in a priority queue and, at each breakpoint, updates only what the flipped decisions touch. Hot
 * loops run on primitive arrays allocated once per evaluator; compiled networks are shared read-only
 * across threads. The index tables of the linear ops ({@link org.salientsi.core.eval.SparseMap} for
 * resizing, padding, concatenation, channels-last flattening, transposition and slicing,
 * {@link org.salientsi.core.eval.WindowTable} for pooling, {@link org.salientsi.core.eval.ConvGeometry}
 * for convolutions) are public so that the reverse pass ({@code org.salientsi.core.grad}) builds its
 * transposes from the same tables.
 *
 * <p>The ops that are not piecewise linear (sigmoid, tanh, exp, erf, GELU, softmax, layer normalisation,
 * products, quotients and matrix products of two data-dependent tensors) are evaluated at points only; the
 * line evaluators refuse them, and {@link org.salientsi.core.eval.SegmentEvaluator} bounds them over whole
 * segments of the line by sound linear relaxations, for the certified search.
 */
package org.salientsi.core.eval;
