package org.salientsi.server;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request ({@code X-Request-Id}): the client's when it is safe to echo and log (1 to
 * {@value #MAX_LENGTH} characters among letters, digits and {@code - _ . : ~ + / =}, so no space, quote,
 * control character or line break reaches a header or a log line), else a new random UUID. The server echoes
 * the id it used in the answer's {@code X-Request-Id}, writes it in the access log line and in a problem's
 * {@code request_id}.
 */
final class RequestIds {

    /** The request header that carries the id, and the answer's header that echoes it. */
    static final String HEADER = "X-Request-Id";

    /** The longest id kept. */
    static final int MAX_LENGTH = 128;

    /** The request attribute under which the server keeps a request's id. */
    static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:~+/=-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /**
     * @param given the request's {@code X-Request-Id}, or {@code null}
     * @return {@code given} when it is a safe id, else a new random UUID
     */
    static String of(String given) {
        return valid(given) ? given : UUID.randomUUID().toString();
    }

    /**
     * @param id a candidate id, or {@code null}
     * @return whether it is kept as it is
     */
    static boolean valid(String id) {
        return id != null && SAFE.matcher(id).matches();
    }
}
