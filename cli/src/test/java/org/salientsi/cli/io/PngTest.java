package org.salientsi.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;

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
}
