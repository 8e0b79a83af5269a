package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/** Reading PNGs written by the JDK's encoder: values, channel order, and the kinds that are refused. */
class PngTest {

    private static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "png", out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void greyLevelsAreDividedBy255() throws IOException {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, 20 * y + 60 * x + 3);
            }
        }
        Image read = Png.parse("g.png", encode(img));
        assertThat(read.shape().height()).isEqualTo(3);
        assertThat(read.shape().width()).isEqualTo(4);
        assertThat(read.shape().channels()).isEqualTo(1);
        assertThat(read.name()).isEqualTo("g.png");
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(read.get(y, x, 0)).isEqualTo((20 * y + 60 * x + 3) / 255.0);
            }
        }
    }

    @Test
    void rgbPixelsKeepTheirChannelOrder() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB}) {
            BufferedImage img = new BufferedImage(2, 2, type);
            img.setRGB(0, 0, 0xff0000);
            img.setRGB(1, 0, 0x00ff00);
            img.setRGB(0, 1, 0x0000ff);
            img.setRGB(1, 1, 0x102030);
            Image read = Png.parse("c.png", encode(img));
            assertThat(read.shape().channels()).isEqualTo(3);
            assertThat(read.toArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1, 16 / 255.0, 32 / 255.0, 48 / 255.0);
        }
    }

    @Test
    void refusesAlphaPaletteSixteenBitTruncatedAndNonPngFilesNamingThem() throws IOException {
        assertThatThrownBy(() -> Png.parse("a.png", encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a.png").hasMessageContaining("alpha");
        byte[] grey = new byte[] {0, (byte) 128, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 3, grey, grey, grey);
        assertThatThrownBy(() -> Png.parse("p.png",
                encode(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, palette))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("p.png")
                .hasMessageContaining("palette");
        assertThatThrownBy(() -> Png.parse("d.png", encode(new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("d.png").hasMessageContaining("16-bit");
        byte[] ok = encode(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY));
        assertThatThrownBy(() -> Png.parse("t.png", Arrays.copyOf(ok, ok.length - 20)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("t.png")
                .hasMessageContaining("truncated");
        byte[] flipped = ok.clone();
        flipped[20] ^= 0x01; // the image height in the IHDR chunk, whose CRC then fails
        assertThatThrownBy(() -> Png.parse("c.png", flipped))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("c.png").hasMessageContaining("CRC");
        assertThatThrownBy(() -> Png.parse("e.png", new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("e.png").hasMessageContaining("empty");
        assertThatThrownBy(() -> Png.parse("n.png", "GIF89a, not a png".getBytes()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("n.png")
                .hasMessageContaining("not a PNG");
    }

    /** A PNG whose IHDR claims the given size and kind, with a valid CRC, an empty IDAT and IEND. */
    static byte[] claiming(int width, int height, int depth, int colour) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(b, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colour)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(b, "IDAT", new byte[0]);
        chunk(b, "IEND", new byte[0]);
        return b.array();
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        CRC32 crc = new CRC32();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
    }

    @Test
    void aPngClaimingTwentyThousandSquaredPixelsIsRefusedFromItsHeaderWithoutAllocating(@TempDir Path dir)
            throws IOException {
        byte[] huge = claiming(20_000, 20_000, 8, 0);
        Path file = dir.resolve("huge.png");
        Files.write(file, huge);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Png.read(file)).isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("huge.png is 20000 x 20000 pixels x 1 channel: 400000000 values")
                .hasMessageContaining("maximum of 16777216");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(1.0);
        assertThatThrownBy(() -> Png.parse("rgb.png", claiming(5000, 5000, 8, 2)))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("x 3 channels: 75000000 values");
        assertThatThrownBy(() -> Png.parse("max.png", claiming(Integer.MAX_VALUE, Integer.MAX_VALUE, 8, 2)))
                .isInstanceOf(SizeLimitException.class);
        assertThat(Png.readHeader(file)).isEqualTo(new PngHeader(20_000, 20_000, 8, 0, false));
    }

    @Test
    void theModelsInputBoundsThePixelCount() throws IOException {
        byte[] png = encode(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY));
        assertThat(Png.parse("ok.png", png, ReadLimits.forInput(ImageShape.of(28, 28, 1))).shape())
                .isEqualTo(ImageShape.of(28, 28, 1));
        assertThatThrownBy(() -> Png.parse("big.png", png, ReadLimits.forInput(ImageShape.of(8, 8, 1))))
                .isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("big.png is 28 x 28 pixels x 1 channel: 784 values, more than the 64 of the "
                        + "model's input (8x8x1)");
    }

    @Test
    void invalidHeaderFieldsAreRefusedBeforeDecoding() {
        assertThatThrownBy(() -> Png.parse("z.png", claiming(0, 5, 8, 0))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("IHDR size 0 x 5");
        assertThatThrownBy(() -> Png.parse("n.png", claiming(-1, 5, 8, 0))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("IHDR size 4294967295 x 5");
        assertThatThrownBy(() -> Png.parse("d.png", claiming(5, 5, 3, 0))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("bit depth 3");
        assertThatThrownBy(() -> Png.parse("c.png", claiming(5, 5, 8, 5))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("colour type 5");
        assertThatThrownBy(() -> Png.parse("a.png", claiming(5, 5, 8, 6))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> Png.parse("e.png", claiming(5, 5, 8, 0))).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("e.png is a corrupt or truncated PNG");
        byte[] noIhdr = claiming(5, 5, 8, 0);
        noIhdr[12] = 'X';
        assertThatThrownBy(() -> Png.parse("x.png", noIhdr)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("not a 13-byte IHDR");
    }

    @Test
    void writtenImagesReadBack(@TempDir Path dir) throws IOException {
        double[] grey = new double[12];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = i / 11.0;
        }
        Path g = dir.resolve("g.png");
        Png.write(g, Image.of("g", ImageShape.of(3, 4, 1), grey));
        Image back = Png.read(g);
        assertThat(back.shape()).isEqualTo(ImageShape.of(3, 4, 1));
        for (int i = 0; i < grey.length; i++) {
            assertThat(back.toArray()[i]).isEqualTo(Math.round(grey[i] * 255) / 255.0);
        }
        double[] rgb = {1, 0, 0, 0, 1, 0, 0, 0, 1, 16 / 255.0, 32 / 255.0, 48 / 255.0};
        Path c = dir.resolve("c.png");
        Png.write(c, Image.of("c", ImageShape.of(2, 2, 3), rgb));
        assertThat(Png.read(c).toArray()).containsExactly(rgb);
        assertThatThrownBy(() -> Png.encode(Image.of("x", ImageShape.of(1, 1, 1), new double[] {1.5})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Png.encode(Image.of("x", ImageShape.of(1, 1, 2), new double[] {0, 0})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 (grey) or 3 (RGB)");
    }
}
