/**
 * The saliency sanity checks of SANITY.md: perturbation metrics and their reliability (Tomsett et al.,
 * AAAI 2020; package {@code perturb}, {@code reliability}, {@code metrics}), saliency-mask agreement
 * and its relation to generalisation (Viviano et al., ICLR 2021; {@code mask}, {@code shift},
 * {@code generalisation}), input invariance under a compensated shift (Kindermans et al., 2017;
 * {@code invariance}), map post-processing and control maps ({@code map}) and the JSON, CSV and HTML
 * reports ({@code report}). Everything runs on the IR evaluator of {@code inference-core}; nothing here
 * depends on a model runtime.
 */
package org.salientsi.sanity;
