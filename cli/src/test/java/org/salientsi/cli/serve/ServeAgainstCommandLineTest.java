package org.salientsi.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;
import org.salientsi.facade.ErrorMessages;
import org.salientsi.server.ServeFixture;

/**
 * {@code serve} against the command line: the same results for the same input (apart from wall time
 * and provenance), the same one-line messages for bad input (as 400, options named as the request's fields), and the
 * command's own option errors.
 * The paper's 8x8 and 16x16 models. (The server alone is tested in the server module.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeAgainstCommandLineTest {

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

    /** The same test as a request on the 8x8 model: the files as base64 .npy bytes named by their file names. */
    private static ObjectNode request(String image, String reference, Consumer<ObjectNode> extra) {
        return ServeFixture.request("model_8", f(image), reference == null ? null : f(reference), extra);
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
    void chiStatisticGivesTheCommandLineResultWithItsDistribution() {
        ServeFixture.Response served = serve.post(request("x.npy", "r.npy", r -> r.put("statistic", "ref-chi")));
        assertSameResult(served, cli("x.npy", "r.npy", "--statistic", "ref-chi"));
        assertThat(served.json().get("statistic_distribution").asText()).isEqualTo("chi");
        assertThat(served.json().get("degrees_of_freedom").asInt()).isEqualTo(served.json().get("region_size").asInt());
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
        // the command line's message, with each option named as the request's field
        assertThat("salientsi: " + served.json().get("detail").asText())
                .isEqualTo(ErrorMessages.inFieldNames(cli.err().strip()));
        assertThat(served.json().get("detail").asText()).doesNotContain("--");
    }

    @Test
    void badServerOptionsAreRefusedWithTheOptionsName() {
        CliRun threads = CliRun.of("serve", "--port", "0", "--threads", "0", "--models", models.toString());
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err().strip()).isEqualTo("salientsi: --threads must be >= 1, got 0");
    }
}
