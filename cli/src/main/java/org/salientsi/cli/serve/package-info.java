/**
 * {@code salientsi serve}: the selective test as an HTTP JSON service.
 * {@link org.salientsi.cli.serve.SalientServer} (Jetty's core server, a bounded worker pool with
 * admission control, graceful stop), {@link org.salientsi.cli.serve.ModelCatalog} (the models of a
 * folder, loaded once and shared read-only), {@link org.salientsi.cli.serve.TestRequest} (the request
 * body, validated with the command line's messages) and {@link org.salientsi.cli.serve.JsonArrays}
 * (images as nested arrays or base64 {@code .npy} bytes). What keeps hostile clients from holding the
 * server: {@link org.salientsi.cli.serve.ServeLimits}, the request-head deadline ({@code HeadDeadline}),
 * bodies received asynchronously within a deadline and a byte budget ({@code BodyReader},
 * {@code ByteBudget}), Jetty's own errors in the service's JSON shape ({@code JsonErrorPages}), a body
 * to its answer whatever fails ({@code TestEndpoint}) and SIGTERM as a graceful stop that exits 0
 * ({@link org.salientsi.cli.serve.StopSignals}).
 */
package org.salientsi.cli.serve;
