/**
 * SalientSI's public API: value types, the model intermediate representation and the plugin
 * interfaces (SPIs) that backends, saliency methods, region selectors and test statistics implement.
 *
 * <p>This module depends only on the JDK and Jackson annotations. Implementations live in other
 * modules and are found at run time with {@link java.util.ServiceLoader} through
 * {@link org.salientsi.api.spi.PluginRegistry}.
 */
package org.salientsi.api;
