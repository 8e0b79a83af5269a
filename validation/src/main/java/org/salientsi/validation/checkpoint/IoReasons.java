package org.salientsi.validation.checkpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why an input/output operation failed, in words for a one-line message that names the path itself. */
final class IoReasons {

    private IoReasons() {
    }

    /**
     * @param e the failure
     * @return its reason without the path: {@code permission denied}, {@code Read-only file system},
     *     {@code No space left on device}, ...
     */
    static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException f && f.getReason() == null) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
