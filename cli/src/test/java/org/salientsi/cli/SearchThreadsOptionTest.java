package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --search-threads}: the JSON of {@code test} is the same for 1 and 2 search threads (wall time
 * aside), and on 4 (each side of T cut into 4 segments) the same up to rounding, pieces counted aside; a count
 * below 1 is a bad input; {@code validate} refuses it (it runs trials at once instead).
 */
class SearchThreadsOptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theResultDoesNotDependOnTheSearchThreads(@TempDir Path dir) throws Exception {
        String model = TestData.paperModel(16).toString();
        String x = dir.resolve("x.npy").toString();
        String r = TestData.writeGrey(dir.resolve("r.npy"), 32, 16, 0).toString();
        // the first seeded null image whose region is not empty, on 1 search thread, then 2 and 4
        CliRun first = null;
        for (long seed = 31; seed < 100 && (first == null || first.code() != 0); seed++) {
            TestData.writeGrey(Path.of(x), seed, 16, 0);
            first = CliRun.of("test", "--model", model, "--image", x, "--reference", r, "--sigma", "1",
                    "--search-threads", "1", "--json");
        }
        assertThat(first.code()).as(first.toString()).isZero();
        ObjectNode one = (ObjectNode) JSON.readTree(first.out());
        one.remove("seconds");
        ((ObjectNode) one.get("provenance")).remove("started");
        assertThat(one.get("pieces").asLong()).isGreaterThan(1);
        for (String k : new String[] {"2", "4"}) {
            CliRun run = CliRun.of("test", "--model", model, "--image", x, "--reference", r, "--sigma", "1",
                    "--search-threads", k, "--json");
            assertThat(run.code()).as(run.toString()).isZero();
            ObjectNode node = (ObjectNode) JSON.readTree(run.out());
            node.remove("seconds");
            ((ObjectNode) node.get("provenance")).remove("started");
            if (k.equals("2")) {
                assertThat(node).as(k + " search threads").isEqualTo(one);
            } else {
                assertSplitSearch(node, one);
            }
        }
    }

    /**
     * On more than two threads each side of T is cut into segments: the same result up to rounding (interval
     * ends within 1e-9 max(|end|, sigma_T), the p-value within 1e-12 relative), other pieces and certificates
     * counted, and the provenance naming the executor and the segments.
     */
    private static void assertSplitSearch(ObjectNode split, ObjectNode one) {
        ObjectNode options = (ObjectNode) split.get("provenance").get("options");
        assertThat(options.get("executor").asText()).isEqualTo("local");
        assertThat(options.get("search_segments").asText()).isEqualTo("4");
        double sigma = one.get("sigma_t").asDouble();
        assertThat(split.get("intervals").size()).isEqualTo(one.get("intervals").size());
        for (int i = 0; i < one.get("intervals").size(); i++) {
            for (int e = 0; e < 2; e++) {
                double a = split.get("intervals").get(i).get(e).asDouble();
                double b = one.get("intervals").get(i).get(e).asDouble();
                assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1e-9 * Math.max(sigma, Math.abs(b)));
            }
        }
        double p = one.get("selective_p").asDouble();
        assertThat(Math.abs(split.get("selective_p").asDouble() - p)).isLessThanOrEqualTo(1e-12 * p);
        for (int e = 0; e < 2; e++) {
            double a = split.get("ci").get(e).asDouble();
            double b = one.get("ci").get(e).asDouble();
            assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(b)));
        }
        ObjectNode x = split.deepCopy();
        ObjectNode y = one.deepCopy();
        for (ObjectNode n : new ObjectNode[] {x, y}) {
            n.remove(java.util.List.of("pieces", "intervals", "selective_p", "p_bounds", "ci"));
            ((ObjectNode) n.get("provenance").get("options")).remove(java.util.List.of("executor", "search_segments",
                    "segments_skipped", "segments_included"));
        }
        assertThat(x).as("4 search threads").isEqualTo(y);
    }

    @Test
    void aCountBelowOneOrOnValidateIsABadInput(@TempDir Path dir) {
        String model = TestData.paperModel(8).toString();
        String x = TestData.writeGrey(dir.resolve("x.npy"), 1, 8, 0).toString();
        CliRun zero = CliRun.of("test", "--model", model, "--image", x, "--sigma", "1", "--search-threads", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--search-threads must be >= 1").doesNotContain("\tat ");
        CliRun validate = CliRun.of("validate", "--model", model, "--trials", "2", "--sigma", "1", "--out",
                dir.resolve("study").toString(), "--search-threads", "2");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("--search-threads is for test, batch and bench");
    }

    @Test
    void aTimeLimitStopsTheSearchWithProvenBoundsAndIsRefusedByValidate(@TempDir Path dir) throws Exception {
        String model = TestData.paperModel(16).toString();
        String x = dir.resolve("x.npy").toString();
        String r = TestData.writeGrey(dir.resolve("r.npy"), 32, 16, 0).toString();
        CliRun exact = null;
        for (long seed = 31; seed < 100 && (exact == null || exact.code() != 0); seed++) {
            TestData.writeGrey(Path.of(x), seed, 16, 0);
            exact = CliRun.of("test", "--model", model, "--image", x, "--reference", r, "--sigma", "1", "--json");
        }
        assertThat(exact.code()).as(exact.toString()).isZero();
        double p = JSON.readTree(exact.out()).get("selective_p").asDouble();
        CliRun limited = CliRun.of("test", "--model", model, "--image", x, "--reference", r, "--sigma", "1",
                "--max-seconds", "1e-9", "--json");
        assertThat(limited.code()).as(limited.toString()).isZero();
        var node = JSON.readTree(limited.out());
        assertThat(node.get("stop_reason").asText()).isEqualTo("time_limit");
        assertThat(node.get("pieces").asLong()).isEqualTo(2);
        assertThat(node.at("/p_bounds/0").asDouble()).isLessThanOrEqualTo(p + 1e-12);
        assertThat(node.at("/p_bounds/1").asDouble()).isGreaterThanOrEqualTo(p - 1e-12);
        assertThat(node.at("/provenance/options/time_limit_seconds").asText()).isEqualTo("1.0E-9");

        CliRun bad = CliRun.of("test", "--model", model, "--image", x, "--sigma", "1", "--max-seconds", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("max-seconds").doesNotContain("\tat ");
        CliRun validate = CliRun.of("validate", "--model", model, "--trials", "2", "--sigma", "1", "--out",
                dir.resolve("study").toString(), "--max-seconds", "5");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("--max-seconds is for test, batch and bench");
    }
}
