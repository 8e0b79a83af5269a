/**
 * The {@code salientsi} command line: picocli commands that test images, draw maps and list plugins,
 * with one-line errors and exit codes (0 success, 1 internal failure or numerical breakdown, 2 bad
 * input or usage).
 */
package org.salientsi.cli;
