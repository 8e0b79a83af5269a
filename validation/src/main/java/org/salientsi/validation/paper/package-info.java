/**
 * The paper's synthetic experiment (Miwa, Duy, Takeuchi, ICLR 2023, section 5, one reference image,
 * the mean-difference statistic): the false positive rate of the naive, over-conditioned and
 * selective tests against the image size (8, 16, 32 and 64 pixels, the paper's four trained
 * models), and their true positive rate against the signal's delta at 16 pixels, next to the
 * numbers the authors' code reported.
 */
package org.salientsi.validation.paper;
