/**
 * What the command line adds to the engine ({@link org.salientsi.core.engine.TestEngine}): the adjustment of
 * a batch's p-values ({@link org.salientsi.cli.run.BenjaminiHochberg}) and of a comparison's ({@link
 * org.salientsi.cli.run.Holm}), and where work runs ({@link org.salientsi.cli.run.ExecutorOptions}: {@code
 * --executor} and its options). The covariance read from a
 * {@code .npy} file is the facade's {@link org.salientsi.facade.NpyCovariance}, shared with the server.
 */
package org.salientsi.cli.run;
