package org.salientsi.methods.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * The engine compiles a model once per image shape, whatever the tests' statistics, and gives the results
 * of the search it configures (checked against a {@link SelectiveTest} set up by hand).
 */
class TestEngineTest {

    private static final Plugins PLUGINS = Plugins.load();

    /** A model of one fixed-size network. */
    private record InMemoryModel(Network network) implements LoadedModel {
        @Override
        public String backend() {
            return "in-memory";
        }

        @Override
        public String sha256() {
            return "0".repeat(64);
        }

        @Override
        public ImageShape imageShape() {
            return ImageShape.of(network.inputShape().height(), network.inputShape().width(),
                    network.inputShape().channels());
        }

        @Override
        public double[] predict(Image image) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void oneCompiledNetworkServesTestsWithAndWithoutReferences() {
        TestEngine engine = TestEngine.create(PLUGINS, new InMemoryModel(TestNetworks.paperCam(8, 5, true)), "x",
                TestSpec.defaults().withNoise(NoiseSpec.sigma(1)));
        ImageShape shape = engine.model().imageShape();
        Selection without = engine.selection(shape, false);
        Selection with = engine.selection(shape, true);
        assertThat(with.network()).isSameAs(without.network());
        assertThat(with.method()).isSameAs(without.method());
        assertThat(without.statistic().name()).isEqualTo("contrast");
        assertThat(with.statistic().name()).isEqualTo("ref-mean");
        assertThat(engine.withProvenance(Provenance.empty()).selection(shape, true).network())
                .isSameAs(with.network());
    }

    @Test
    void resultsAreThoseOfTheSearchConfiguredByHand() {
        Network net = TestNetworks.paperCam(8, 5, true);
        TestEngine engine = TestEngine.create(PLUGINS, new InMemoryModel(net), "x",
                TestSpec.defaults().withNoise(NoiseSpec.sigma(1.5)).withConfidence(0.9));
        SplittableRandom rng = new SplittableRandom(7);
        int compared = 0;
        for (int trial = 0; trial < 20 && compared < 3; trial++) {
            Image x = Image.grey(8, 8, Gaussian.vector(rng, 64, 1.5));
            Image r = Image.grey(8, 8, Gaussian.vector(rng, 64, 1.5));
            SelectiveResult viaEngine = engine.test(x, List.of(r));
            if (!viaEngine.tested()) {
                continue; // nothing selected: an outcome, no p-value to compare
            }
            Selection byHand = new Selection(CompiledNetwork.compile(net),
                    PLUGINS.method("cam", net, Parameters.empty()), PLUGINS.selector("threshold:0"),
                    new ReferenceMeanStatistic());
            SelectiveResult direct = SelectiveTest.withDefaults().withConfidenceLevel(0.9)
                    .withNoise(org.salientsi.core.search.NoiseModel.isotropic(1.5))
                    .run(byHand, org.salientsi.api.statistic.Observation.of(x, r), Provenance.empty());
            assertThat(viaEngine.selectiveP()).isEqualTo(direct.selectiveP());
            assertThat(viaEngine.intervals()).isEqualTo(direct.intervals());
            assertThat(viaEngine.ci()).isEqualTo(direct.ci());
            compared++;
        }
        assertThat(compared).isEqualTo(3);
    }
}
