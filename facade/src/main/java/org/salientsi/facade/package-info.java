/**
 * The small, stable entry point of SalientSI for Java applications:
 * {@link org.salientsi.facade.SalientSI#builder()} loads a model (through the backend found on the class
 * path) and returns a thread-safe {@link org.salientsi.facade.SalientTester}, whose
 * {@code test(image, reference)} gives a {@link org.salientsi.api.result.SelectiveResult}. See
 * {@link org.salientsi.facade.SalientSI} for a complete example. What every door shares: a failure said in
 * one line and classified ({@link org.salientsi.facade.ErrorMessages}) and a noise covariance read from a
 * {@code .npy} file ({@link org.salientsi.facade.NpyCovariance}).
 */
package org.salientsi.facade;
