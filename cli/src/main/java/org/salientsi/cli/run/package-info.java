/**
 * What the command line adds to the engine ({@link org.salientsi.core.engine.TestEngine}): the noise
 * covariance read from a {@code .npy} file ({@link org.salientsi.cli.run.NpyCovariance}) and the
 * adjustment of a batch's p-values ({@link org.salientsi.cli.run.BenjaminiHochberg}).
 */
package org.salientsi.cli.run;
