package org.salientsi.methods.occlusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.Selection;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.selector.ThresholdSelector;
import org.salientsi.methods.testkit.Fixtures;

/** Occlusion maps against a direct recomputation, and its refusal of selective inference. */
class OcclusionMethodTest {

    private static final OcclusionMethod.Provider OCCLUSION = new OcclusionMethod.Provider();

    @Test
    void eachPixelGetsTheMeanLogitDropOverThePatchesThatCoverIt() {
        Network net = Fixtures.twoChannelClassifier(6, 41);
        int logits = net.node("logits").orElseThrow().id();
        double[] x = Gaussian.vector(new SplittableRandom(42), 72, 1);
        SaliencyMethod m = OCCLUSION.create(net, Parameters.empty().with("target", "2").with("window", "3")
                .with("stride", "2").with("baseline", "0.5"));
        SaliencyMap map = m.map(CompiledNetwork.compile(net).pointEvaluator().evaluate(x));
        double base = Fixtures.value(net, logits, x)[2];
        // patch corners along each axis of 6 with window 3, stride 2: 0, 2 and the border-touching 3
        int[] starts = {0, 2, 3};
        double[] sum = new double[36];
        int[] count = new int[36];
        for (int h0 : starts) {
            for (int w0 : starts) {
                double[] occluded = x.clone();
                for (int c = 0; c < 2; c++) {
                    for (int h = h0; h < h0 + 3; h++) {
                        for (int w = w0; w < w0 + 3; w++) {
                            occluded[c * 36 + h * 6 + w] = 0.5;
                        }
                    }
                }
                double drop = base - Fixtures.value(net, logits, occluded)[2];
                for (int h = h0; h < h0 + 3; h++) {
                    for (int w = w0; w < w0 + 3; w++) {
                        sum[h * 6 + w] += drop;
                        count[h * 6 + w]++;
                    }
                }
            }
        }
        for (int i = 0; i < 36; i++) {
            assertThat(map.values()[i]).isCloseTo(sum[i] / count[i], within(1e-12));
        }
    }

    @Test
    void askingForAPValueIsATypedErrorSayingTheMethodIsNotPiecewiseLinear() {
        Network net = Fixtures.twoChannelClassifier(6, 43);
        SaliencyMethod m = OCCLUSION.create(net, Parameters.empty());
        assertThat(m.can(Capabilities.PIECEWISE_LINEAR)).isFalse();
        assertThat(OCCLUSION.capabilities()).contains(Capabilities.MAP_ONLY);
        CompiledNetwork program = CompiledNetwork.compile(net);
        assertThatThrownBy(() -> new Selection(program, m, new ThresholdSelector(0), new ReferenceMeanStatistic()))
                .isInstanceOf(NotPiecewiseLinearException.class)
                .hasMessageContaining("'occlusion' is not piecewise linear in the input");
        LineEvaluator line = program.lineEvaluator(m.requiredNodes());
        line.setLine(new double[72], new double[72]);
        line.evaluate(0);
        PointEvaluator point = program.pointEvaluator();
        SaliencyMap observed = m.map(point.evaluate(new double[72]));
        assertThatThrownBy(() -> m.lineMap(line, observed, LinearMap.zeros(6, 6)))
                .isInstanceOf(NotPiecewiseLinearException.class);
        assertThatThrownBy(() -> OCCLUSION.create(net, Parameters.empty().with("window", "7")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("option window");
    }
}
