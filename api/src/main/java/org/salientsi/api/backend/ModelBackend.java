package org.salientsi.api.backend;

import java.nio.file.Path;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.spi.Parameters;

/** A model runtime that loads model files and translates them into the IR. Thread-safe. */
public interface ModelBackend {

    /**
     * Backend option: the shape of the images the model will see, {@code HxW} or {@code HxWxC}
     * ({@link org.salientsi.api.image.ImageShape#parse}). Required by models that do not record their
     * input size; for models with a dynamic spatial size it sets the size of {@link LoadedModel#network()};
     * a model with a fixed size refuses a different one.
     */
    String OPTION_IMAGE_SHAPE = "image-shape";

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
