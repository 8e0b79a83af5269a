/**
 * Reports of the sanity checks: a JSON summary (finite numbers only; undefined values are
 * {@code null}), CSV score matrices, and a self-contained HTML page with tables and PNG plots
 * (XChart for curves and intervals, javax.imageio for maps).
 */
package org.salientsi.sanity.report;
