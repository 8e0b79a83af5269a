/**
 * Running selective tests for the command line: {@link org.salientsi.cli.run.TestSettings} (what
 * {@code test}, {@code batch} and {@code serve} let users set), {@link org.salientsi.cli.run.TestRunner}
 * (one loaded model, tests of many images) and {@link org.salientsi.cli.run.BenjaminiHochberg} (the
 * adjustment of a batch's p-values).
 */
package org.salientsi.cli.run;
