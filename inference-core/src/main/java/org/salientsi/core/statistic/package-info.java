/**
 * The built-in test statistics (DESIGN.md section 2): {@code ref-mean} (the paper's "average"),
 * {@code ref-abs} (the paper's "abs"), and {@code contrast} (region against background, no
 * reference). Each gives the direction \( \eta \) over the stacked data {@code [X; Rbar]}; a selected
 * pixel brings all its channels, and \( |O| \) counts pixel-channels.
 */
package org.salientsi.core.statistic;
