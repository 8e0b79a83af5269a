package org.salientsi.api.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.salientsi.api.spi.Plugin;

/**
 * Provides a model backend ({@code dl4j}, {@code onnx}, ...). Implementations are listed in
 * {@code META-INF/services/org.salientsi.api.backend.ModelBackendProvider}; creating the backend
 * (which may load native libraries) is deferred to {@link #backend()}.
 */
public interface ModelBackendProvider extends Plugin {

    /** @return file name endings this backend opens, lower case with the dot ({@code ".onnx"}) */
    List<String> fileExtensions();

    /**
     * @param file a model file
     * @return whether its name ends with one of {@link #fileExtensions()}
     */
    default boolean canOpen(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return fileExtensions().stream().anyMatch(name::endsWith);
    }

    /**
     * @return the backend, created on first use
     */
    ModelBackend backend();
}
