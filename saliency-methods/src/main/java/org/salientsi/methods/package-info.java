/**
 * Saliency methods and region selectors, each a plugin found by {@link java.util.ServiceLoader}.
 *
 * <p>Methods ({@code --method}): {@code cam}, {@code gradcam}, {@code gradient}, {@code signed-gradient},
 * {@code grad-x-input}, {@code smoothgrad}, {@code integrated-gradients} (piecewise linear in the input,
 * so they have selective p-values) and {@code occlusion} (maps only). Every map explains the
 * pre-activation output (logit) of the target unit. Selectors ({@code --selector}): {@code threshold:T},
 * {@code minmax:T}, {@code top-k:K}, {@code percentile:P}, and the prefix {@code smooth:S+} that blurs
 * the map first (with the one Gaussian blur of package {@code blur}, which the sanity checks use too).
 */
package org.salientsi.methods;
