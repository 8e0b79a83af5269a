/**
 * Evaluation of an IR {@link org.salientsi.api.ir.Network}: at a point, and along the test line
 * \( Y(z) = a + c z \), where every node carries intercept and slope arrays and every piecewise
 * decision (ReLU sign, max-pool winner) narrows the interval of {@code z} on which the network is one
 * affine map (DESIGN.md section 2). Hot loops run on primitive arrays allocated once per evaluator.
 */
package org.salientsi.core.eval;
