package org.salientsi.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidPixelException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;

/** Reading .npy files written by NumPy (cli/src/test/python/make_npy_fixtures.py). */
class NpyTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsFloat64AndFloat32InBothOrdersAndByteOrders() throws Exception {
        double[] expected = {0, 0.25, 0.5, 0.75, 1.0, 1.25};
        for (String f : new String[] {"c_f8.npy", "fortran_f8.npy", "c_f4.npy", "big_endian_f8.npy"}) {
            NpyArray a = Npy.read(fixture(f));
            assertThat(a.shape()).as(f).containsExactly(2, 3);
            assertThat(a.data()).as(f).containsExactly(expected);
        }
    }

    @Test
    void threeDimensionalArraysAreChannelsLastImages() throws Exception {
        for (String f : new String[] {"hwc_f8.npy", "hwc_fortran_f4.npy"}) {
            Image img = Npy.read(fixture(f)).toImage();
            assertThat(img.shape().height()).isEqualTo(2);
            assertThat(img.shape().channels()).isEqualTo(3);
            // numpy: ((arange(12).reshape(2, 2, 3) - 5) / 3)[1, 0, 2] = (8 - 5) / 3 = 1
            assertThat(img.get(1, 0, 2)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(img.get(0, 1, 0)).isCloseTo(-2.0 / 3, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void refusesOtherDtypesTruncatedFilesNonArraysNaNPixelsAndWrongRanksNamingTheFile() throws Exception {
        assertThatThrownBy(() -> Npy.read(fixture("int32.npy"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("int32.npy").hasMessageContaining("<i4");
        assertThatThrownBy(() -> Npy.read(fixture("truncated.npy"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated.npy").hasMessageContaining("truncated");
        assertThatThrownBy(() -> Npy.parse("text.npy", "hello world, not numpy".getBytes()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a .npy file");
        assertThatThrownBy(() -> Npy.parse("empty.npy", new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Npy.read(fixture("nan.npy")).toImage()).isInstanceOf(InvalidPixelException.class)
                .hasMessageContaining("nan.npy").hasMessageContaining("row 1, column 2");
        assertThatThrownBy(() -> Npy.read(fixture("rank4.npy")).toImage())
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("(H, W)");
        assertThatThrownBy(() -> Npy.read(Path.of("/no/such/file.npy")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file not found");
    }

    @Test
    void writtenFilesReadBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.npy");
        double[] v = {1.5, -2, 3e-300, 4};
        Npy.write(f, new int[] {2, 2}, v);
        NpyArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.data()).containsExactly(v);
    }
}
