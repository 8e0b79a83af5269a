/**
 * Evaluation of an IR {@link org.salientsi.api.ir.Network}: at a point, and along the test line
 * \( Y(z) = a + c z \), where every node carries intercept and slope arrays and every piecewise
 * decision (ReLU sign, max-pool winner) narrows the interval of {@code z} on which the network is one
 * affine map (DESIGN.md section 2). {@link org.salientsi.core.eval.LineEvaluator} runs a full pass per
 * piece (the reference); {@link org.salientsi.core.eval.IncrementalLineEvaluator} keeps every decision's
 * root in a priority queue and, at each breakpoint, updates only what the flipped decisions touch. Hot
 * loops run on primitive arrays allocated once per evaluator; compiled networks are shared read-only
 * across threads.
 */
package org.salientsi.core.eval;
