package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salientsi test --search certified} on a paper model (piecewise linear, so {@code --search exact} gives the
 * exact p-value to compare with): the JSON has the certified bounds around the exact p-value and passes the
 * shipped schema, the text says {@code p in [lo, hi] (certified)}, and {@code auto} keeps the exact walk.
 */
class CertifiedSearchCommandTest {

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
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", x.toString(),
                "--reference", ref.toString(), "--sigma", "1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void certifiedJsonBoundsTheExactPValueAndPassesTheSchema() throws Exception {
        CliRun exact = CliRun.of(test("--search", "exact", "--json"));
        CliRun certified = CliRun.of(test("--search", "certified", "--json"));
        assertThat(exact.code()).as("%s", exact).isZero();
        assertThat(certified.code()).as("%s", certified).isZero();
        JsonNode e = JSON.readTree(exact.out());
        JsonNode c = JSON.readTree(certified.out());
        double p = e.get("selective_p").asDouble();
        assertThat(e.get("search").asText()).isEqualTo("exact");
        assertThat(e.has("certified")).isFalse();
        assertThat(c.get("search").asText()).isEqualTo("certified");
        assertThat(c.get("stop_reason").asText()).isEqualTo("certified");
        assertThat(c.get("oc_p").isNull()).isTrue();
        JsonNode b = c.get("certified");
        assertThat(b.get("p_lower").asDouble()).isLessThanOrEqualTo(p + 1e-9);
        assertThat(b.get("p_upper").asDouble()).isGreaterThanOrEqualTo(p - 1e-9);
        assertThat(c.get("selective_p").asDouble()).isEqualTo(b.get("p_upper").asDouble());
        assertThat(c.get("p_bounds").get(0).asDouble()).isEqualTo(b.get("p_lower").asDouble());
        assertThat(b.get("p_upper").asDouble() - b.get("p_lower").asDouble()).isLessThanOrEqualTo(0.01);
        assertThat(c.get("provenance").get("options").get("search").asText()).isEqualTo("certified");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:org/salientsi/api/result/test-result.schema.json"));
        assertThat(schema.validate(c)).as("certified result against the schema").isEmpty();
        assertThat(schema.validate(e)).as("exact result against the schema").isEmpty();
    }

    @Test
    void theTextShowsTheCertifiedInterval() {
        CliRun r = CliRun.of(test("--search", "certified", "--termination", "decision:0.05"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).containsPattern("p in \\[[0-9.e-]+, [0-9.e-]+\\] \\(certified")
                .contains("segments").doesNotContain("OC p");
    }

    @Test
    void autoKeepsTheExactWalkOnAPiecewiseLinearModel() throws Exception {
        CliRun r = CliRun.of(test("--json"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(JSON.readTree(r.out()).get("search").asText()).isEqualTo("exact");
    }
}
