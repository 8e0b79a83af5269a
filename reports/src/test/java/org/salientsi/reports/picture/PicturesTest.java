package org.salientsi.reports.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;

class PicturesTest {

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    @Test
    void aHeatMapIsRedAtTheLargestValueBlueAtMinusItAndWhiteAtZero() throws IOException {
        // 1 x 4: -2, 0, 1, 2; max |S| = 2, so 1 is half-way from white to red: (255, 128, 128)
        BufferedImage img = read(Pictures.heat(new double[] {-2, 0, 1, 2}, 1, 4, 3));
        assertThat(img.getWidth()).isEqualTo(12);
        assertThat(img.getHeight()).isEqualTo(3);
        assertThat(rgb(img, 1, 1)).isEqualTo(0x0000ff);
        assertThat(rgb(img, 4, 1)).isEqualTo(0xffffff);
        assertThat(rgb(img, 7, 1)).isEqualTo(0xff8080);
        assertThat(rgb(img, 10, 1)).isEqualTo(0xff0000);
    }

    @Test
    void aGreyMapStretchesFromItsMinimumToItsMaximumAndOutlinesTheMaskBoundary() throws IOException {
        Region mask = Region.of(3, 3, new boolean[] {true, true, false, true, true, false, false, false, false});
        BufferedImage img = read(Pictures.grey(new double[] {10, 20, 30, 10, 20, 30, 10, 20, 30}, 3, 3, mask,
                Pictures.MASK_OUTLINE, 5));
        assertThat(rgb(img, 2, 2)).as("centre of a masked pixel keeps its grey").isEqualTo(0x000000);
        assertThat(rgb(img, 7, 12)).isEqualTo(0x808080);
        assertThat(rgb(img, 12, 2)).isEqualTo(0xffffff);
        assertThat(rgb(img, 2, 0)).as("top edge of the mask").isEqualTo(Pictures.MASK_OUTLINE);
        assertThat(rgb(img, 9, 2)).as("right edge of the mask").isEqualTo(Pictures.MASK_OUTLINE);
        assertThat(rgb(img, 4, 2)).as("inner side between two masked pixels").isEqualTo(0x000000);
        assertThat(rgb(img, 12, 0)).as("unmasked pixel").isEqualTo(0xffffff);
    }

    @Test
    void aDataUriCarriesThePngBytes() {
        byte[] png = Pictures.heat(new double[] {0}, 1, 1, 1);
        String uri = Pictures.dataUri(png);
        assertThat(uri).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))).isEqualTo(png);
    }

    @Test
    void theScaleMakesTheLongerSideAboutTheTarget() {
        assertThat(Pictures.scaleFor(8, 8, 256)).isEqualTo(32);
        assertThat(Pictures.scaleFor(28, 10, 96)).isEqualTo(3);
        assertThat(Pictures.scaleFor(500, 500, 96)).isEqualTo(1);
    }

    @Test
    void sizesThatDoNotFitAreRefusedBeforeDrawing() {
        assertThatThrownBy(() -> Pictures.heat(new double[3], 2, 2, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("needs 4 values");
        assertThatThrownBy(() -> Pictures.heat(new double[4], 2, 2, 0)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> Pictures.heat(new double[4], 2, 2, 9000)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(Integer.toString(Pictures.MAX_SIDE));
        Region wrong = Region.of(1, 4, new boolean[4]);
        assertThatThrownBy(() -> Pictures.grey(new double[4], 2, 2, wrong, 0, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("1 x 4");
    }
}
