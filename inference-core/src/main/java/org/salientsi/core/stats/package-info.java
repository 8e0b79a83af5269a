/**
 * Distributions and p-values: the normal and the scaled chi distributions truncated to a finite union of
 * intervals, computed in log space so that they hold in the far tails, and the naive z-test.
 */
package org.salientsi.core.stats;
