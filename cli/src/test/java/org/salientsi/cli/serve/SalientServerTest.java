package org.salientsi.cli.serve;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;
import org.salientsi.core.plugin.Plugins;

/**
 * {@code serve} against the command line: the same results for the same input (apart from wall time
 * and provenance), the same one-line messages for bad input (as 400), the endpoints, and the graceful
 * stop. The paper's 8x8 and 16x16 models.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SalientServerTest {

    @TempDir
    static Path dir;

    static Path models;
    static Path model8;
    static ServeFixture serve;

    @BeforeAll
    static void start() throws IOException {
        models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8, 16);
        Files.writeString(models.resolve("README.md"), "not a model: skipped\n");
        model8 = models.resolve("model_8.h5");
        TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        TestData.writeGrey(dir.resolve("r2.npy"), 13, 8, 0);
        TestData.writeGrey(dir.resolve("big.npy"), 13, 16, 0);
        TestData.writeGrey(dir.resolve("x16.npy"), 14, 16, 2.0);
        double[] nan = TestData.image(15, 8, 1, 0);
        nan[9] = Double.NaN;
        TestData.write(dir.resolve("nan.npy"), new int[] {8, 8}, nan);
        double[] inf = TestData.image(16, 8, 1, 0);
        inf[63] = Double.POSITIVE_INFINITY;
        TestData.write(dir.resolve("inf.npy"), new int[] {8, 8}, inf);
        TestData.write(dir.resolve("refnan.npy"), new int[] {8, 8}, nan);
        Files.write(dir.resolve("empty.npy"), new byte[0]);
        Files.writeString(dir.resolve("text.npy"), "this is not a numpy array\n");
        byte[] good = Files.readAllBytes(dir.resolve("x.npy"));
        Files.write(dir.resolve("cut.npy"), Arrays.copyOf(good, good.length - 100));
        Files.copy(TestData.resource("/npy/int32.npy"), dir.resolve("int32.npy"));
        Files.copy(TestData.resource("/npy/rank4.npy"), dir.resolve("rank4.npy"));
        TestData.write(dir.resolve("flat.npy"), new int[] {64}, TestData.image(17, 8, 1, 0));
        TestData.write(dir.resolve("cov3.npy"), new int[] {3, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] notSpd = new double[64 * 64];
        double[] spd = new double[64 * 64];
        for (int i = 0; i < 64; i++) {
            notSpd[i * 64 + i] = i == 5 ? -1 : 1;
            spd[i * 64 + i] = 1 + i / 64.0;
            if (i > 0) {
                spd[i * 64 + i - 1] = 0.3;
                spd[(i - 1) * 64 + i] = 0.3;
            }
        }
        TestData.write(dir.resolve("cov-neg.npy"), new int[] {64, 64}, notSpd);
        TestData.write(dir.resolve("cov.npy"), new int[] {64, 64}, spd);
        Files.createDirectories(dir.resolve("refs"));
        Files.copy(dir.resolve("r.npy"), dir.resolve("refs/r.npy"));
        Files.copy(dir.resolve("r2.npy"), dir.resolve("refs/r2.npy"));
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

    /** The command line's {@code test --json} on the 8x8 model with sigma 1 (unless given), then extras. */
    private static CliRun cli(String image, String reference, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", f(image).toString(),
                "--json"));
        if (reference != null) {
            a.addAll(List.of("--reference", f(reference).toString()));
        }
        a.addAll(List.of(extra));
        if (!a.contains("--sigma") && !a.contains("--covariance")) {
            a.addAll(List.of("--sigma", "1"));
        }
        return CliRun.of(a.toArray(String[]::new));
    }

    /** The same test as a request: the files as base64 .npy bytes named by their file names. */
    private static ObjectNode request(String image, String reference, Consumer<ObjectNode> extra) {
        ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "model_8");
        r.set("image", ServeFixture.npy(f(image)));
        if (reference != null) {
            r.set("reference", ServeFixture.npy(f(reference)));
        }
        extra.accept(r);
        if (!r.has("sigma") && !r.has("covariance")) {
            r.put("sigma", 1);
        }
        return r;
    }

    private static JsonNode json(String text) {
        try {
            return ServeFixture.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSameResult(ServeFixture.Response served, CliRun cli) {
        assertThat(cli.code()).as("%s", cli).isZero();
        assertThat(served.status()).as("%s", served).isEqualTo(200);
        assertThat(ServeFixture.comparable(served.json())).isEqualTo(ServeFixture.comparable(json(cli.out())));
        assertThat(served.json().get("provenance").get("model_sha256"))
                .isEqualTo(json(cli.out()).get("provenance").get("model_sha256"));
    }

    @Test
    void npyRequestGivesTheCommandLineResult() {
        assertSameResult(serve.post(request("x.npy", "r.npy", r -> { })), cli("x.npy", "r.npy"));
    }

    @Test
    void nestedArraysGiveTheCommandLineResultWithTheirOptions() {
        ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "model_8");
        r.set("image", ServeFixture.nested(TestData.image(11, 8, 1, 3.0), 8));
        r.set("reference", ServeFixture.nested(TestData.image(12, 8, 1, 0), 8));
        r.put("sigma", 1.5).put("alternative", "abs").put("termination", "decision:0.05").put("confidence", 0.9)
                .put("statistic", "ref-abs");
        ServeFixture.Response served = serve.post(r);
        CliRun cli = cli("x.npy", "r.npy", "--sigma", "1.5", "--alternative", "abs", "--termination",
                "decision:0.05", "--confidence", "0.9", "--statistic", "ref-abs");
        // an unnamed image: the label is null where the command line has the file name
        ObjectNode expected = (ObjectNode) json(cli.out());
        expected.putNull("image");
        assertThat(served.status()).as("%s", served).isEqualTo(200);
        assertThat(ServeFixture.comparable(served.json())).isEqualTo(ServeFixture.comparable(expected));
    }

    @Test
    void referencesListAndCovarianceGiveTheCommandLineResult() {
        ObjectNode r = request("x.npy", null, n -> {
            n.putArray("references").add(ServeFixture.npy(f("r.npy"))).add(ServeFixture.npy(f("r2.npy")));
            n.set("covariance", ServeFixture.npy(f("cov.npy")));
        });
        assertSameResult(serve.post(r), cli("x.npy", null, "--references", f("refs").toString(), "--covariance",
                f("cov.npy").toString()));
    }

    /** Without a reference, on the 16x16 model (whose CAM leaves a background): {@code contrast}. */
    @Test
    void inImageContrastGivesTheCommandLineResult() {
        CliRun cli = CliRun.of("test", "--model", models.resolve("model_16.h5").toString(), "--image",
                f("x16.npy").toString(), "--sigma", "1", "--json");
        ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "model_16").put("sigma", 1);
        r.set("image", ServeFixture.npy(f("x16.npy")));
        ServeFixture.Response served = serve.post(r);
        assertSameResult(served, cli);
        assertThat(served.json().get("provenance").get("statistic").asText()).isEqualTo("contrast");
    }

    /** A bad input: the command line's arguments and the request that says the same. */
    record Case(String name, String image, String reference, String[] args, Consumer<ObjectNode> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String image, String reference, String[] args, Consumer<ObjectNode> extra) {
        return new Case(name, image, reference, args, extra);
    }

    private static Case option(String name, String option, String value, Consumer<ObjectNode> extra) {
        return c(name, "x.npy", "r.npy", new String[] {option, value}, extra);
    }

    static Stream<Case> badInput() {
        String[] none = {};
        return Stream.of(
                c("empty image file", "empty.npy", "r.npy", none, r -> { }),
                c("corrupt image file (not .npy)", "text.npy", "r.npy", none, r -> { }),
                c("truncated image file", "cut.npy", "r.npy", none, r -> { }),
                c("image of an unsupported dtype (int32)", "int32.npy", "r.npy", none, r -> { }),
                c("image with a NaN pixel", "nan.npy", "r.npy", none, r -> { }),
                c("image with an infinite pixel", "inf.npy", "r.npy", none, r -> { }),
                c("image of rank 4", "rank4.npy", "r.npy", none, r -> { }),
                c("image of rank 1", "flat.npy", "r.npy", none, r -> { }),
                c("image of the wrong size for the model", "big.npy", null, none, r -> { }),
                c("reference of another shape", "x.npy", "big.npy", none, r -> { }),
                c("reference with a NaN pixel", "x.npy", "refnan.npy", none, r -> { }),
                option("sigma zero", "--sigma", "0", r -> r.put("sigma", 0)),
                option("sigma negative", "--sigma", "-1", r -> r.put("sigma", -1)),
                c("covariance of the wrong size", "x.npy", "r.npy",
                        new String[] {"--covariance", f("cov3.npy").toString()},
                        r -> r.set("covariance", ServeFixture.npy(f("cov3.npy")))),
                c("covariance not positive definite", "x.npy", "r.npy",
                        new String[] {"--covariance", f("cov-neg.npy").toString()},
                        r -> r.set("covariance", ServeFixture.npy(f("cov-neg.npy")))),
                option("empty selected region", "--selector", "threshold:1e9", r -> r.put("selector", "threshold:1e9")),
                c("region covering the whole image (contrast)", "x.npy", null,
                        new String[] {"--statistic", "contrast"}, r -> r.put("statistic", "contrast")),
                option("unknown method", "--method", "lime-ish", r -> r.put("method", "lime-ish")),
                option("unknown selector", "--selector", "biggest:3", r -> r.put("selector", "biggest:3")),
                option("selector with a bad argument", "--selector", "threshold:high",
                        r -> r.put("selector", "threshold:high")),
                option("unknown statistic", "--statistic", "median", r -> r.put("statistic", "median")),
                option("unknown alternative", "--alternative", "sideways", r -> r.put("alternative", "sideways")),
                option("unknown termination rule", "--termination", "whenever", r -> r.put("termination", "whenever")),
                option("search range zero", "--range", "0", r -> r.put("range", 0)),
                option("confidence level above 1", "--confidence", "1.5", r -> r.put("confidence", 1.5)),
                option("target beyond the model's outputs", "--target", "5", r -> r.put("target", 5)),
                option("negative target", "--target", "-2", r -> r.put("target", -2)),
                option("unknown CAM layer", "--cam-layer", "no_such_layer", r -> r.put("cam-layer", "no_such_layer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGets400WithTheCommandLineMessage(Case c) {
        CliRun cli = cli(c.image(), c.reference(), c.args());
        ServeFixture.Response served = serve.post(request(c.image(), c.reference(), c.extra()));
        assertThat(cli.code()).as("%s", cli).isEqualTo(2);
        assertThat(served.status()).as("%s", served).isEqualTo(400);
        assertThat(served.json().get("error_kind").asText()).isEqualTo("bad-input");
        assertThat("salientsi: " + served.json().get("error").asText()).isEqualTo(cli.err().strip());
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
                "Invalid value for option '--sigma': 'one' is not a double");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.put("target", 1.5))),
                "Invalid value for option '--target': '1.5' is not an int");
        ArrayNode ragged = ServeFixture.nested(TestData.image(1, 8, 1, 0), 8);
        ((ArrayNode) ragged.get(3)).remove(7);
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("image", ragged))), "image is not rectangular");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("image", ServeFixture.JSON.createObjectNode()
                .put("npy", "%%%")))), "image.npy is not valid base64");
        assertBad(serve.post(request("x.npy", "r.npy", r -> r.set("references", r.get("reference")))),
                "'reference' and 'references' are mutually exclusive");
        ServeFixture.Response noNoise = serve.post(request("x.npy", "r.npy", r -> r.putNull("sigma")));
        assertBad(noNoise, "give the noise with --sigma S or --covariance FILE.npy");
    }

    private static void assertBad(ServeFixture.Response r, String message) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(message);
        assertThat(r.json().get("error").asText()).doesNotContain("\n");
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
        assertThat(missing.json().get("error").asText()).contains("POST /v1/test");
    }

    @Test
    void aBodyBeyondTheLimitGets413() throws IOException {
        try (ServeFixture small = new ServeFixture(
                ServeFixture.models(Files.createDirectories(dir.resolve("small")), 8),
                new SalientServer.Config("127.0.0.1", 0, 1, 1, 1000))) {
            ServeFixture.Response r = small.post(request("x.npy", "r.npy", n -> { }));
            assertThat(r.status()).as("%s", r).isEqualTo(413);
            assertThat(r.json().get("error").asText()).contains("larger than 1000 bytes");
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
        assertThatThrownBy(() -> ModelCatalog.load(Plugins.load(), Files.createDirectories(dir.resolve("refs"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds no model file");
        CliRun threads = CliRun.of("serve", "--port", "0", "--threads", "0", "--models", models.toString());
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err().strip()).isEqualTo("salientsi: --threads must be >= 1, got 0");
    }

    /**
     * A graceful stop while requests run and wait: every admitted request is answered with its result,
     * requests after the stop are refused, and the port is closed afterwards.
     */
    @Test
    void stopFinishesAdmittedRequestsThenCloses() throws Exception {
        ServeFixture own = new ServeFixture(ServeFixture.models(Files.createDirectories(dir.resolve("own")), 16), 1, 8);
        ObjectNode r = ServeFixture.JSON.createObjectNode().put("model", "model_16").put("sigma", 1);
        r.set("image", ServeFixture.nested(TestData.image(41, 16, 1, 2.0), 16));
        r.set("reference", ServeFixture.nested(TestData.image(42, 16, 1, 0), 16));
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
