/**
 * Saliency methods and region selectors, each a plugin found by {@link java.util.ServiceLoader}.
 */
package org.salientsi.methods;
