package org.salientsi.api.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/**
 * {@link Padding#same} against the TensorFlow rule: {@code out = ceil(in / stride)},
 * {@code total = max((out - 1) stride + (k - 1) d + 1 - in, 0)}, the odd pixel to the bottom/right.
 */
class PaddingTest {

    private static int tfTotal(int in, int k, int s, int d) {
        int out = (in + s - 1) / s;
        return Math.max((out - 1) * s + (k - 1) * d + 1 - in, 0);
    }

    @Test
    void sameUpperMatchesTheTensorFlowRule() {
        for (int in = 1; in <= 24; in++) {
            for (int k = 1; k <= 6; k++) {
                for (int s = 1; s <= 4; s++) {
                    for (int d = 1; d <= 3; d++) {
                        int total = tfTotal(in, k, s, d);
                        int inW = in + 3;
                        int totalW = tfTotal(inW, k, s, d);
                        Padding p = Padding.same(in, inW, k, k, s, s, d, d, true);
                        String what = String.format("in %d k %d s %d d %d", in, k, s, d);
                        assertThat(p.top()).as(what).isEqualTo(total / 2);
                        assertThat(p.bottom()).as(what).isEqualTo(total - total / 2);
                        assertThat(p.left()).as(what).isEqualTo(totalW / 2);
                        assertThat(p.right()).as(what).isEqualTo(totalW - totalW / 2);
                    }
                }
            }
        }
    }

    @Test
    void sameLowerPutsTheOddPixelTopLeft() {
        for (int in = 1; in <= 24; in++) {
            for (int k = 1; k <= 6; k++) {
                for (int s = 1; s <= 4; s++) {
                    int total = tfTotal(in, k, s, 1);
                    Padding p = Padding.same(in, in, k, k, s, s, 1, 1, false);
                    assertThat(p.top()).isEqualTo(total - total / 2);
                    assertThat(p.bottom()).isEqualTo(total / 2);
                    assertThat(p.left()).isEqualTo(total - total / 2);
                    assertThat(p.right()).isEqualTo(total / 2);
                }
            }
        }
    }

    @Test
    void sameGivesConvolutionsCeilInOverStrideOutputs() {
        for (int in = 1; in <= 24; in++) {
            for (int k = 1; k <= 6; k++) {
                for (int s = 1; s <= 4; s++) {
                    for (int d = 1; d <= 3; d++) {
                        Padding p = Padding.same(in, in, k, k, s, s, d, d, true);
                        Network.Builder b = Network.builder(TensorShape.of(1, in, in));
                        int id = b.add("c", new Conv2d(1, 1, k, k, new double[k * k], null, s, s, d, d, p, 1), 0);
                        int expected = (in + s - 1) / s;
                        assertThat(b.shape(id)).as("in %d k %d s %d d %d", in, k, s, d)
                                .isEqualTo(TensorShape.of(1, expected, expected));
                    }
                }
            }
        }
    }

    @Test
    void sameWorkedExamples() {
        // in 5, k 3, s 2: out 3, total (3-1)*2 + 3 - 5 = 2 -> 1 + 1
        assertThat(Padding.same(5, 5, 3, 3, 2, 2, 1, 1, true)).isEqualTo(Padding.symmetric(1));
        // in 6, k 3, s 2: out 3, total 1 -> 0 top, 1 bottom
        assertThat(Padding.same(6, 6, 3, 3, 2, 2, 1, 1, true)).isEqualTo(Padding.of(0, 0, 1, 1));
        // in 6, k 1, s 2: total max(-1, 0) = 0
        assertThat(Padding.same(6, 6, 1, 1, 2, 2, 1, 1, true)).isEqualTo(Padding.NONE);
    }

    @Test
    void rejectsNegativeSidesNamingThem() {
        assertThatThrownBy(() -> Padding.of(0, -3, 0, 0)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("-3");
    }

    @Test
    void symmetricPadsEverySide() {
        assertThat(Padding.symmetric(2)).isEqualTo(new Padding(2, 2, 2, 2));
    }
}
