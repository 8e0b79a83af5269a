package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/** Facade users read and write image files through salientsi-io, bounded by the model's input. */
class ImagesTest {

    @Test
    void imagesWrittenAsNpyAndPngReadBackBoundedByTheInputShape(@TempDir Path dir) throws IOException {
        Image img = Image.of("i", ImageShape.of(2, 3, 1), new double[] {0, 0.2, 0.4, 0.6, 0.8, 1});
        Images.writeNpy(dir.resolve("i.npy"), img);
        Images.writePng(dir.resolve("i.png"), img);
        assertThat(Images.read(dir.resolve("i.npy")).toArray()).containsExactly(img.toArray());
        assertThat(Images.read(dir.resolve("i.png"), ImageShape.of(2, 3, 1)).toArray())
                .containsExactly(0, 51 / 255.0, 102 / 255.0, 153 / 255.0, 204 / 255.0, 1);
        assertThatThrownBy(() -> Images.read(dir.resolve("i.npy"), ImageShape.of(2, 2, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("i.npy has shape (2, 3): 6 values, more than the 4 of the model's input");
    }
}
