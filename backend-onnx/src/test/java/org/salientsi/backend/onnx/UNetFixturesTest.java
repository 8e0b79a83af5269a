package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.io.Npy;

/**
 * The U-Nets exported from PyTorch translate to a network with one {@link ConvTranspose} that ends in a
 * sigmoid, and the IR's logit plane (the sigmoid's input) equals PyTorch's float64 logits (the model
 * converted to double) on the manifest's images, to float32 rounding of the exported weights.
 */
class UNetFixturesTest {

    @Test
    void theIrLogitsEqualPyTorchs() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(UNetFixtures.dir().resolve("manifest.json").toFile());
        OnnxBackendProvider provider = new OnnxBackendProvider();
        int checked = 0;
        for (JsonNode m : manifest.get("models")) {
            Path file = UNetFixtures.dir().resolve(m.get("model").asText());
            try (LoadedModel model = provider.backend().load(file, Parameters.empty())) {
                Network net = model.network();
                assertThat(net.nodes().stream().map(Node::op).filter(ConvTranspose.class::isInstance).count())
                        .as("%s transposed convolutions", file).isEqualTo(1);
                Node out = net.node(net.output());
                assertThat(out.op()).isInstanceOf(Sigmoid.class);
                int logit = out.input(0);
                PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
                for (JsonNode img : m.get("images")) {
                    Image x = Npy.read(UNetFixtures.dir().resolve(img.get("input").asText())).toImage();
                    double[] want = Npy.read(UNetFixtures.dir().resolve(img.get("logit").asText())).toImage()
                            .toChw();
                    double[] got = point.evaluate(x.toChw()).value(logit);
                    assertThat(got).hasSameSizeAs(want);
                    double scale = 0;
                    for (double w : want) {
                        scale = Math.max(scale, Math.abs(w));
                    }
                    for (int i = 0; i < got.length; i++) {
                        // float32 weights widened exactly; torch's double model uses the same values
                        assertThat(got[i]).as("%s pixel %d", file, i).isCloseTo(want[i], within(1e-9 * scale));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6);
    }
}
