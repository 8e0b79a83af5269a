/**
 * Typed errors. Bad input is an {@link org.salientsi.api.error.InvalidInputException} subtype (the
 * command line turns it into one line and exit code 2); a numerical breakdown is a
 * {@link org.salientsi.api.error.NumericalBreakdownException} (exit code 1). Neither ever comes with
 * a p-value.
 */
package org.salientsi.api.error;
