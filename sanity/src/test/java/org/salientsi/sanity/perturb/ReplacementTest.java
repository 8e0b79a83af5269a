package org.salientsi.sanity.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;

/** Replacement canvases: values, seeding and specification round trips. */
class ReplacementTest {

    private static final TensorShape SHAPE = TensorShape.of(2, 2, 2);
    private static final double[] X = {0, 1, 2, 3, 10, 20, 30, 40};

    @Test
    void deterministicKindsFollowTheirDefinitions() {
        assertThat(Replacement.parse("zero").canvas(X, SHAPE, null, 1)).containsOnly(0.0);
        assertThat(Replacement.parse("black").canvas(X, SHAPE, null, 1)).containsOnly(0.0);
        assertThat(Replacement.parse("white").canvas(X, SHAPE, null, 1)).containsOnly(40.0);
        assertThat(Replacement.parse("image-mean").canvas(X, SHAPE, null, 1))
                .containsExactly(1.5, 1.5, 1.5, 1.5, 25, 25, 25, 25);
        assertThat(Replacement.parse("dataset-mean").canvas(X, SHAPE, new double[] {7, 8}, 1))
                .containsExactly(7, 7, 7, 7, 8, 8, 8, 8);
        assertThatThrownBy(() -> Replacement.parse("dataset-mean").canvas(X, SHAPE, null, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("data set's mean");
    }

    @Test
    void seededReplacementIsReproducibleAndChangesWithTheSeed() {
        for (String spec : new String[] {"uniform:-1:1", "gaussian:0.5"}) {
            Replacement r = Replacement.parse(spec);
            assertThat(r.random()).isTrue();
            double[] a = r.canvas(X, SHAPE, null, 42);
            assertThat(r.canvas(X, SHAPE, null, 42)).as(spec).containsExactly(a);
            assertThat(r.canvas(X, SHAPE, null, 43)).as(spec).isNotEqualTo(a);
        }
        for (double v : Replacement.parse("uniform:-1:1").canvas(X, SHAPE, null, 42)) {
            assertThat(v).isGreaterThanOrEqualTo(-1).isLessThan(1);
        }
    }

    @Test
    void seededScoresAreReproducibleAcrossEngines() {
        PerturbationConfig cfg = PerturbationConfig.defaults().withReplacement(Replacement.parse("uniform:0:1"))
                .withSteps(0).withSeed(11);
        double[] map = {0.3, -0.2, 0.9, 0.1};
        double first = score(cfg, map).get(Metric.AOPC_MORF);
        assertThat(score(cfg, map).get(Metric.AOPC_MORF)).isEqualTo(first);
        assertThat(score(cfg.withSeed(12), map).get(Metric.AOPC_MORF)).isNotEqualTo(first);
        assertThat(cfg.seeds()).isEqualTo(3);
        assertThat(cfg.asMap()).containsEntry("replacement", "uniform:0:1").containsEntry("seed", "11");
    }

    private static PerturbationScores score(PerturbationConfig cfg, double[] map) {
        PerturbationMetrics engine = new PerturbationMetrics(AopcToyTest.linear(), cfg);
        return engine.score(engine.prepare(5, new double[] {1, 1, 1, 1}, null, null), new SaliencyMap(1, 4, map, 0,
                false), EnumSet.of(Metric.AOPC_MORF));
    }

    @Test
    void blurMatchesTheGaussianFilterOfEachChannel() {
        double[] blurred = Replacement.parse("blur:1").canvas(X, SHAPE, null, 1);
        // 2x2 plane, sigma 1: weights w0 = 1/Z, w1 = e^-0.5/Z (Z over offsets -4..4); zero outside
        double z = 0;
        for (int i = -4; i <= 4; i++) {
            z += Math.exp(-0.5 * i * i);
        }
        double w0 = 1 / z;
        double w1 = Math.exp(-0.5) / z;
        double expected = w0 * w0 * 0 + w0 * w1 * 1 + w1 * w0 * 2 + w1 * w1 * 3;
        assertThat(blurred[0]).isCloseTo(expected, within(1e-15));
    }

    @Test
    void specsRoundTripAndBadSpecsAreNamed() {
        for (String s : new String[] {"zero", "min", "max", "dataset-mean", "image-mean", "uniform", "uniform:0:1",
            "gaussian", "gaussian:0.2", "blur", "blur:3"}) {
            assertThat(Replacement.parse(s).spec()).isEqualTo(s);
        }
        assertThatThrownBy(() -> Replacement.parse("inpaint")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inpaint");
        assertThatThrownBy(() -> Replacement.parse("uniform:1:0")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void orderingsAreStableAndRandomIsAPermutation() {
        double[] r = {3, -1, 2, 0.5, 2};
        assertThat(Ordering.MORF.order(r, null)).containsExactly(0, 2, 4, 3, 1);
        assertThat(Ordering.LERF.order(r, null)).containsExactly(1, 3, 2, 4, 0);
        assertThat(Ordering.RANDOM.order(r, new SplittableRandom(1))).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
}
