/**
 * Input invariance (Kindermans et al., SANITY.md section 4): a shifted input {@code x + m} with a model
 * {@code f2} whose first layer absorbs the shift
 * ({@link org.salientsi.sanity.invariance.ShiftCompensation}),
 * the equivalence gate that proves {@code f2(x + m) = f1(x)} numerically
 * ({@link org.salientsi.sanity.invariance.EquivalenceGate}), and the attribution discrepancy
 * measures ({@link org.salientsi.sanity.invariance.Discrepancy}).
 */
package org.salientsi.sanity.invariance;
