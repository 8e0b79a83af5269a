package org.salientsi.sanity.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.core.eval.CompiledNetwork;

/** The AOPC toy of SANITY.md section 5: f(x) = w.x, w = (3, -1, 2, 0.5), x = 1, zero baseline, R = w * x, L = 4. */
class AopcToyTest {

    private static final double[] W = {3, -1, 2, 0.5};

    static CompiledNetwork linear() {
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 4));
        b.add("dense", new Dense(4, 1, W, new double[] {0}), b.input());
        return CompiledNetwork.compile(b.build());
    }

    private final PerturbationConfig config = PerturbationConfig.defaults()
            .withReplacement(Replacement.of(Replacement.Kind.ZERO)).withSteps(4);

    private PerturbationScores score(PerturbationConfig cfg) {
        PerturbationMetrics engine = new PerturbationMetrics(linear(), cfg);
        PerturbationMetrics.ImageCase c = engine.prepare(0, new double[] {1, 1, 1, 1}, null, null);
        return engine.score(c, new SaliencyMap(1, 4, W, 0, false), EnumSet.allOf(Metric.class));
    }

    @Test
    void curvesAopcAbpcAndFaithfulnessMatchTheToy() {
        PerturbationScores s = score(config);
        assertThat(s.morf()).containsExactly(new double[] {4.5, 1.5, -0.5, -1, 0}, within(1e-12));
        assertThat(s.lerf()).containsExactly(new double[] {4.5, 5.5, 5.0, 3.0, 0}, within(1e-12));
        assertThat(s.get(Metric.AOPC_MORF)).isCloseTo(3.6, within(1e-12));
        assertThat(s.get(Metric.AOPC_LERF)).isCloseTo(0.9, within(1e-12));
        assertThat(s.get(Metric.ABPC)).isCloseTo(2.7, within(1e-12));
        assertThat(s.drops()).containsExactly(new double[] {3, -1, 2, 0.5}, within(1e-12));
        assertThat(s.get(Metric.FAITHFULNESS)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void deletionAndInsertionAucAreTrapezoidsOverTheFractionPerturbed() {
        PerturbationScores s = score(config);
        // deletion: (4.5/2 + 1.5 - 0.5 - 1 + 0/2) / 4; insertion restores features 0, 2, 3, 1 onto zeros
        assertThat(s.get(Metric.DELETION_AUC)).isCloseTo((2.25 + 1.5 - 0.5 - 1) / 4, within(1e-12));
        assertThat(s.insertion()).containsExactly(new double[] {0, 3, 5, 5.5, 4.5}, within(1e-12));
        assertThat(s.get(Metric.INSERTION_AUC)).isCloseTo((0 + 3 + 5 + 5.5 + 2.25) / 4, within(1e-12));
    }

    @Test
    void probabilityOutputFollowsTheSigmoidOfASingleLogit() {
        PerturbationScores s = score(config.withOutput(OutputSpec.parse("probability")));
        assertThat(s.morf()[1]).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-15));
    }

    @Test
    void patchesAggregateRelevanceAndKPixelStepsShortenTheCurve() {
        PerturbationScores two = score(config.withUnit(PerturbationUnit.parse("pixels:2")).withSteps(0));
        assertThat(two.morf()).containsExactly(new double[] {4.5, -0.5, 0}, within(1e-12));
        PerturbationUnit patch = PerturbationUnit.parse("patch:2:max");
        assertThat(patch.relevance(W, patch.features(1, 4))).containsExactly(3, 2);
        assertThat(PerturbationUnit.parse("patch:2:mean").relevance(W, patch.features(1, 4))).containsExactly(1, 1.25);
    }

    @Test
    void givenClassWithoutALabelIsRefused() {
        PerturbationMetrics engine = new PerturbationMetrics(linear(),
                config.withOutput(OutputSpec.parse("logit/given")));
        assertThatThrownBy(() -> engine.prepare(3, new double[] {1, 1, 1, 1}, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label for image 3");
        assertThatThrownBy(() -> engine.prepare(3, new double[] {1, 1, 1, 1}, 2, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("class 2");
    }
}
