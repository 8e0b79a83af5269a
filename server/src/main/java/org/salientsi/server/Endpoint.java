package org.salientsi.server;

import java.util.List;

/**
 * The endpoints the server answers: a path (a template whose {@code {name}} stands for one non-empty path
 * segment) and the one method it is written for. An endpoint written for {@code GET} also answers {@code HEAD}
 * (the same status and headers, no body); any other method gets 405 with {@code Allow}. This table is the
 * routing: the server dispatches on it, and a test checks that {@code /openapi.json} documents exactly these
 * paths and methods.
 */
enum Endpoint {
    /** Runs one selective test. */
    TEST("/v1/test", "POST"),
    /** Lists the models. */
    MODELS("/v1/models", "GET"),
    /** Reports the load. */
    HEALTH("/health", "GET"),
    /** Counts requests and tests in Prometheus' text format. */
    METRICS("/metrics", "GET"),
    /** Describes these endpoints (OpenAPI 3.1). */
    OPENAPI("/openapi.json", "GET"),
    /** Describes a problem type named by the {@code type} of an error answer. */
    PROBLEM_TYPE("/problems/{type}", "GET");

    private final String template;
    private final String method;
    private final String prefix;

    Endpoint(String template, String method) {
        this.template = template;
        this.method = method;
        int brace = template.indexOf('{');
        this.prefix = brace < 0 ? null : template.substring(0, brace);
    }

    /** @return the path, with {@code {name}} for a path parameter (as OpenAPI writes it) */
    String template() {
        return template;
    }

    /** @return the methods it answers: its own, and {@code HEAD} after {@code GET} */
    List<String> methods() {
        return method.equals("GET") ? List.of("GET", "HEAD") : List.of(method);
    }

    /** @return the value of the {@code Allow} header */
    String allow() {
        return String.join(", ", methods());
    }

    /**
     * @param m a request's method
     * @return whether the endpoint answers it
     */
    boolean allows(String m) {
        return methods().contains(m);
    }

    /**
     * @param path a request's decoded path
     * @return the value of the path parameter ({@code null} for an endpoint without one), or {@code null} when
     *     the path is not this endpoint's
     */
    String parameter(String path) {
        if (prefix == null) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.isEmpty() || rest.indexOf('/') >= 0 ? null : rest;
    }

    /**
     * @param path a request's decoded path, or {@code null}
     * @return the endpoint of that path, or {@code null}
     */
    static Endpoint of(String path) {
        if (path == null) {
            return null;
        }
        for (Endpoint e : values()) {
            if (e.prefix == null ? e.template.equals(path) : path.startsWith(e.prefix) && e.parameter(path) != null) {
                return e;
            }
        }
        return null;
    }
}
