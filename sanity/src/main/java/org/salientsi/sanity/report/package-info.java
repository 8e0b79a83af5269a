/**
 * Reports of the sanity checks, built from their own result types: a JSON summary (finite numbers only; undefined
 * values are {@code null}), CSV score matrices, and an HTML page with tables and PNG plots and maps, made with the
 * page builder, number formats, pictures and plots of the reports module.
 */
package org.salientsi.sanity.report;
