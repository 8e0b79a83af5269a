package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chi statistics on the command line: listed with their capability, and reported in the JSON of a test. */
class ChiCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path model8;
    static Path x;
    static Path ref;

    @BeforeAll
    static void files() throws IOException {
        model8 = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
    }

    private static String[] test(String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("test", "--model", model8.toString(),
                "--image", x.toString(), "--reference", ref.toString()));
        a.addAll(java.util.List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void listShowsTheChiStatisticsWithTheirCapability() throws Exception {
        CliRun r = CliRun.of("list", "--json");
        assertThat(r.code()).as("%s", r).isZero();
        int found = 0;
        for (JsonNode s : JSON.readTree(r.out()).get("statistics")) {
            String name = s.get("name").asText();
            if (name.equals("ref-chi") || name.equals("ref-chi-channels")) {
                assertThat(s.get("capabilities").toString()).contains("chi").contains("needs-reference");
                found++;
            }
        }
        assertThat(found).isEqualTo(2);
    }

    @Test
    void aChiStatisticReportsItsDistributionAndDegrees() throws Exception {
        CliRun r = CliRun.of(test("--sigma", "1", "--statistic", "ref-chi", "--json"));
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("statistic_distribution").asText()).isEqualTo("chi");
        assertThat(j.get("degrees_of_freedom").asInt()).isEqualTo(j.get("region_size").asInt());
        assertThat(j.get("alternative").asText()).isEqualTo("greater");
        assertThat(j.get("sigma_source").asText()).isEqualTo("given");
        assertThat(j.get("sigma_df").isNull()).isTrue();
    }

    @Test
    void theSummaryNamesTheChiDistribution() {
        CliRun r = CliRun.of(test("--sigma", "1", "--statistic", "ref-chi-channels"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("chi_1 truncated to the selection").doesNotContain("CI");
    }
}
