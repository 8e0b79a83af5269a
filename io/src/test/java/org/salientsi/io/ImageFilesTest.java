package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/** Reading by file type, and refusing paths that are not regular files before opening them. */
class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsNpyAndPngByExtensionNamedByTheFileName() throws IOException {
        Image img = Image.of("i", ImageShape.of(2, 2, 1), new double[] {0, 1, 0.2, 0.4});
        Npy.write(dir.resolve("a.NPY"), img);
        Png.write(dir.resolve("b.png"), img);
        assertThat(ImageFiles.read(dir.resolve("a.NPY")).name()).isEqualTo("a.NPY");
        assertThat(ImageFiles.read(dir.resolve("a.NPY")).toArray()).containsExactly(img.toArray());
        assertThat(ImageFiles.read(dir.resolve("b.png")).toArray()).containsExactly(0, 1, 51 / 255.0, 102 / 255.0);
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("a.NPY"), ReadLimits.forInput(ImageShape.of(1, 3, 1))))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("a.NPY has shape (2, 2): 4 values");
        assertThat(ImageFiles.isImageFile(Path.of("x.Png"))).isTrue();
        assertThat(ImageFiles.isImageFile(Path.of("x.tif"))).isFalse();
        Files.writeString(dir.resolve("x.tif"), "tiff");
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("x.tif"))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("unsupported image file type '.tif'");
    }

    @Test
    void aMissingFileOrADanglingLinkIsNamed() throws IOException {
        Path missing = dir.resolve("none.npy");
        assertThatThrownBy(() -> ImageFiles.read(missing)).isInstanceOf(FileFormatException.class)
                .hasMessage("file not found: " + missing);
        Path link = Files.createSymbolicLink(dir.resolve("dangling.npy"), dir.resolve("gone.npy"));
        assertThatThrownBy(() -> ImageFiles.read(link)).isInstanceOf(FileFormatException.class)
                .hasMessage(link + " is a symbolic link to a missing file");
    }

    @Test
    void aFolderNamedLikeAnImageIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.npy"));
        assertThatThrownBy(() -> Npy.read(folder)).isInstanceOf(FileFormatException.class)
                .hasMessage(folder + " is a folder, not a file");
        Path png = Files.createDirectory(dir.resolve("x.png"));
        assertThatThrownBy(() -> ImageFiles.read(png)).hasMessageContaining("is a folder");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aLinkToDevZeroIsRefusedBeforeReadingAByte() throws IOException {
        Path zero = Files.createSymbolicLink(dir.resolve("zero.npy"), Path.of("/dev/zero"));
        Path zeroPng = Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> ImageFiles.read(zero)).isInstanceOf(FileFormatException.class)
                    .hasMessageContaining("zero.npy is not a regular file").hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> ImageFiles.read(zeroPng)).isInstanceOf(FileFormatException.class)
                    .hasMessageContaining("zero.png is not a regular file");
            assertThatThrownBy(() -> Npy.read(Path.of("/dev/zero"))).isInstanceOf(FileFormatException.class)
                    .hasMessageContaining("not a regular file");
        });
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoIsRefusedWithoutBlockingOnIt() throws Exception {
        Path fifo = dir.resolve("pipe.npy");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> ImageFiles.read(fifo)).isInstanceOf(FileFormatException.class)
                        .hasMessageContaining("pipe.npy is not a regular file"));
    }
}
