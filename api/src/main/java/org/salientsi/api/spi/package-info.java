/**
 * Plugin discovery in the style of DJL's {@code EngineProvider}: every plugin kind has a provider
 * interface extending {@link org.salientsi.api.spi.Plugin} (a name, a rank, declared capabilities),
 * providers are found with {@link java.util.ServiceLoader} and kept in a
 * {@link org.salientsi.api.spi.PluginRegistry}, which also takes explicit registrations (tests, fat
 * jars) and fails on an unknown name with the list of known names.
 */
package org.salientsi.api.spi;
