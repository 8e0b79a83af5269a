/**
 * Self-contained HTML reports: the page of one test ({@link org.salientsi.cli.report.TestReport}) and
 * the sortable page of many ({@link org.salientsi.cli.report.BatchReport}), with PNG pictures of the
 * image, its region and its saliency map ({@link org.salientsi.cli.report.Pictures}, javax.imageio) and
 * the truncation set on the z-line ({@link org.salientsi.cli.report.ZLinePlot}, XChart), embedded as
 * {@code data:} URIs.
 */
package org.salientsi.cli.report;
