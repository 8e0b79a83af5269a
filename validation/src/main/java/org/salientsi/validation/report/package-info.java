/**
 * A study's files: the summary JSON, the trial rows as CSV, PNG plots (p-value histograms and a QQ plot against
 * U(0, 1)) and an HTML page that shows them. The page is built from the study's own result types here, with the
 * escaping, page frame, number formats and plots of the reports module.
 */
package org.salientsi.validation.report;
