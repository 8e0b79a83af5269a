/**
 * The synthetic covariate-shift benchmark of Viviano et al. (SANITY.md section 3.3): crosses that carry
 * the label and a class-dependent distractor that is flipped to the other side at test time; and the
 * ROC AUC that measures generalisation under the shift.
 */
package org.salientsi.sanity.shift;
