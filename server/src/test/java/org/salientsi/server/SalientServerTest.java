package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.core.plugin.Plugins;

/**
 * The server on its own: malformed requests get 400 naming the problem, the endpoints, the body limit, bad
 * configurations, and the graceful stop. The paper's 8x8 and 16x16 models. (That a request gives the result
 * and the messages of {@code salientsi test} is checked by the command line's ServeAgainstCommandLineTest.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SalientServerTest {

    @TempDir
    static Path dir;

    static Path models;
    static ServeFixture serve;

    @BeforeAll
    static void start() throws IOException {
        models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8, 16);
        Files.writeString(models.resolve("README.md"), "not a model: skipped\n");
        TestImages.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        TestImages.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        Files.createDirectories(dir.resolve("empty"));
        serve = new ServeFixture(models, 2, 16);
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private static Path f(String name) {
        return dir.resolve(name);
    }

    /** The same test as a request on the 8x8 model: the files as base64 .npy bytes named by their file names. */
    private static ObjectNode request(String image, String reference, Consumer<ObjectNode> extra) {
        return ServeFixture.request("model_8", f(image), reference == null ? null : f(reference), extra);
    }

    @Test
    void malformedRequestsGet400NamingTheProblem() {
        assertBad(serve.post("/v1/test", "{\"model\": "), "the request body is not valid JSON");
        assertBad(serve.post("/v1/test", "[1, 2]"), "must be a JSON object");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.put("sigmaa", 1))), "unknown field 'sigmaa'");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.remove("model"))), "missing required field 'model'");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.put("model", "model_99"))),
                "unknown model 'model_99'; known: model_16, model_8");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.put("sigma", "one"))),
                "field 'sigma': 'one' is not a number");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.put("target", 1.5))),
                "field 'target': '1.5' is not an integer");
        ArrayNode ragged = ServeFixture.nested(TestImages.image(1, 8, 1, 0), 8);
        ((ArrayNode) ragged.get(3)).remove(7);
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("image", ragged))), "image is not rectangular");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("image", ServeFixture.JSON.createObjectNode()
                .put("npy", "%%%")))), "image.npy is not valid base64");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("references", r.get("reference")))),
                "'reference' and 'references' are mutually exclusive");
        ServeFixture.Response noNoise = serve.post(request("x.npy", "r.npy", r -> r.putNull("sigma")));
        assertBad(noNoise, "missing field 'sigma' or 'covariance'");
    }

    private static void assertBad(ServeFixture.Response r, String message) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains(message);
        assertThat(r.json().get("detail").asText()).doesNotContain("\n").doesNotContain("--");
        assertThat(r.json().get("error_kind").asText()).isEqualTo("bad-input");
    }

    @Test
    void modelsHealthAndUnknownEndpoints() throws IOException {
        JsonNode list = serve.get("/v1/models").json().get("models");
        assertThat(list).extracting(n -> n.get("name").asText()).containsExactly("model_16", "model_8");
        assertThat(list.get(1).get("image_shape").toString()).isEqualTo("[8,8,1]");
        assertThat(list.get(1).get("backend").asText()).startsWith("dl4j ");
        assertThat(list.get(1).get("sha256").asText()).hasSize(64);
        ServeFixture.Response health = serve.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("workers").asInt()).isEqualTo(2);
        assertThat(serve.get("/v1/test").status()).isEqualTo(405);
        assertThat(serve.post("/health", "{}").status()).isEqualTo(405);
        ServeFixture.Response missing = serve.get("/v2/everything");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("POST /v1/test");
    }

    @Test
    void aBodyBeyondTheLimitGets413() throws IOException {
        try (ServeFixture small = new ServeFixture(
                ServeFixture.models(Files.createDirectories(dir.resolve("small")), 8),
                new SalientServer.Config("127.0.0.1", 0, 1, 1, 1000))) {
            ServeFixture.Response r = small.post(request("x.npy", "r.npy", n -> { }));
            assertThat(r.status()).as("%s", r).isEqualTo(413);
            assertThat(r.json().get("detail").asText()).contains("larger than 1000 bytes");
        }
    }

    @Test
    void badServerOptionsAndFoldersAreRefusedWithTheOptionsName() {
        assertThatThrownBy(() -> new SalientServer.Config("127.0.0.1", 0, 0, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessage("--threads must be >= 1, got 0");
        assertThatThrownBy(() -> new SalientServer.Config("127.0.0.1", 0, 1, -1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessage("--queue must be >= 0, got -1");
        assertThatThrownBy(() -> new SalientServer.Config("127.0.0.1", 70000, 1, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--port must be in 0..65535");
        assertThatThrownBy(() -> ModelCatalog.load(Plugins.load(), dir.resolve("no-such-folder")))
                .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("is not a folder");
        assertThatThrownBy(() -> ModelCatalog.load(Plugins.load(), dir.resolve("empty")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds no model file");
    }

    /**
     * A graceful stop while requests run and wait: every admitted request is answered with its result,
     * requests after the stop are refused, and the port is closed afterwards.
     */
    @Test
    void stopFinishesAdmittedRequestsThenCloses() throws Exception {
        ServeFixture own = new ServeFixture(ServeFixture.models(Files.createDirectories(dir.resolve("own")), 16), 1, 8);
        ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "model_16").put("sigma", 1);
        r.set("image", ServeFixture.nested(TestImages.image(41, 16, 1, 2.0), 16));
        r.set("reference", ServeFixture.nested(TestImages.image(42, 16, 1, 0), 16));
        ServeFixture.Response alone = own.post(r);
        assertThat(alone.status()).as("%s", alone).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<ServeFixture.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> own.post(r)));
            }
            // wait until all four are admitted (one running, three queued), then stop
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode h = own.get("/health").json();
                if (h.get("running").asInt() + h.get("waiting").asInt() == 4
                        || answers.stream().allMatch(Future::isDone)) {
                    break;
                }
                Thread.sleep(2);
            }
            own.server().stop(Duration.ofSeconds(60));
            for (Future<ServeFixture.Response> a : answers) {
                ServeFixture.Response done = a.get(60, TimeUnit.SECONDS);
                assertThat(done.status()).as("%s", done).isIn(200, 503);
                if (done.status() == 200) {
                    assertThat(ServeFixture.comparable(done.json())).isEqualTo(ServeFixture.comparable(alone.json()));
                }
            }
            assertThat(answers.stream().filter(a -> {
                try {
                    return a.get().status() == 200;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count()).as("requests admitted before the stop").isEqualTo(4);
            assertThatThrownBy(() -> own.get("/health")).isInstanceOf(UncheckedIOException.class);
        } finally {
            clients.shutdownNow();
            own.close();
        }
    }
}
