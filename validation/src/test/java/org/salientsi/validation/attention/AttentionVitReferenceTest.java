package org.salientsi.validation.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.plugin.Plugins;

/**
 * The attention method on the ViTs exported from PyTorch equals PyTorch's own class-token attention rows
 * (float64, {@code vit_reference.json}) on the three reference images: the last block averaged over the heads
 * (the default), each head ({@code head=K}) and the first block ({@code attention-node}), each patch's value on
 * its 4 x 4 pixels; the reported target is PyTorch's arg-max logit.
 */
class AttentionVitReferenceTest {

    private static final Plugins PLUGINS = Plugins.load();
    /** The float32 weights in float64 arithmetic against torch float64: agreement to rounding. */
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(ints = {16, 32})
    void mapsEqualPyTorchsClassTokenAttention(int size) {
        Network net = VitFixtures.network(size);
        JsonNode ref = VitFixtures.reference(size);
        int tokens = ref.get("tokens").asInt();
        int side = (int) Math.round(Math.sqrt(tokens - 1));
        int patch = size / side;
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        String first = ref.get("softmax").get(0).get("output").asText();
        SaliencyMethod last = PLUGINS.method("attention", net, Parameters.empty());
        SaliencyMethod head1 = PLUGINS.method("attention", net, Parameters.empty().with("head", "1"));
        SaliencyMethod block0 = PLUGINS.method("attention", net, Parameters.empty().with("attention-node", first));
        for (JsonNode image : ref.get("images")) {
            double[] x = new double[size * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = image.get("image").get(i).asDouble();
            }
            point.evaluate(x);
            JsonNode rows = image.get("cls_attention");
            SaliencyMap mean = last.map(point);
            SaliencyMap one = head1.map(point);
            SaliencyMap firstBlock = block0.map(point);
            for (int y = 0; y < size; y++) {
                for (int w = 0; w < size; w++) {
                    int token = 1 + (y / patch) * side + w / patch;
                    double h0 = rows.get(1).get(0).get(token).asDouble();
                    double h1 = rows.get(1).get(1).get(token).asDouble();
                    double b0 = (rows.get(0).get(0).get(token).asDouble() + rows.get(0).get(1).get(token).asDouble())
                            / 2;
                    String at = "image " + image.get("index").asInt() + " pixel (" + y + ", " + w + ")";
                    assertThat(mean.get(y, w)).as(at).isCloseTo((h0 + h1) / 2, within(TOLERANCE));
                    assertThat(one.get(y, w)).as(at).isCloseTo(h1, within(TOLERANCE));
                    assertThat(firstBlock.get(y, w)).as(at).isCloseTo(b0, within(TOLERANCE));
                }
            }
            JsonNode logits = image.get("logits");
            assertThat(mean.target()).isEqualTo(logits.get(1).asDouble() > logits.get(0).asDouble() ? 1 : 0);
        }
    }
}
