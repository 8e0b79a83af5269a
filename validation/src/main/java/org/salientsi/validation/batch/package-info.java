/**
 * Where the images of a batch are tested: the {@link org.salientsi.validation.batch.ImageBatchExecutor} SPI,
 * found through {@link java.util.ServiceLoader} by name ({@code batch --executor spark}); the command line
 * tests a batch in its own process without one. Every executor runs the driver's
 * {@link org.salientsi.core.engine.TestEngine} specification on the driver's model, so a result does not depend
 * on where it was computed (apart from its wall time and the run's provenance). Another module
 * (salientsi-validation-spark) adds {@code spark}.
 */
package org.salientsi.validation.batch;
