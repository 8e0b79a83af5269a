package org.salientsi.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.image.Region;

/**
 * The labelling against hand-drawn regions and against an independent labelling (repeated dilation of a seed
 * within the region until it stops growing) on random masks; the options' validation.
 */
class ConnectedComponentsTest {

    private static final long SEED = 20_261_207L;

    @Test
    void diagonalNeighboursJoinOnlyUnderEightConnectivity() {
        Region r = region(new String[] {
            "x..x",
            ".x..",
            "....",
            "xx.x"});
        assertThat(ConnectedComponents.of(r, false)).extracting(Arrays::toString)
                .containsExactly("[0]", "[3]", "[5]", "[12, 13]", "[15]");
        assertThat(ConnectedComponents.of(r, true)).extracting(Arrays::toString)
                .containsExactly("[0, 5]", "[3]", "[12, 13]", "[15]");
    }

    @Test
    void aRingIsOneComponentAndTheEmptyRegionNone() {
        Region ring = region(new String[] {
            "xxx",
            "x.x",
            "xxx"});
        assertThat(ConnectedComponents.of(ring, false)).hasSize(1);
        assertThat(ConnectedComponents.of(ring, false).get(0)).hasSize(8);
        assertThat(ConnectedComponents.of(region(new String[] {"...", "..."}), true)).isEmpty();
        assertThat(ConnectedComponents.of(region(new String[] {"xxx", "xxx"}), false)).hasSize(1);
    }

    @Test
    void equalsRepeatedDilationOnRandomMasks() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 300; trial++) {
            int h = 1 + rng.nextInt(12);
            int w = 1 + rng.nextInt(12);
            double density = rng.nextDouble();
            boolean[] mask = new boolean[h * w];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < density;
            }
            Region r = Region.of(h, w, mask);
            for (boolean diagonal : new boolean[] {false, true}) {
                List<int[]> parts = ConnectedComponents.of(r, diagonal);
                assertThat(parts.stream().map(Arrays::toString).toList()).as("%dx%d, diagonal %s", h, w, diagonal)
                        .isEqualTo(byDilation(mask, h, w, diagonal).stream().map(Arrays::toString).toList());
                assertThat(parts.stream().mapToInt(p -> p.length).sum()).isEqualTo(r.size());
            }
        }
    }

    @Test
    void optionsAreCheckedAndNamed() {
        assertThat(ComponentSplit.parse("8", null)).isEqualTo(new ComponentSplit(8, 1));
        assertThat(ComponentSplit.parse(" 4 ", "5")).isEqualTo(new ComponentSplit(4, 5));
        assertThatThrownBy(() -> ComponentSplit.parse("5", null)).isInstanceOf(InvalidOptionException.class)
                .hasMessage("components must be 4 or 8 (pixel connectivity), got 5");
        assertThatThrownBy(() -> ComponentSplit.parse("8", "-1")).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("min-component-size must be a number of pixels >= 1");
        assertThatThrownBy(() -> ComponentSplit.parse("eight", null)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("components needs a whole number");
        assertThatThrownBy(() -> ComponentSplit.parse("8", "2.5")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("min-component-size");
    }

    /** Components by growing each unlabelled region pixel's set by whole dilations until it stops changing. */
    private static List<int[]> byDilation(boolean[] mask, int h, int w, boolean diagonal) {
        boolean[] done = new boolean[mask.length];
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < mask.length; s++) {
            if (!mask[s] || done[s]) {
                continue;
            }
            boolean[] set = new boolean[mask.length];
            set[s] = true;
            boolean grew = true;
            while (grew) {
                grew = false;
                boolean[] next = set.clone();
                for (int p = 0; p < mask.length; p++) {
                    if (!set[p]) {
                        continue;
                    }
                    for (int q = 0; q < mask.length; q++) {
                        int dr = Math.abs(p / w - q / w);
                        int dc = Math.abs(p % w - q % w);
                        boolean adjacent = diagonal ? Math.max(dr, dc) == 1 : dr + dc == 1;
                        if (adjacent && mask[q] && !next[q]) {
                            next[q] = true;
                            grew = true;
                        }
                    }
                }
                set = next;
            }
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < mask.length; i++) {
                if (set[i]) {
                    members.add(i);
                    done[i] = true;
                }
            }
            out.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static Region region(String[] rows) {
        int h = rows.length;
        int w = rows[0].length();
        boolean[] mask = new boolean[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                mask[r * w + c] = rows[r].charAt(c) == 'x';
            }
        }
        return Region.of(h, w, mask);
    }
}
