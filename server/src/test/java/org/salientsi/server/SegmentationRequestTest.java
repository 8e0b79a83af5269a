package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmentation method reaches the server through the plugin registry: a test request for the Keras
 * U-Net with {@code "method": "segmentation"} is answered 200 with a tested result (against the
 * background, no reference), and asking for it on a classifier is a 400 whose detail says why.
 */
class SegmentationRequestTest {

    /** backend-dl4j's Keras U-Net fixture (make_keras_unet.py). */
    private static final Path UNET = Path.of("..", "backend-dl4j", "src", "test", "resources", "org", "salientsi",
            "backend", "dl4j", "keras", "functional_unet.h5");

    @TempDir
    Path dir;

    @Test
    void aSegmentationRequestIsAnsweredAndAClassifierIsRefused() throws IOException {
        Path models = ServeFixture.models(dir, 8);
        Files.copy(UNET, models.resolve("unet.h5"));
        try (ServeFixture serve = new ServeFixture(models, 1, 4)) {
            ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "unet").put("sigma", 1)
                    .put("method", "segmentation").put("selector", "threshold:0").put("statistic", "contrast");
            r.set("image", ServeFixture.nested(TestImages.image(21, 8, 1, 3.0), 8));
            ServeFixture.Response ok = serve.post(r);
            assertThat(ok.status()).as("%s", ok).isEqualTo(200);
            JsonNode j = ok.json();
            assertThat(j.get("provenance").get("method").asText()).isEqualTo("segmentation");
            assertThat(j.get("outcome").asText()).isIn("tested", "no_region", "full_region");
            if (j.get("outcome").asText().equals("tested")) {
                assertThat(j.get("selective_p").asDouble()).isBetween(0.0, 1.0);
                assertThat(j.get("region").size()).isEqualTo(8);
            }
            ObjectNode bad = ServeFixture.validRequest().put("method", "segmentation");
            ServeFixture.Response refused = serve.post(bad);
            assertThat(refused.status()).as("%s", refused).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).contains("spatial output");
        }
    }
}
