/**
 * The test-statistic SPI: given the selected region and the data, a statistic gives the direction
 * \( \eta \) of the linear contrast \( T = \eta^\top Y \) (and any extra linear constraints that join
 * the selection event). The statistic never computes a p-value.
 */
package org.salientsi.api.statistic;
