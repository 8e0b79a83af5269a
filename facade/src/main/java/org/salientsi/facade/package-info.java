/**
 * The small, stable entry point of SalientSI for Java applications:
 * {@link org.salientsi.facade.SalientSI#builder()} loads a model (through the backend found on the class
 * path) and returns a thread-safe {@link org.salientsi.facade.SalientTester}, whose
 * {@code test(image, reference)} gives a {@link org.salientsi.api.result.SelectiveResult}. See
 * {@link org.salientsi.facade.SalientSI} for a complete example.
 */
package org.salientsi.facade;
