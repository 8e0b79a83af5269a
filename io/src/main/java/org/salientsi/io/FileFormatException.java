package org.salientsi.io;

import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;

/**
 * A file that is not what its type promises: missing, not a regular file, malformed, truncated, with
 * trailing bytes, or of a kind (dtype, bit depth, colour type) SalientSI does not read. The message names
 * the file and the problem.
 */
public class FileFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file the file's name or path, as the user gave it
     * @param message what is wrong, naming the file
     */
    public FileFormatException(String file, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * @param file the file's name or path, as the user gave it
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public FileFormatException(String file, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** @return the file's name or path */
    public String file() {
        return file;
    }
}
