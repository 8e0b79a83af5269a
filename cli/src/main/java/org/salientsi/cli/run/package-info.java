/**
 * What the command line adds to the engine ({@link org.salientsi.core.engine.TestEngine}): where work runs
 * ({@link org.salientsi.cli.run.ExecutorOptions}: {@code --executor} and its options). The adjustments for
 * multiplicity are the engine's ({@link org.salientsi.core.multiplicity}); the covariance read from a
 * {@code .npy} file is the facade's {@link org.salientsi.facade.NpyCovariance}, shared with the server.
 */
package org.salientsi.cli.run;
