package org.salientsi.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.salientsi.validation.study.ModelSource;

/** The paper's Keras models, read in place (system property {@code salientsi.paperModels}). */
public final class PaperModels {

    private PaperModels() {
    }

    /**
     * @param size 8, 16, 32 or 64
     * @return the model file
     */
    public static Path path(int size) {
        Path p = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"),
                "model_" + size + ".h5");
        assertThat(p).as("the paper's model (examples/models/paper)").isRegularFile();
        return p;
    }

    /**
     * @param size 8, 16, 32 or 64
     * @return the model as a study's source
     */
    public static ModelSource source(int size) {
        return ModelSource.of(path(size));
    }
}
