package org.salientsi.api.error;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be read: missing, empty, truncated, corrupt or of an unsupported version. */
public class ModelLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the model file
     * @param message what is wrong with it (and, where there is one, how to fix it)
     * @param cause the underlying failure, or {@code null}
     */
    public ModelLoadException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** @return the model file */
    public Path file() {
        return file;
    }
}
