/**
 * Distributions and p-values: the normal distribution truncated to a finite union of intervals,
 * computed in log space so that it holds in the far tails, and the naive z-test.
 */
package org.salientsi.core.stats;
