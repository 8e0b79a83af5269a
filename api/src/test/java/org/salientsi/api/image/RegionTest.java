package org.salientsi.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

class RegionTest {

    private static final boolean T = true;
    private static final boolean F = false;

    /** 2 x 3: row 0 = 0 1 0, row 1 = 1 1 0. */
    private static final boolean[] MASK = {F, T, F, T, T, F};

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sizeCountsSelectedPixels() {
        Region r = Region.of(2, 3, MASK);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.height()).isEqualTo(2);
        assertThat(r.width()).isEqualTo(3);
        assertThat(r.isEmpty()).isFalse();
        assertThat(r.isFull()).isFalse();
    }

    @Test
    void pixelsListsRowMajorIndicesInIncreasingOrder() {
        assertThat(Region.of(2, 3, MASK).pixels()).containsExactly(1, 3, 4);
    }

    @Test
    void containsByIndexAndByRowColumnAgree() {
        Region r = Region.of(2, 3, MASK);
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 3; w++) {
                assertThat(r.contains(h, w)).isEqualTo(MASK[h * 3 + w]);
                assertThat(r.contains(h * 3 + w)).isEqualTo(MASK[h * 3 + w]);
            }
        }
    }

    @Test
    void emptyAndFullRegionsAreRecognised() {
        Region empty = Region.of(2, 2, new boolean[4]);
        Region full = Region.of(2, 2, new boolean[] {T, T, T, T});
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.size()).isZero();
        assertThat(empty.pixels()).isEmpty();
        assertThat(full.isFull()).isTrue();
        assertThat(full.size()).isEqualTo(4);
    }

    @Test
    void rejectsMaskThatDoesNotFitNamingTheSizes() {
        assertThatThrownBy(() -> Region.of(2, 3, new boolean[5])).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("5")
                .hasMessageContaining("2x3");
        assertThatThrownBy(() -> Region.of(0, 3, new boolean[0])).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void maskIsCopiedInAndOut() {
        boolean[] m = MASK.clone();
        Region r = Region.of(2, 3, m);
        m[0] = true;
        r.toMask()[2] = true;
        assertThat(r.toMask()).containsExactly(MASK);
        assertThat(r.matches(MASK)).isTrue();
        assertThat(r.matches(m)).isFalse();
    }

    @Test
    void jsonIsRowsOfZeroAndOne() throws Exception {
        assertThat(json.writeValueAsString(Region.of(2, 3, MASK))).isEqualTo("[[0,1,0],[1,1,0]]");
    }

    @Test
    void jsonReadsRowsOfZeroAndOne() throws Exception {
        Region r = json.readValue("[[0,1,0],[1,1,0]]", Region.class);
        assertThat(r).isEqualTo(Region.of(2, 3, MASK));
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void jsonRoundTripKeepsRandomRegions() throws Exception {
        SplittableRandom rng = new SplittableRandom(77L);
        for (int trial = 0; trial < 50; trial++) {
            int h = 1 + rng.nextInt(9);
            int w = 1 + rng.nextInt(9);
            boolean[] m = new boolean[h * w];
            for (int i = 0; i < m.length; i++) {
                m[i] = rng.nextBoolean();
            }
            Region r = Region.of(h, w, m);
            Region back = json.readValue(json.writeValueAsString(r), Region.class);
            assertThat(back).isEqualTo(r);
            assertThat(back.height()).isEqualTo(h);
            assertThat(back.width()).isEqualTo(w);
        }
    }

    @Test
    void jsonRejectsRaggedRowsNamingTheRow() {
        assertThatThrownBy(() -> json.readValue("[[0,1,0],[1,1]]", Region.class))
                .hasRootCauseInstanceOf(InvalidValueException.class)
                .hasRootCauseMessage("region row 1 has 2 columns, expected 3");
    }

    @Test
    void jsonRejectsNoRows() {
        assertThatThrownBy(() -> json.readValue("[]", Region.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    @Test
    void equalityNeedsTheSameGrid() {
        Region a = Region.of(2, 3, MASK);
        Region b = Region.of(3, 2, MASK);
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(Region.of(2, 3, MASK.clone())).hasSameHashCodeAs(Region.of(2, 3, MASK.clone()));
    }
}
