/**
 * Plots of report pages, drawn with XChart and encoded as PNG in one place ({@link org.salientsi.reports.plot.Charts}):
 * the truncation set on the z-line of a test ({@link org.salientsi.reports.plot.ZLinePlot}) and the histograms, QQ
 * plots, rates, curves and intervals of the study and sanity pages ({@link org.salientsi.reports.plot.Plots}).
 */
package org.salientsi.reports.plot;
