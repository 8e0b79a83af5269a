package org.salientsi.api.backend;

import java.nio.file.Path;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.spi.Parameters;

/** A model runtime that loads model files and translates them into the IR. Thread-safe. */
public interface ModelBackend {

    /** @return the backend's name, as its provider's */
    String name();

    /** @return the version of the underlying runtime (for provenance) */
    String version();

    /**
     * @param file a model file
     * @param options backend options (none are required)
     * @return the loaded model
     * @throws ModelLoadException if the file is missing, empty, corrupt or of an unsupported version
     * @throws org.salientsi.api.error.UnsupportedLayerException if a layer has no IR translation
     */
    LoadedModel load(Path file, Parameters options) throws ModelLoadException;
}
