package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request fields {@code components} and {@code min-component-size} of {@code POST /v1/test}: the answer adds
 * the components (covering the region, each with its own test, not adjusted), and bad values get 400 naming the
 * field. The paper's 8x8 model.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComponentsRequestTest {

    @TempDir
    static Path dir;

    static ServeFixture serve;

    @BeforeAll
    static void start() throws IOException {
        Path models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8);
        TestImages.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        TestImages.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        serve = new ServeFixture(models, 1, 4);
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private static ObjectNode request(Consumer<ObjectNode> extra) {
        return ServeFixture.request("model_8", dir.resolve("x.npy"), dir.resolve("r.npy"), extra);
    }

    @Test
    void theAnswerListsEachComponentWithItsTest() {
        ServeFixture.Response r = serve.post(request(b -> b.put("components", 8).put("selector", "threshold:0")));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode n = r.json();
        assertThat(n.get("connectivity").asInt()).isEqualTo(8);
        assertThat(n.get("min_component_size").asInt()).isEqualTo(1);
        assertThat(n.get("fdr_method").asText()).as("Benjamini-Yekutieli within the image by default").isEqualTo("by");
        int covered = 0;
        java.util.List<double[]> pq = new java.util.ArrayList<>();
        for (JsonNode c : n.get("components")) {
            covered += c.get("size").asInt();
            assertThat(c.get("selective_p").asDouble()).isBetween(0.0, 1.0);
            pq.add(new double[] {c.get("p_bounds").get(1).asDouble(), c.get("fdr_p").asDouble()});
        }
        // Benjamini-Yekutieli by its definition: min over j >= rank of m c(m) p_(j) / j, capped at 1
        int m = pq.size();
        double cm = 0;
        for (int i = 1; i <= m; i++) {
            cm += 1.0 / i;
        }
        for (double[] a : pq) {
            double want = 1;
            for (double[] b : pq) {
                if (b[0] >= a[0]) {
                    long rank = pq.stream().filter(c -> c[0] <= b[0]).count();
                    want = Math.min(want, m * cm * b[0] / rank);
                }
            }
            assertThat(a[1]).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(n.get("components")).isNotEmpty();
        assertThat(covered).isEqualTo(n.get("region_size").asInt());
        assertThat(n.get("image").asText()).isEqualTo("x.npy");
    }

    @Test
    void badComponentFieldsGet400NamingTheField() {
        assertBad(serve.post(request(b -> b.put("components", 5))), "components", "4 or 8");
        assertBad(serve.post(request(b -> b.put("components", "eight"))), "components");
        assertBad(serve.post(request(b -> b.put("components", 4).put("min-component-size", -1))),
                "min-component-size", ">= 1");
        assertBad(serve.post(request(b -> b.put("min-component-size", 2))), "min-component-size", "components");
        assertBad(serve.post(request(b -> b.put("fdr", "by"))), "fdr", "components");
        assertBad(serve.post(request(b -> b.put("components", 4).put("fdr", "holm"))), "fdr", "by");
    }

    private static void assertBad(ServeFixture.Response r, String... names) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains(names).doesNotContain("\n").doesNotContain("--");
        assertThat(r.json().get("error_kind").asText()).isEqualTo("bad-input");
    }
}
