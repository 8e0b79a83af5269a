/**
 * Perturbation metrics of saliency maps (SANITY.md sections 2.3 and 2.4): the cumulative perturbation
 * curve under MoRF, LeRF or random order, AOPC, ABPC, deletion and insertion AUC, and the
 * single-feature faithfulness correlation F. Every implementation choice (replacement, unit, steps,
 * output, map sign, clipping, seeds) is a field of {@link org.salientsi.sanity.perturb.PerturbationConfig}
 * and is logged with each score.
 */
package org.salientsi.sanity.perturb;
