package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.core.multiplicity.BenjaminiHochberg;
import org.salientsi.facade.Images;
import org.salientsi.facade.SalientSI;
import org.salientsi.facade.SalientTester;
import org.salientsi.server.ServeFixture;

/**
 * Nothing to test is an outcome, not an error (DESIGN.md section 4): a null image whose CAM selects no pixel under
 * the paper's 8x8 model makes {@code test} print the result with {@code "outcome": "no_region"}, the map and no
 * p-value, and exit 3; {@code batch} writes its line, counts it as a success and adjusts over the tested images
 * only; the schemas accept these results and refuse a p-value in them.
 */
class NothingToTestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "classpath:org/salientsi/api/result/";

    @TempDir
    static Path dir;

    static Path model;
    /** Null images and their references: the first selects no pixel, the others select some. */
    static final List<Path> IMAGES = new ArrayList<>();
    static final List<Path> REFERENCES = new ArrayList<>();
    static SelectiveResult facadeResult;

    /**
     * Draws seeded null images (and a fresh reference each) until one selects no pixel and three select some,
     * as the facade sees them.
     */
    @BeforeAll
    static void draw() throws Exception {
        model = TestData.paperModel(8);
        Path images = Files.createDirectories(dir.resolve("images"));
        Path refs = Files.createDirectories(dir.resolve("refs"));
        Path empty = null;
        List<Path> tested = new ArrayList<>();
        try (SalientTester tester = SalientSI.builder().model(model).method("cam").selector("threshold:0")
                .statistic("ref-mean").sigma(1).build()) {
            for (long seed = 300; empty == null || tested.size() < 3; seed += 2) {
                assertThat(seed).as("no null image of 40 selected no pixel").isLessThan(380);
                String name = "null-" + seed + ".npy";
                Path x = TestData.writeGrey(images.resolve(name), seed, 8, 0);
                Path r = TestData.writeGrey(refs.resolve(name), seed + 1, 8, 0);
                SelectiveResult result = tester.test(Images.read(x, tester.imageShape()),
                        Images.read(r, tester.imageShape()));
                if (result.tested() && tested.size() < 3) {
                    tested.add(x);
                } else if (!result.tested() && empty == null) {
                    empty = x;
                    facadeResult = result;
                } else {
                    Files.delete(x);
                    Files.delete(r);
                }
            }
        }
        IMAGES.add(empty);
        IMAGES.addAll(tested);
        for (Path x : IMAGES) {
            REFERENCES.add(refs.resolve(x.getFileName()));
        }
    }

    private static CliRun test(Path image, Path reference, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model.toString(), "--image", image.toString(),
                "--sigma", "1"));
        if (reference != null) {
            a.addAll(List.of("--reference", reference.toString()));
        }
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    private static CliRun noRegionJson;

    /** {@code test --json} on the image that selects no pixel, run once for the tests that read it. */
    private static synchronized CliRun noRegionJson() {
        if (noRegionJson == null) {
            noRegionJson = test(IMAGES.get(0), REFERENCES.get(0), "--json");
        }
        return noRegionJson;
    }

    private static JsonSchema schema(String name) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SCHEMAS + name));
    }

    @Test
    void theFacadeGivesTheNoRegionOutcomeWithTheMapAndNoPValue() throws Exception {
        assertThat(facadeResult.outcome()).isEqualTo(Outcome.NO_REGION);
        assertThat(facadeResult.selectiveP()).isNull();
        assertThat(facadeResult.ocP()).isNull();
        assertThat(facadeResult.naiveP()).isNull();
        assertThat(facadeResult.region().isEmpty()).isTrue();
        assertThat(facadeResult.map().height()).isEqualTo(8);
        // the map explains the outcome: CAM >= 0 nowhere
        assertThat(java.util.Arrays.stream(facadeResult.map().values()).max().orElseThrow()).isNegative();
        try (SalientTester tester = SalientSI.builder().model(model).method("cam").sigma(1).build()) {
            Image x = Images.read(IMAGES.get(0), tester.imageShape());
            double[] expected = tester.map(x).values();
            assertThat(facadeResult.map().values()).containsExactly(expected);
        }
    }

    @Test
    void testPrintsTheNoRegionResultAndExits3() throws Exception {
        CliRun r = noRegionJson();
        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.EXIT_NOTHING_TO_TEST).isEqualTo(3);
        assertThat(r.err()).as("%s", r).isEmpty();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("no_region");
        assertThat(j.get("selective_p").isNull()).isTrue();
        assertThat(j.get("oc_p").isNull()).isTrue();
        assertThat(j.get("naive_p").isNull()).isTrue();
        assertThat(j.get("p_bounds").isNull()).isTrue();
        assertThat(j.get("region_size").asInt()).isZero();
        assertThat(j.get("map").size()).isEqualTo(8);
        assertThat(j.get("map").get(0).size()).isEqualTo(8);
        assertThat(j.get("map").get(3).get(5).asDouble()).isEqualTo(facadeResult.map().get(3, 5));
        assertThat(schema("test-result.schema.json").validate(j)).isEmpty();
    }

    @Test
    void testSaysSoInText() {
        CliRun r = test(IMAGES.get(0), REFERENCES.get(0));
        assertThat(r.code()).as("%s", r).isEqualTo(3);
        assertThat(r.out()).contains("no_region").contains("no p-value").doesNotContain("selective p");
    }

    @Test
    void contrastWithEveryPixelSelectedIsTheFullRegionOutcome() throws Exception {
        // the bright block of seed 11 makes CAM >= 0 everywhere: no background to compare the region with
        Path x = TestData.writeGrey(dir.resolve("bright.npy"), 11, 8, 3.0);
        CliRun r = test(x, null, "--statistic", "contrast", "--json");
        assertThat(r.code()).as("%s", r).isEqualTo(3);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("full_region");
        assertThat(j.get("region_size").asInt()).isEqualTo(64);
        assertThat(j.get("selective_p").isNull()).isTrue();
        assertThat(schema("test-result.schema.json").validate(j)).isEmpty();
    }

    @Test
    void aTestedImageStillExits0WithOutcomeTested() throws Exception {
        CliRun r = test(IMAGES.get(1), REFERENCES.get(1), "--json");
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("tested");
        assertThat(j.has("map")).isFalse();
        assertThat(j.get("selective_p").isNumber()).isTrue();
    }

    @Test
    void batchWritesTheLineCountsItAsASuccessAndAdjustsOverTestedImagesOnly() throws Exception {
        CliRun r = CliRun.of("batch", "--model", model.toString(), "--images", dir.resolve("images").toString(),
                "--paired-references", dir.resolve("refs").toString(), "--sigma", "1", "--json", "--quiet");
        assertThat(r.code()).as("%s", r).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(IMAGES.size());
        JsonSchema batchLine = schema("batch-line.schema.json");
        List<Double> p = new ArrayList<>();
        List<Double> bh = new ArrayList<>();
        int untested = 0;
        for (String line : lines) {
            JsonNode j = JSON.readTree(line);
            assertThat(batchLine.validate(j)).as(line).isEmpty();
            assertThat(j.has("error")).isFalse();
            if (j.get("outcome").asText().equals("tested")) {
                p.add(j.get("selective_p").asDouble());
                bh.add(j.get("bh_p").asDouble());
            } else {
                untested++;
                assertThat(j.get("image").asText()).isEqualTo(IMAGES.get(0).getFileName().toString());
                assertThat(j.get("outcome").asText()).isEqualTo("no_region");
                assertThat(j.get("bh_p").isNull()).isTrue();
            }
        }
        assertThat(untested).isEqualTo(1);
        assertThat(p).hasSize(3);
        // BH over m = 3 tested images, not over the 4 lines
        double[] expected = BenjaminiHochberg.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(bh).containsExactly(expected[0], expected[1], expected[2]);
    }

    @Test
    void batchTextCountsTheImageWithNothingToTest() {
        CliRun r = CliRun.of("batch", "--model", model.toString(), "--images", dir.resolve("images").toString(),
                "--paired-references", dir.resolve("refs").toString(), "--sigma", "1", "--quiet");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("4 images: 3 tested, 0 failed, 1 with nothing to test");
    }

    @Test
    void theSchemasRefuseAPValueWithoutATestAndAMissingMap() throws Exception {
        JsonNode j = JSON.readTree(noRegionJson().out());
        JsonSchema s = schema("test-result.schema.json");
        assertThat(s.validate(((ObjectNode) j.deepCopy()).put("selective_p", 0.5))).isNotEmpty();
        assertThat(s.validate(((ObjectNode) j.deepCopy()).without("map"))).isNotEmpty();
        assertThat(s.validate(((ObjectNode) j.deepCopy()).put("outcome", "empty"))).isNotEmpty();
        assertThat(s.validate(((ObjectNode) j.deepCopy()).without("outcome"))).isNotEmpty();
        JsonSchema b = schema("batch-line.schema.json");
        assertThat(b.validate(((ObjectNode) j.deepCopy()).putNull("bh_p"))).isEmpty();
        assertThat(b.validate(((ObjectNode) j.deepCopy()).put("bh_p", 0.5))).isNotEmpty();
    }

    /** The same seeded files through the server: a 200 answer with the outcome, equal to the command line's. */
    @Test
    void serveAnswers200WithTheOutcome() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.copy(model, models.resolve("model_8.h5"));
        try (ServeFixture serve = new ServeFixture(models, 1, 2)) {
            ObjectNode body = ServeFixture.request("model_8", IMAGES.get(0), REFERENCES.get(0),
                    b -> { });
            ServeFixture.Response a = serve.post(body);
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(a.json().get("outcome").asText()).isEqualTo("no_region");
            assertThat(a.json().get("selective_p").isNull()).isTrue();
            assertThat(schema("test-result.schema.json").validate(a.json())).isEmpty();
            JsonNode cli = JSON.readTree(noRegionJson().out());
            assertThat(ServeFixture.comparable(a.json()))
                    .isEqualTo(ServeFixture.comparable(cli));
        }
    }
}
