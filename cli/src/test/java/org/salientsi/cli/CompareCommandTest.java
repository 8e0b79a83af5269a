package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salientsi compare}: one image, several methods and selectors through the one engine, each row equal to
 * {@code salientsi test} with that method and selector, Holm-adjusted across the rows, as JSON and as a page.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachRowIsTheTestOfItsMethodAndSelectorWithHolmAcrossTheRows() throws Exception {
        Path model = TestData.paperModel(8);
        double[] x = TestData.image(51, 8, 1, 0);
        for (int h = 2; h < 6; h++) {
            for (int w = 2; w < 6; w++) {
                x[h * 8 + w] += 3;
            }
        }
        Path image = TestData.write(dir.resolve("x.npy"), new int[] {8, 8}, x);
        Path ref = TestData.writeGrey(dir.resolve("r.npy"), 52, 8, 0);
        Path page = dir.resolve("compare.html");
        CliRun r = CliRun.of("compare", "--model", model.toString(), "--image", image.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--methods", "cam,gradient", "--selectors", "threshold:0,top-k:6",
                "--json", "--report", page.toString());
        assertThat(r.code()).as("%s", r).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode doc = json.readTree(r.out());
        assertThat(doc.get("alpha").asDouble()).isEqualTo(0.05);
        assertThat(doc.get("warning").asText()).contains("valid only for a method and selector chosen before");
        JsonNode tests = doc.get("tests");
        assertThat(tests).hasSize(4);
        List<Double> p = new ArrayList<>();
        for (JsonNode t : tests) {
            p.add(t.get("result").get("selective_p").asDouble());
        }
        double min = p.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        for (int i = 0; i < 4; i++) {
            JsonNode t = tests.get(i);
            String method = i < 2 ? "cam" : "gradient";
            String selector = i % 2 == 0 ? "threshold:0" : "top-k:6";
            assertThat(t.get("method").asText() + " " + t.get("selector").asText()).isEqualTo(method + " " + selector);
            // the same test as 'salientsi test' with that method and selector
            CliRun single = CliRun.of("test", "--model", model.toString(), "--image", image.toString(), "--reference",
                    ref.toString(), "--sigma", "1", "--method", method, "--selector", selector, "--json");
            JsonNode s = json.readTree(single.out());
            assertThat(t.get("result").get("selective_p").asDouble()).isEqualTo(s.get("selective_p").asDouble());
            assertThat(t.get("result").get("region")).isEqualTo(s.get("region"));
            assertThat(t.get("holm_p").asDouble()).isGreaterThanOrEqualTo(p.get(i));
            if (p.get(i) == min) {
                // Holm multiplies the smallest of m p-values by m
                assertThat(t.get("holm_p").asDouble()).isCloseTo(Math.min(1, 4 * min), within(1e-15));
            }
        }
        String html = Files.readString(page);
        assertThat(html).contains("id=\"warning\"", "id=\"comparison\"", "Holm-adjusted p", "top-k:6");
        assertThat(html.split("<tr>", -1).length - 1).as("header and four rows").isGreaterThanOrEqualTo(5);
    }

    @Test
    void afterAnEarlyStopHolmAdjustsTheValidUpperBoundNotThePointValue() throws Exception {
        Path model = TestData.paperModel(8);
        Path ref = TestData.writeGrey(dir.resolve("r.npy"), 52, 8, 0);
        int checked = 0;
        for (long seed = 60; seed < 90 && checked == 0; seed++) {
            Path image = TestData.writeGrey(dir.resolve("x.npy"), seed, 8, 1);
            CliRun r = CliRun.of("compare", "--model", model.toString(), "--image", image.toString(), "--reference",
                    ref.toString(), "--sigma", "1", "--methods", "cam", "--selectors", "threshold:0", "--termination",
                    "precision:0.3", "--json");
            if (r.code() != 0) {
                continue;
            }
            JsonNode row = new ObjectMapper().readTree(r.out()).get("tests").get(0);
            JsonNode result = row.get("result");
            if (result == null || result.get("p_bounds") == null || result.get("p_bounds").isNull()
                    || result.at("/p_bounds/1").asDouble() == result.get("selective_p").asDouble()) {
                continue;
            }
            // one pair: Holm leaves its p-value as it is, and that is the upper bound
            assertThat(row.get("holm_p").asDouble()).isEqualTo(result.at("/p_bounds/1").asDouble());
            checked++;
        }
        assertThat(checked).as("an early stop whose bounds differ from its point value").isOne();
    }

    @Test
    void theSingleMethodOptionIsRefusedWithAPointerToTheList() throws Exception {
        Path image = TestData.writeGrey(dir.resolve("x.npy"), 1, 8, 0);
        CliRun r = CliRun.of("compare", "--model", TestData.paperModel(8).toString(), "--image", image.toString(),
                "--sigma", "1", "--method", "gradcam");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .isEqualTo("salientsi: --method is not an option of compare: give the list with --methods");
    }
}
