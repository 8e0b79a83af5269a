package org.salientsi.reports.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;

/** Colour maps, sign modes and the map blended over its image, pixel by pixel. */
class MapPicturesTest {

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void aColourMapHasItsColoursAtItsStopsAndMixesBetweenThem() {
        Colormap m = Colormap.DIVERGING;
        assertThat(m.rgb(0)).isEqualTo(0x2166ac);
        assertThat(m.rgb(0.5)).isEqualTo(0xf7f7f7);
        assertThat(m.rgb(1)).isEqualTo(0xb2182b);
        assertThat(m.rgb(-3)).isEqualTo(0x2166ac);
        // halfway between #f7f7f7 and #ef8a62: (247+239)/2 = 243, (247+138)/2 = 192.5, (247+98)/2 = 172.5
        assertThat(m.rgb(0.625)).isEqualTo((243 << 16) | (193 << 8) | 173);
        assertThat(m.cssGradient()).isEqualTo("linear-gradient(to right, #2166ac 0.0%, #67a9cf 25.0%, "
                + "#f7f7f7 50.0%, #ef8a62 75.0%, #b2182b 100.0%)");
        assertThatThrownBy(() -> Colormap.of(new double[] {0, 0.5}, new int[] {0, 1}))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void signModesScaleAndPlaceValuesAsCaptumDoes() {
        double[] s = {-2, -1, 0, 4};
        assertThat(SignMode.ALL.scale(s)).isEqualTo(4);
        assertThat(SignMode.POSITIVE.scale(s)).isEqualTo(4);
        assertThat(SignMode.NEGATIVE.scale(s)).isEqualTo(2);
        assertThat(SignMode.ABSOLUTE.scale(s)).isEqualTo(4);
        assertThat(SignMode.ALL.position(-2, 4)).isEqualTo(0.25);
        assertThat(SignMode.ALL.position(0, 4)).isEqualTo(0.5);
        assertThat(SignMode.POSITIVE.position(-2, 4)).isZero();
        assertThat(SignMode.NEGATIVE.position(-1, 2)).isEqualTo(0.5);
        assertThat(SignMode.ABSOLUTE.position(-2, 4)).isEqualTo(0.5);
        assertThat(SignMode.ALL.strength(-2, 4)).isEqualTo(0.5);
        assertThat(SignMode.ALL.low(4)).isEqualTo(-4);
        assertThat(SignMode.NEGATIVE.low(2)).isZero();
        assertThat(SignMode.parse("Absolute")).isEqualTo(SignMode.ABSOLUTE);
        assertThatThrownBy(() -> SignMode.parse("both")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("all, positive, negative or absolute");
    }

    @Test
    void theBlendShowsTheImageWhereTheMapIsZeroAndTheColourWhereItIsLargest() throws Exception {
        // a 1 x 3 image 0, 0.5, 1 (shown as it is), map 0, -1, 2; scale 4, no contour
        Image x = Image.grey(1, 3, new double[] {0, 0.5, 1});
        BufferedImage img = read(MapPictures.overlay(x, new double[] {0, -1, 2}, SignMode.ALL, null, 4));
        assertThat(img.getWidth()).isEqualTo(12);
        assertThat(img.getRGB(1, 1) & 0xffffff).as("map 0: the image's black").isZero();
        // map 2 = the top: a = 0.85 of dark red (178, 24, 43) over white (255)
        int top = img.getRGB(9, 1) & 0xffffff;
        assertThat(top >> 16).isEqualTo((int) Math.round(0.15 * 255 + 0.85 * 178));
        assertThat(top & 0xff).isEqualTo((int) Math.round(0.15 * 255 + 0.85 * 43));
        // map -1: position 0.25, the light blue #67a9cf, a = 0.85 * 0.5 over grey 128
        int mid = img.getRGB(5, 1) & 0xffffff;
        assertThat(mid & 0xff).isEqualTo((int) Math.round((1 - 0.425) * 128 + 0.425 * 0xcf));
    }

    @Test
    void theContourIsDrawnInsideTheRegionsEdgePixels() throws Exception {
        Region r = Region.of(2, 2, new boolean[] {true, false, false, false});
        BufferedImage img = read(MapPictures.heat(new double[] {1, 0, 0, -1}, 2, 2, SignMode.ALL, r, 8));
        assertThat(MapPictures.thickness(8)).isEqualTo(2);
        assertThat(img.getRGB(3, 0) & 0xffffff).isEqualTo(Pictures.CONTOUR);
        assertThat(img.getRGB(3, 1) & 0xffffff).isEqualTo(Pictures.CONTOUR);
        assertThat(img.getRGB(3, 2) & 0xffffff).as("the middle of the pixel").isEqualTo(0xb2182b);
        assertThat(img.getRGB(11, 1) & 0xffffff).as("outside the region").isEqualTo(0xf7f7f7);
    }

    @Test
    void imagesOfDifferentShapesAreRefused() {
        Image x = Image.grey(2, 2, new double[4]);
        assertThatThrownBy(() -> MapPictures.overlay(x, new double[3], SignMode.ALL, null, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("2 x 2");
        assertThatThrownBy(() -> MapPictures.difference(x, Image.grey(1, 4, new double[4])))
                .isInstanceOf(InvalidValueException.class);
    }
}
