/**
 * Synthetic images for validation studies, as in the paper's experiments (Miwa, Duy, Takeuchi,
 * ICLR 2023, section 5): i.i.d. Gaussian noise images, optionally with a block of shifted mean.
 * Every draw is a pure function of a {@link java.util.SplittableRandom}'s state, computed with
 * {@link java.lang.StrictMath}, so a seed gives the same pixels on every machine and executor.
 */
package org.salientsi.validation.generate;
