package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.salientsi.core.plugin.Plugins;

/**
 * Coverage-guided fuzzing of {@code POST /v1/test} bodies (Jazzer), in process and without HTTP: the
 * body goes through the server's own {@link TestEndpoint} (JSON limits, {@link TestRequest},
 * {@link JsonArrays}, the {@code .npy} reader, the test on the paper's 8x8 model). The property:
 * every body gets either a valid result (200, a JSON object with p-values in [0, 1]) or
 * a 4xx answer of the error shape with one line naming the problem; never a 500 or a 503, never an
 * exception out of the endpoint, an out-of-memory error or a hang.
 *
 * <p>By default the committed seeds ({@code TestRequestFuzzTestInputs/postTestBody/}: valid bodies in
 * each form, every family of bad body) run as a regression test; with {@code JAZZER_FUZZ=1} the
 * method fuzzes for at most a minute.
 */
class TestRequestFuzzTest {

    /** The models and the endpoint, loaded once for every input. */
    private static final class Holder {
        static final TestEndpoint ENDPOINT;

        static {
            try {
                Path dir = Files.createTempDirectory("salientsi-fuzz-serve");
                ServeFixture.models(dir, 8).resolve("model_8.h5").toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                ModelCatalog catalog = ModelCatalog.load(Plugins.load(), dir);
                long maxBody = 64L << 20;
                ENDPOINT = new TestEndpoint(catalog, new ObjectMapper(), maxBody,
                        ServeLimits.defaults(maxBody).maxJsonTokens());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "60s")
    void postTestBody(byte[] body) throws IOException {
        TestEndpoint.Answer a = Holder.ENDPOINT.answer(body);
        JsonNode j = JSON.readTree(a.json());
        assertThat(j.isObject()).as("an answer is a JSON object: %s", j).isTrue();
        if (a.status() == 200) {
            assertThat(j.has("selective_p")).as("%s", j).isTrue();
            for (String p : List.of("selective_p", "oc_p", "naive_p")) {
                JsonNode v = j.get(p);
                if (v != null && !v.isNull()) {
                    assertThat(v.asDouble()).as(p).isBetween(0.0, 1.0);
                }
            }
            return;
        }
        assertThat(a.status()).as("status of %s", j).isBetween(400, 499);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).containsExactly("type", "title", "status", "detail", "error_kind");
        assertThat(j.get("detail").asText()).isNotBlank().doesNotContain("\n");
        assertThat(j.get("error_kind").asText()).isIn("bad-input", "numerical");
    }
}
