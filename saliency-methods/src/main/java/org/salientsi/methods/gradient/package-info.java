/**
 * Saliency methods built on the exact input gradient of the target's pre-activation logit: the
 * gradient (absolute or signed), gradient x input, SmoothGrad (Smilkov et al., 2017, arXiv
 * 1706.03825) and integrated gradients (Sundararajan, Taly and Yan, ICML 2017, arXiv 1703.01365).
 * Each gradient is a reverse pass over the activation pattern fixed on a linear piece
 * ({@link org.salientsi.core.grad.ReverseProgram}), so every map is piecewise linear in the input and
 * has a selective p-value.
 */
package org.salientsi.methods.gradient;
