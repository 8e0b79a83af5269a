/**
 * The test-statistic SPI: given the selected region and the data, a statistic gives the direction
 * \( \eta \) of the linear contrast \( T = \eta^\top Y \) (and any extra linear constraints that join
 * the selection event). A {@link org.salientsi.api.statistic.ChiStatistic} gives instead a
 * {@link org.salientsi.api.statistic.Subspace} whose whitened norm is tested (a truncated chi). The statistic
 * never computes a p-value.
 */
package org.salientsi.api.statistic;
