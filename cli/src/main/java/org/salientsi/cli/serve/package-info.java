/**
 * {@code salientsi serve}: the selective test as an HTTP JSON service.
 * {@link org.salientsi.cli.serve.SalientServer} (the JDK's HTTP server, a bounded worker pool with
 * admission control, graceful stop), {@link org.salientsi.cli.serve.ModelCatalog} (the models of a
 * folder, loaded once and shared read-only), {@link org.salientsi.cli.serve.TestRequest} (the request
 * body, validated with the command line's messages) and {@link org.salientsi.cli.serve.JsonArrays}
 * (images as nested arrays or base64 {@code .npy} bytes).
 */
package org.salientsi.cli.serve;
