package org.salientsi.io;

import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;

/**
 * A file that claims more elements (array values, or pixels times channels) than the reader was allowed to
 * allocate: refused from its header, before any allocation.
 */
public class SizeLimitException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long elements;
    private final long limit;

    /**
     * @param file the file's name or path
     * @param elements the elements it claims ({@link Long#MAX_VALUE} when the count overflows a long)
     * @param limit the most the reader allows
     * @param message the full message, naming the file, the count and the limit
     */
    public SizeLimitException(String file, long elements, long limit, String message) {
        super(message);
        this.file = Objects.requireNonNull(file, "file");
        this.elements = elements;
        this.limit = limit;
    }

    /** @return the file's name or path */
    public String file() {
        return file;
    }

    /** @return the elements the file claims ({@link Long#MAX_VALUE} when that overflows a long) */
    public long elements() {
        return elements;
    }

    /** @return the most elements the reader allowed */
    public long limit() {
        return limit;
    }
}
