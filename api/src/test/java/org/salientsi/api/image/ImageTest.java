package org.salientsi.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidPixelException;
import org.salientsi.api.error.ShapeMismatchException;

class ImageTest {

    /** 2 rows, 3 columns, 2 channels; value = 100 c + 10 h + w, listed in HWC order. */
    private static final double[] HWC_2X3X2 = {
        0, 100, 1, 101, 2, 102,
        10, 110, 11, 111, 12, 112,
    };

    /** The same image in CHW order, written out by hand. */
    private static final double[] CHW_2X3X2 = {
        0, 1, 2, 10, 11, 12,
        100, 101, 102, 110, 111, 112,
    };

    @Test
    void getReadsChannelsLastOrder() {
        Image img = Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2);
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 3; w++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(img.get(h, w, c)).as("(%d, %d, %d)", h, w, c).isEqualTo(100 * c + 10 * h + w);
                }
            }
        }
    }

    @Test
    void toChwReordersToChannelMajor() {
        Image img = Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2);
        assertThat(img.toChw()).containsExactly(CHW_2X3X2);
    }

    @Test
    void toChwOfOneChannelIsTheRowMajorPlane() {
        double[] v = {3, 1, 4, 1, 5, 9};
        assertThat(Image.grey(2, 3, v).toChw()).containsExactly(v);
    }

    @Test
    void toArrayReturnsHwcOrder() {
        assertThat(Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2).toArray()).containsExactly(HWC_2X3X2);
    }

    @Test
    void copyToWritesHwcAtTheOffset() {
        double[] out = new double[HWC_2X3X2.length + 2];
        Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2).copyTo(out, 2);
        assertThat(out[0]).isZero();
        assertThat(out[1]).isZero();
        for (int i = 0; i < HWC_2X3X2.length; i++) {
            assertThat(out[i + 2]).isEqualTo(HWC_2X3X2[i]);
        }
    }

    @Test
    void factoryCopiesItsInputAndAccessorsCopyTheirOutput() {
        double[] v = HWC_2X3X2.clone();
        Image img = Image.of(ImageShape.of(2, 3, 2), v);
        v[0] = -1;
        img.toArray()[1] = -1;
        img.toChw()[2] = -1;
        assertThat(img.toArray()).containsExactly(HWC_2X3X2);
    }

    @Test
    void rejectsNaNPixelNamingRowColumnAndChannel() {
        double[] v = HWC_2X3X2.clone();
        v[(1 * 3 + 2) * 2 + 1] = Double.NaN; // row 1, column 2, channel 1
        assertThatThrownBy(() -> Image.of("scan.npy", ImageShape.of(2, 3, 2), v))
                .isInstanceOf(InvalidPixelException.class)
                .hasMessageContaining("scan.npy")
                .hasMessageContaining("NaN")
                .hasMessageContaining("row 1")
                .hasMessageContaining("column 2")
                .hasMessageContaining("channel 1");
    }

    @Test
    void rejectsInfinitePixelNamingRowColumnAndChannel() {
        double[] v = HWC_2X3X2.clone();
        v[(0 * 3 + 1) * 2 + 0] = Double.NEGATIVE_INFINITY; // row 0, column 1, channel 0
        assertThatThrownBy(() -> Image.of(ImageShape.of(2, 3, 2), v))
                .isInstanceOf(InvalidPixelException.class)
                .hasMessageContaining("row 0")
                .hasMessageContaining("column 1")
                .hasMessageContaining("channel 0")
                .hasMessageContaining("-Infinity");
    }

    @Test
    void rejectsInfinitePixelOfGreyImageNamingRowAndColumn() {
        double[] v = new double[12];
        v[2 * 4 + 3] = Double.POSITIVE_INFINITY; // row 2, column 3 of a 3x4 grey image
        assertThatThrownBy(() -> Image.grey(3, 4, v))
                .isInstanceOf(InvalidPixelException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("column 3");
    }

    @Test
    void rejectsWrongLengthNamingBothSizes() {
        assertThatThrownBy(() -> Image.of("x.npy", ImageShape.of(2, 3, 2), new double[11]))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("x.npy")
                .hasMessageContaining("11")
                .hasMessageContaining("12");
    }

    @Test
    void nameIsKeptAndReplaceable() {
        Image img = Image.of("a.npy", ImageShape.of(2, 3, 2), HWC_2X3X2);
        assertThat(img.name()).isEqualTo("a.npy");
        Image renamed = img.withName("b.npy");
        assertThat(renamed.name()).isEqualTo("b.npy");
        assertThat(img.name()).isEqualTo("a.npy");
        assertThat(renamed.toArray()).containsExactly(HWC_2X3X2);
        assertThat(Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2).name()).isNull();
    }

    @Test
    void equalityIsByShapeAndValues() {
        Image a = Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2);
        Image b = Image.of(ImageShape.of(2, 3, 2), HWC_2X3X2.clone());
        Image transposedShape = Image.of(ImageShape.of(3, 2, 2), HWC_2X3X2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(transposedShape);
        double[] other = HWC_2X3X2.clone();
        other[5] = 0.5;
        assertThat(a).isNotEqualTo(Image.of(ImageShape.of(2, 3, 2), other));
    }

    @Test
    void greyHasOneChannel() {
        Image g = Image.grey(2, 2, new double[] {1, 2, 3, 4});
        assertThat(g.shape()).isEqualTo(ImageShape.of(2, 2, 1));
        assertThat(g.get(1, 0, 0)).isEqualTo(3);
    }
}
