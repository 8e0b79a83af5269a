/**
 * Plugin wiring: the registries of backends, saliency methods, region selectors and test statistics
 * found with {@link java.util.ServiceLoader}, a facade that resolves the names users type, and the
 * Guice module that binds them.
 */
package org.salientsi.core.plugin;
