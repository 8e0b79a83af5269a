/**
 * Does localisation predict generalisation? Viviano et al.'s check (SANITY.md section 3.6): across K
 * models, rank correlations between shifted-test AUC and mask IoU per saliency method, with bootstrap
 * intervals and permutation p-values, and the agreement between saliency methods. "IoU does not
 * predict generalisation" is a valid outcome.
 */
package org.salientsi.sanity.generalisation;
