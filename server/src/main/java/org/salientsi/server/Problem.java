package org.salientsi.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;

/**
 * An error answer as an RFC 9457 problem document ({@code application/problem+json}): {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, and the extension members {@code error_kind}
 * (the service's kind, {@code bad-input}, {@code numerical}, {@code busy}, {@code unavailable} or
 * {@code internal}) and {@code request_id} (the answer's {@code X-Request-Id}). The type is the
 * {@link ProblemType} of the kind, or {@code about:blank} (titled by the status's reason phrase) for a failure
 * the status says by itself.
 *
 * @param status the HTTP status, 400 to 599
 * @param kind the service's kind of failure
 * @param detail one line saying what went wrong with this request, in the words of an HTTP client
 */
record Problem(int status, ProblemType kind, String detail) {

    /** The media type of a problem document. */
    static final String MEDIA_TYPE = "application/problem+json";

    /** Statuses whose problem has a type of its own; the others say everything by themselves. */
    private static final Set<Integer> TYPED = Set.of(400, 422, 429, 500, 503);

    /** Validates the values. */
    Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, got " + status);
        }
        if (kind == null || detail == null) {
            throw new IllegalArgumentException("a problem needs a kind and a detail");
        }
        detail = detail.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * @param status the HTTP status
     * @param detail one line
     * @return a problem of the kind the status implies: {@code bad-input} for 4xx but 429 ({@code busy}),
     *     {@code unavailable} for 503, {@code internal} for the other 5xx
     */
    static Problem of(int status, String detail) {
        ProblemType kind = status == 429 ? ProblemType.BUSY : status == 503 ? ProblemType.UNAVAILABLE
                : status < 500 ? ProblemType.BAD_INPUT : ProblemType.INTERNAL;
        return new Problem(status, kind, detail);
    }

    /** @return the {@code type} member: the kind's URI, or {@code about:blank} */
    String type() {
        return TYPED.contains(status) ? kind.uri() : ProblemType.BLANK;
    }

    /** @return the {@code title} member: the kind's title, or the status's reason phrase for {@code about:blank} */
    String title() {
        return TYPED.contains(status) ? kind.title() : HttpStatus.getMessage(status);
    }

    /**
     * @param mapper the mapper that writes it
     * @param instance the {@code instance} member: the path of the request that failed, or {@code null}
     * @param requestId the request's id, or {@code null}
     * @return the problem document's bytes (UTF-8)
     */
    byte[] json(ObjectMapper mapper, String instance, String requestId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("title", title());
        m.put("status", status);
        m.put("detail", detail);
        if (instance != null) {
            m.put("instance", instance);
        }
        m.put("error_kind", kind.label());
        if (requestId != null) {
            m.put("request_id", requestId);
        }
        try {
            return mapper.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a number is always JSON", e);
        }
    }
}
