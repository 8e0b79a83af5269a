package org.salientsi.cli.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;
import org.salientsi.io.Npy;

/** {@code salientsi sanity metrics|masks|invariance} on the paper's 8 x 8 model. */
class SanityCommandTest {

    private static final long IMAGE_SEED = 41L;

    @TempDir
    static Path dir;
    static Path images;
    static Path masks;
    static String model;

    @BeforeAll
    static void images() throws Exception {
        model = TestData.paperModel(8).toString();
        images = Files.createDirectories(dir.resolve("images"));
        masks = Files.createDirectories(dir.resolve("masks"));
        for (int i = 0; i < 6; i++) {
            Npy.write(images.resolve("x" + i + ".npy"), new int[] {8, 8}, TestData.image(IMAGE_SEED + i, 8, 1, 2.0));
            double[] m = new double[64];
            for (int k = 0; k < 16; k++) {
                m[(2 + k / 4) * 8 + 2 + k % 4] = i == 5 ? 0 : 1;
            }
            Npy.write(masks.resolve("x" + i + ".npy"), new int[] {8, 8}, m);
        }
    }

    @Test
    void metricsWritesTheReportAndPrintsAlphaPerMetric() throws Exception {
        Path out = dir.resolve("metrics");
        CliRun r = CliRun.of("sanity", "metrics", "--model", model, "--images", images.toString(), "--steps", "8",
                "--replacement", "dataset-mean,uniform:-1:1", "--bootstrap", "50", "--threads", "2", "--out",
                out.toString(), "--quiet", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("variants")).hasSize(2);
        assertThat(json.get("variants").get(1).get("config").get("replacement").asText()).isEqualTo("uniform:-1:1");
        assertThat(json.get("variants").get(0).get("metrics").get("faithfulness").has("alpha_ordinal")).isTrue();
        assertThat(json.get("provenance").get("model_sha256").asText()).hasSize(64);
        assertThat(out.resolve("index.html")).exists();
        assertThat(out.resolve("scores-v1-abpc.csv")).exists();
        assertThat(out.resolve("alpha.png")).exists();
    }

    @Test
    void masksScoresOnlyImagesWithANonEmptyMask() throws Exception {
        Path out = dir.resolve("masks-report");
        CliRun r = CliRun.of("sanity", "masks", "--model", model, "--images", images.toString(), "--masks",
                masks.toString(), "--methods", "cam,control-sobel", "--out", out.toString(), "--quiet", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("images").asInt()).isEqualTo(5);
        assertThat(json.get("skipped").asInt()).isEqualTo(1);
        assertThat(json.get("methods").get("cam").get("iou").asDouble()).isBetween(0.0, 1.0);
        assertThat(out.resolve("maps/0-m1.png")).exists();
    }

    @Test
    void invarianceFollowsTheDesignContract() throws Exception {
        CliRun r = CliRun.of("sanity", "invariance", "--model", model, "--images", images.toString(), "--shift", "-1",
                "--methods", "cam,control-random", "--out", dir.resolve("inv").toString(), "--quiet", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("equivalence").asDouble()).isLessThan(1e-10);
        assertThat(json.get("methods").get("cam").get("verdict").asText()).isEqualTo("pass");
        assertThat(json.get("methods").get("cam").get("pass_rate").asDouble()).isEqualTo(1.0);
        assertThat(json.get("methods").get("control-random").get("verdict").asText()).isEqualTo("fail");
        assertThat(json.get("methods").get("cam").has("median_d_rel")).isTrue();
        assertThat(json.get("methods").get("cam").has("max_d_rel")).isTrue();
    }

    @Test
    void badChoicesAreOneLineAndExitTwo() {
        CliRun r = CliRun.of("sanity", "metrics", "--model", model, "--images", images.toString(), "--replacement",
                "inpaint", "--out", dir.resolve("bad").toString(), "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("inpaint");
        CliRun m = CliRun.of("sanity", "metrics", "--model", model, "--images", images.toString(), "--methods",
                "nosuch,cam", "--out", dir.resolve("bad2").toString(), "--quiet");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("nosuch");
        CliRun g = CliRun.of("sanity", "metrics", "--model", model, "--images", images.toString(), "--output",
                "logit/given", "--out", dir.resolve("bad3").toString(), "--quiet");
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).contains("needs a label");
    }
}
