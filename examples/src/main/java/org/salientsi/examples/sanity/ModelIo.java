package org.salientsi.examples.sanity;

import java.nio.file.Path;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.plugin.Plugins;

/** Opens a saved model through the DL4J backend (as the command line does), for evaluation in the IR. */
public final class ModelIo {

    private ModelIo() {
    }

    /**
     * @param file a DL4J zip or Keras file
     * @param side the square single-channel image side (DL4J zips do not record it)
     * @return the loaded model; close it
     * @throws ModelLoadException if the file cannot be read
     */
    public static LoadedModel open(Path file, int side) throws ModelLoadException {
        ModelBackend backend = Plugins.load().backends().get("dl4j").backend();
        return backend.load(file, Parameters.empty().with(ModelBackend.OPTION_IMAGE_SHAPE, side + "x" + side));
    }
}
