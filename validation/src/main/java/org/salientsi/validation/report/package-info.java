/**
 * A study's files: the summary JSON, the trial rows as CSV, PNG plots drawn with XChart (p-value
 * histograms, a QQ plot against U(0, 1), rates against a parameter) and an HTML page that shows
 * them.
 */
package org.salientsi.validation.report;
