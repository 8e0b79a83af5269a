/**
 * The built-in test statistics (DESIGN.md section 2): {@code ref-mean} (the paper's "average"),
 * {@code ref-abs} (the paper's "abs"), and {@code contrast} (region against background, no
 * reference). Each gives the direction \( \eta \) over the stacked data {@code [X; Rbar]}; a selected
 * pixel brings all its channels, and \( |O| \) counts pixel-channels. The chi statistics {@code ref-chi}
 * (every value of the region against the reference) and {@code ref-chi-channels} (the region's mean
 * difference in every channel) give a subspace instead, whose whitened norm is tested.
 */
package org.salientsi.core.statistic;
