package org.salientsi.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

class ImageShapeTest {

    @Test
    void pixelsAndSizeMultiplyTheDimensions() {
        ImageShape s = ImageShape.of(4, 5, 3);
        assertThat(s.pixels()).isEqualTo(20);
        assertThat(s.size()).isEqualTo(60);
    }

    @Test
    void indexIsChannelsLastAndVisitsEveryValueOnce() {
        ImageShape s = ImageShape.of(3, 4, 2);
        boolean[] seen = new boolean[s.size()];
        int expected = 0;
        for (int h = 0; h < 3; h++) {
            for (int w = 0; w < 4; w++) {
                for (int c = 0; c < 2; c++) {
                    int i = s.index(h, w, c);
                    assertThat(i).isEqualTo(expected++);
                    seen[i] = true;
                }
            }
        }
        assertThat(seen).doesNotContain(false);
    }

    @Test
    void rejectsNonPositiveDimensionsNamingThem() {
        assertThatThrownBy(() -> ImageShape.of(0, 5, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("0x5x1");
        assertThatThrownBy(() -> ImageShape.of(4, -2, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> ImageShape.of(4, 5, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsSizeThatOverflowsAnInt() {
        assertThatThrownBy(() -> ImageShape.of(65536, 65536, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void toStringOmitsASingleChannel() {
        assertThat(ImageShape.of(64, 32, 1)).hasToString("64x32");
        assertThat(ImageShape.of(64, 32, 3)).hasToString("64x32x3");
    }

    @Test
    void equalityIsByDimensions() {
        assertThat(ImageShape.of(2, 3, 1)).isEqualTo(new ImageShape(2, 3, 1)).isNotEqualTo(ImageShape.of(3, 2, 1));
    }
}
