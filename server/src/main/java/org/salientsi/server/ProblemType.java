package org.salientsi.server;

/**
 * The service's kinds of failure, each a problem type of RFC 9457: its {@code type} is the relative URI
 * {@code /problems/NAME}, which this server also answers with the type's description
 * ({@code GET /problems/NAME}). A failure that the HTTP status says by itself (no such endpoint, a method not
 * allowed, a body too large or too slow, a media type not read) has the type {@code about:blank} instead, with
 * the status's reason phrase as its title. The name is also the answer's {@code error_kind}, the label the
 * command line's {@code batch} writes for a failed image.
 */
enum ProblemType {
    /** The request (its body, a field, an image, a model name) was refused. */
    BAD_INPUT("bad-input", "Bad input", "The request was refused: its body, a field's value, an image or a "
            + "reference, or the model it names. The detail says which and why, in the words of the command "
            + "line's message with options named as the request's fields. Fix the request; sending it again "
            + "unchanged gives the same answer."),
    /** The computation lost the precision a valid p-value needs. */
    NUMERICAL("numerical", "Numerical breakdown", "The test ran but lost the precision a valid p-value needs, so "
            + "no p-value is given. Another search range, statistic or selector may avoid it."),
    /** Every worker is busy and the queue is full, or the memory for bodies is taken. */
    BUSY("busy", "Server busy", "Every worker is running a test and the queue is full, or the request bodies "
            + "held now fill the memory set aside for them. Retry after the seconds of Retry-After."),
    /** The server is stopping, or ran out of memory for this request. */
    UNAVAILABLE("unavailable", "Service unavailable", "The server is shutting down, or ran out of memory for this "
            + "request. Retry later, on another instance, or with a smaller request."),
    /** A failure inside SalientSI or a library. */
    INTERNAL("internal", "Internal error", "A failure inside SalientSI or a library: a bug. The server's log has "
            + "the details under the answer's request id; please report it.");

    /** The type of a problem the HTTP status says by itself (RFC 9457, section 4.2.1). */
    static final String BLANK = "about:blank";

    private final String label;
    private final String title;
    private final String description;

    ProblemType(String label, String title, String description) {
        this.label = label;
        this.title = title;
        this.description = description;
    }

    /** @return the name: the {@code error_kind} of an answer and the last segment of {@link #uri()} */
    String label() {
        return label;
    }

    /** @return the short human-readable summary, the same for every occurrence */
    String title() {
        return title;
    }

    /** @return what the type means and what a client can do */
    String description() {
        return description;
    }

    /** @return the {@code type} member of a problem of this type */
    String uri() {
        return "/problems/" + label;
    }

    /**
     * @param label a name, e.g. {@code bad-input}
     * @return its type, or {@code null}
     */
    static ProblemType of(String label) {
        for (ProblemType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }
}
