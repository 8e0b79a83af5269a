package org.salientsi.server;

import java.time.Duration;
import org.salientsi.api.error.InvalidInputException;

/**
 * What a server grants one client, so that no client (silent, slow or hostile) can hold the server
 * for the others or exhaust its memory.
 *
 * <ul>
 *   <li>{@code headerTimeout}: a connection must deliver a complete request head (request line and
 *       headers) within this time of being opened or of its previous answer, or it is closed
 *       (a silent or byte-by-byte client, "slowloris"); an idle keep-alive connection is closed then
 *       too.
 *   <li>{@code bodyTimeout}: a request body must arrive completely within this time of its head,
 *       or the request is answered 408 and the connection closed.
 *   <li>{@code idleTimeout}: a connection on which nothing moves (no byte read while a body is
 *       awaited, no byte written while an answer is sent) for this time is closed.
 *   <li>{@code maxConnections}: connections open at once; beyond them new connections wait in the
 *       operating system's backlog until one closes.
 *   <li>{@code bodyBudgetBytes}: request bytes held at once by all requests together (bodies being
 *       received, waiting for a worker or being tested); a body that would exceed it is answered
 *       503 at once. At least the largest body, so that one largest body always fits.
 *   <li>{@code maxJsonTokens}: JSON tokens (values, brackets, names) in one body, which bounds the
 *       memory of its parsed tree (about 40 bytes a token); the nesting depth is at most
 *       {@link #MAX_JSON_DEPTH}.
 * </ul>
 *
 * @param headerTimeout longest time to deliver a request head, positive
 * @param bodyTimeout longest time to deliver a request body, positive
 * @param idleTimeout longest silence on a connection with a request under way, positive
 * @param maxConnections connections open at once, {@code >= 1}
 * @param bodyBudgetBytes request bytes held at once by all requests, {@code >= 1}
 * @param maxJsonTokens JSON tokens in one body, {@code >= 1}
 */
public record ServeLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                          long bodyBudgetBytes, long maxJsonTokens) {

    /** The deepest nesting of JSON arrays and objects a body may have (the bound). */
    public static final int MAX_JSON_DEPTH = 1000;

    /** The longest JSON number literal, in characters (a double needs at most 25). */
    public static final int MAX_JSON_NUMBER_LENGTH = 1000;

    /** The longest JSON field name, in characters. */
    public static final int MAX_JSON_NAME_LENGTH = 1000;

    /** Validates the values. */
    public ServeLimits {
        positive(headerTimeout, "header timeout");
        positive(bodyTimeout, "body timeout");
        positive(idleTimeout, "idle timeout");
        if (maxConnections < 1) {
            throw new InvalidInputException("the connection limit must be >= 1, got " + maxConnections);
        }
        if (bodyBudgetBytes < 1) {
            throw new InvalidInputException("the body budget must be >= 1 byte, got " + bodyBudgetBytes);
        }
        if (maxJsonTokens < 1) {
            throw new InvalidInputException("the JSON token limit must be >= 1, got " + maxJsonTokens);
        }
    }

    /**
     * The limits of {@code salientsi serve}: request heads within 20 s, bodies within 60 s, 30 s of
     * silence, 512 connections, bodies held at once up to a quarter of the heap (at least
     * {@code maxBodyBytes}), 8,388,608 JSON tokens a body.
     *
     * @param maxBodyBytes the largest request body
     * @return the limits
     */
    public static ServeLimits defaults(long maxBodyBytes) {
        long budget = Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 4);
        return new ServeLimits(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30), 512, budget,
                1L << 23);
    }

    /**
     * @param header the new header timeout
     * @param body the new body timeout
     * @return these limits with other timeouts
     */
    public ServeLimits withTimeouts(Duration header, Duration body) {
        return new ServeLimits(header, body, idleTimeout, maxConnections, bodyBudgetBytes, maxJsonTokens);
    }

    /**
     * @param budget the new body budget in bytes
     * @return these limits with another body budget
     */
    public ServeLimits withBodyBudget(long budget) {
        return new ServeLimits(headerTimeout, bodyTimeout, idleTimeout, maxConnections, budget, maxJsonTokens);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException("the " + what + " must be positive, got " + d);
        }
    }
}
