/**
 * The self-contained pages of tests: the page of one test ({@link org.salientsi.reports.page.TestReport}) and the
 * sortable page of many ({@link org.salientsi.reports.page.BatchReport}), made from
 * {@link org.salientsi.reports.page.ReportEntry} values (an image, its map and its result, or its error), with the
 * pictures and the z-line plot embedded as {@code data:} URIs. They need nothing but the api's result types, so
 * they live here rather than in the command line that writes them.
 */
package org.salientsi.reports.page;
