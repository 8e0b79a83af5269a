package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;

/**
 * {@link SalientTester#testComponents} on the paper's 8x8 model: the components cover the region and are tested
 * with their own contrasts, the whole region as {@link SalientTester#test} tests it, and bad options are refused.
 */
class ComponentsFacadeTest {

    private static final long SEED = 20_261_207L;
    private static SalientTester tester;

    @BeforeAll
    static void load() throws ModelLoadException {
        tester = SalientSI.builder().model(SalientTesterTest.paperModel(8)).method("cam").selector("minmax:0.7")
                .statistic("ref-mean").sigma(1).build();
    }

    @AfterAll
    static void close() {
        tester.close();
    }

    @Test
    void componentsCoverTheRegionAndTheRegionIsTestedAsByTest() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int split = 0;
        for (int k = 0; k < 40 && split < 2; k++) {
            Image x = SalientTesterTest.image(rng, "x" + k, 0);
            Image r = SalientTesterTest.image(rng, "r" + k, 0);
            ComponentTests parts = tester.testComponents(x, List.of(r), 4, 1);
            if (!parts.result().tested()) {
                assertThat(parts.components()).isEmpty();
                continue;
            }
            assertThat(parts.result().selectiveP()).isCloseTo(tester.test(x, r).selectiveP(), within(1e-12));
            assertThat(parts.components().stream().mapToInt(ComponentResult::size).sum())
                    .isEqualTo(parts.result().regionSize());
            assertThat(parts.components()).allSatisfy(c -> assertThat(c.tested()).isTrue());
            assertThat(parts.fdrMethod()).as("Benjamini-Yekutieli within the image").isEqualTo("by");
            double[] p = parts.testedPValues();
            double[] byHand = org.salientsi.core.multiplicity.BenjaminiYekutieli.adjust(p);
            assertThat(parts.components().stream().filter(ComponentResult::tested).mapToDouble(c -> c.fdrP())
                    .toArray()).containsExactly(byHand);
            split += parts.components().size() > 1 ? 1 : 0;
        }
        assertThat(split).as("regions of two or more components").isEqualTo(2);
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        Image x = SalientTesterTest.image(new SplittableRandom(1), "x", 0);
        assertThatThrownBy(() -> tester.testComponents(x, List.of(x), 5, 1))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("4 or 8");
        assertThatThrownBy(() -> tester.testComponents(x, List.of(x), 8, 0))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("min-component-size");
    }
}
