package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --search-threads}: the JSON of {@code test} is the same for 1, 2 and 4 search threads (wall time
 * aside); a count below 1 is a bad input; {@code validate} refuses it (it runs trials at once instead).
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
            assertThat(node).as(k + " search threads").isEqualTo(one);
        }
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
