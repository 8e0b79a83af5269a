/**
 * The model-backend SPI: a {@link org.salientsi.api.backend.ModelBackendProvider} found with
 * {@link java.util.ServiceLoader} opens model files of some formats and translates them into the IR
 * ({@link org.salientsi.api.ir.Network}); its native runtime predicts, for cross-checks only.
 */
package org.salientsi.api.backend;
