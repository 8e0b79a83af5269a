package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.TruncationSets;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The engine decides what to try from the plugins' declared capabilities alone: CAM with a threshold
 * selector certifies segments; the same CAM and selector, declaring fewer capabilities (their bounding code
 * still there), are walked piece by piece, to the same truncation set. And every installed method declares
 * the same method-level capabilities on its provider (what {@code salientsi list} shows) as on its instances.
 */
class CapabilitiesConsultedTest {

    @Test
    void segmentsAreCertifiedOnlyWhenMethodAndSelectorDeclareTheCapabilities() {
        Network net = TestNetworks.paperCam(16, 3, false);
        SaliencyMethod cam = new CamMethod.Provider().create(net, Parameters.empty());
        RegionSelector threshold = new ThresholdSelector(0);
        SplittableRandom rng = new SplittableRandom(20_261_207L);
        int tested = 0;
        for (int trial = 0; trial < 20 && tested < 4; trial++) {
            Observation obs = Observation.of(Image.grey(16, 16, Gaussian.vector(rng, 256, 1)),
                    Image.grey(16, 16, Gaussian.vector(rng, 256, 1)));
            SelectiveResult declared;
            try {
                declared = run(cam, threshold, net, obs);
            } catch (org.salientsi.api.error.EmptyRegionException e) {
                continue;
            }
            tested++;
            assertThat(declared.provenance().options()).containsKey("segments_skipped");
            SelectiveResult noBounds = run(withCapabilities(cam, Set.of(Capabilities.PIECEWISE_LINEAR)),
                    threshold, net, obs);
            SelectiveResult noExclusion = run(cam, withCapabilities(threshold, Set.of()), net, obs);
            for (SelectiveResult walked : new SelectiveResult[] {noBounds, noExclusion}) {
                assertThat(walked.provenance().options()).doesNotContainKeys("segments_skipped", "segments_included");
                assertThat(walked.pieces()).isGreaterThanOrEqualTo(declared.pieces());
                assertThat(walked.selectiveP()).isCloseTo(declared.selectiveP(),
                        org.assertj.core.data.Offset.offset(1e-9));
                TruncationSets.assertSame(walked.intervals(), declared.intervals(), 1e-9, declared.sigmaT(),
                        "walked vs certified, image " + trial);
            }
        }
        assertThat(tested).isEqualTo(4);
    }

    @Test
    void aMethodThatDoesNotDeclarePiecewiseLinearHasNoPValue() {
        Network net = TestNetworks.paperCam(8, 5, true);
        SaliencyMethod mapOnly = withCapabilities(new CamMethod.Provider().create(net, Parameters.empty()),
                Set.of(Capabilities.MAP_ONLY));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Selection(CompiledNetwork.compile(net), mapOnly,
                new ThresholdSelector(0), new ReferenceMeanStatistic()))
                .isInstanceOf(org.salientsi.api.error.NotPiecewiseLinearException.class);
    }

    @Test
    void providersDeclareTheMethodLevelCapabilitiesOfTheirMethods() {
        Plugins plugins = Plugins.load();
        Network net = TestNetworks.paperCam(8, 1, true);
        Set<String> methodLevel = Set.of(Capabilities.PIECEWISE_LINEAR, Capabilities.MAP_ONLY,
                Capabilities.BOUNDS_MAPS);
        for (String name : plugins.methods().names()) {
            Set<String> declared = new java.util.TreeSet<>(plugins.methods().get(name).capabilities());
            declared.retainAll(methodLevel);
            // segmentation needs a spatial node: a channel of the first convolution
            Parameters options = name.equals("segmentation")
                    ? Parameters.empty().with("segmentation-node", net.node(1).name()).with("segmentation-channel", "0")
                    : Parameters.empty();
            // attention needs a Vision Transformer
            SaliencyMethod m = plugins.method(name, name.equals("attention")
                    ? org.salientsi.methods.testkit.VitNetworks.vit(8, 8, 4, 4, 2, 1, 1) : net, options);
            assertThat(new java.util.TreeSet<>(m.capabilities())).as(name).isEqualTo(declared);
        }
    }

    private static SelectiveResult run(SaliencyMethod method, RegionSelector selector, Network net, Observation obs) {
        Selection s = new Selection(CompiledNetwork.compile(net), method, selector, new ReferenceMeanStatistic());
        return SelectiveTest.withDefaults().withConfidenceLevel(0).run(s, obs, Provenance.empty());
    }

    private static SaliencyMethod withCapabilities(SaliencyMethod m, Set<String> capabilities) {
        return new SaliencyMethod() {
            @Override
            public String name() {
                return m.name();
            }

            @Override
            public Set<String> capabilities() {
                return capabilities;
            }

            @Override
            public int[] requiredNodes() {
                return m.requiredNodes();
            }

            @Override
            public SaliencyMap map(PointEvaluation at) {
                return m.map(at);
            }

            @Override
            public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
                return m.lineMap(line, observed, map);
            }

            @Override
            public boolean mapBounds(LineBounds bounds, SaliencyMap observed, double[] lower, double[] upper) {
                return m.mapBounds(bounds, observed, lower, upper);
            }

            @Override
            public boolean choicesHold(LineBounds bounds, SaliencyMap observed) {
                return m.choicesHold(bounds, observed);
            }
        };
    }

    private static RegionSelector withCapabilities(RegionSelector s, Set<String> capabilities) {
        return new RegionSelector() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public org.salientsi.api.image.Region select(SaliencyMap map) {
                return s.select(map);
            }

            @Override
            public void select(LinearMap map, Decisions decisions, RegionMask out) {
                s.select(map, decisions, out);
            }

            @Override
            public Set<String> capabilities() {
                return capabilities;
            }

            @Override
            public boolean excludes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
                return s.excludes(lower, upper, height, width, observed);
            }

            @Override
            public boolean includes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
                return s.includes(lower, upper, height, width, observed);
            }
        };
    }
}
