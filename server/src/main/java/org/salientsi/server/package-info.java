/**
 * The selective test as an HTTP JSON service, on the facade and the engine, embeddable (started by
 * {@code salientsi serve}). {@link org.salientsi.server.SalientServer} (Jetty's core server, a bounded worker
 * pool with admission control, graceful stop), {@link org.salientsi.server.ModelCatalog} (the models of a
 * folder, loaded once and shared read-only), {@link org.salientsi.server.TestRequest} (the request body,
 * validated with the command line's messages, {@link org.salientsi.facade.ErrorMessages}) and
 * {@link org.salientsi.server.JsonArrays} (images as nested arrays or base64 {@code .npy} bytes). What keeps
 * hostile clients from holding the server: {@link org.salientsi.server.ServeLimits}, the request-head deadline
 * ({@code HeadDeadline}), bodies received asynchronously within a deadline and a byte budget
 * ({@code BodyReader}, {@code ByteBudget}), Jetty's own errors in the service's JSON shape
 * ({@code JsonErrorPages}), a body to its answer whatever fails ({@code TestEndpoint}) and SIGTERM as a
 * graceful stop that lets the command exit 0 ({@link org.salientsi.server.StopSignals}). HTTP's conventions: the
 * route table ({@code Endpoint}, {@code HEAD} wherever {@code GET}, 405 with {@code Allow}), the OpenAPI 3.1
 * document ({@code OpenApiDocument}), RFC 9457 problem documents ({@code Problem}, {@code ProblemType}),
 * {@code X-Request-Id} ({@code RequestIds}), Prometheus metrics ({@code HttpMetrics}) and the SLF4J access log.
 * The library never prints or exits: it logs through SLF4J and reports failures as typed exceptions.
 */
package org.salientsi.server;
