/**
 * Progress bars with an ETA for long commands ({@code batch}, {@code validate}, {@code sanity}),
 * drawn on standard error only when it is a terminal: see {@link org.salientsi.cli.progress.Progress}.
 */
package org.salientsi.cli.progress;
