package org.salientsi.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;
import org.salientsi.server.ServeFixture;

/**
 * The JSON Schemas shipped in the api jar ({@code org/salientsi/api/result/*.schema.json}) accept the real
 * output of {@code test --json}, {@code batch --json} and {@code serve}, and are strict: a missing,
 * extra or mistyped field is refused.
 */
class ResultSchemaTest {

    private static final String SCHEMAS = "classpath:org/salientsi/api/result/";

    @TempDir
    static Path dir;

    static JsonSchema testResult;
    static JsonSchema batchLine;
    static Path model;
    static JsonNode result;
    static ServeFixture serve;

    @BeforeAll
    static void load() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        testResult = factory.getSchema(SchemaLocation.of(SCHEMAS + "test-result.schema.json"));
        batchLine = factory.getSchema(SchemaLocation.of(SCHEMAS + "batch-line.schema.json"));
        model = TestData.paperModel(8);
        Path images = Files.createDirectories(dir.resolve("images"));
        TestData.writeGrey(images.resolve("a.npy"), 21, 8, 3.0);
        TestData.writeGrey(images.resolve("b.npy"), 22, 8, 3.0);
        double[] nan = TestData.image(23, 8, 1, 0);
        nan[0] = Double.NaN;
        TestData.write(images.resolve("c-nan.npy"), new int[] {8, 8}, nan);
        TestData.writeGrey(dir.resolve("r.npy"), 24, 8, 0);
        result = ServeFixture.JSON.readTree(run("test", "--image", images.resolve("a.npy").toString()).out());
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private static CliRun run(String command, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--model", model.toString(), "--reference",
                dir.resolve("r.npy").toString(), "--sigma", "1", "--json"));
        a.addAll(List.of(extra));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertThat(r.out()).as("%s", r).isNotBlank();
        return r;
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, JsonNode node) {
        return schema.validate(node);
    }

    private static JsonNode changed(JsonNode node, Consumer<ObjectNode> change) {
        ObjectNode copy = node.deepCopy();
        change.accept(copy);
        return copy;
    }

    @Test
    void testOutputValidates() throws IOException {
        assertThat(errors(testResult, result)).isEmpty();
        JsonNode noInterval = ServeFixture.JSON.readTree(run("test", "--image", dir.resolve("images/b.npy").toString(),
                "--confidence", "0").out());
        assertThat(noInterval.get("ci").toString()).isEqualTo("[null,null]");
        assertThat(errors(testResult, noInterval)).isEmpty();
        JsonNode early = ServeFixture.JSON.readTree(run("test", "--image", dir.resolve("images/b.npy").toString(),
                "--termination", "decision:0.5", "--alternative", "greater").out());
        assertThat(errors(testResult, early)).isEmpty();
    }

    @Test
    void batchLinesValidateIncludingTheErrorLine() throws IOException {
        CliRun r = run("batch", "--images", dir.resolve("images").toString());
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode node = ServeFixture.JSON.readTree(line);
            assertThat(errors(batchLine, node)).as(line).isEmpty();
        }
        JsonNode error = ServeFixture.JSON.readTree(lines[2]);
        assertThat(error.has("error")).isTrue();
        assertThat(errors(batchLine, changed(error, n -> n.put("p", 0.5)))).isNotEmpty();
        assertThat(errors(batchLine, changed(error, n -> n.put("error_kind", "other")))).isNotEmpty();
        assertThat(errors(batchLine, changed(error, n -> n.remove("error")))).isNotEmpty();
        JsonNode tested = ServeFixture.JSON.readTree(lines[0]);
        assertThat(errors(batchLine, changed(tested, n -> n.remove("bh_p")))).as("bh_p is required in batch")
                .isNotEmpty();
        assertThat(errors(testResult, tested)).as("bh_p only in batch").isNotEmpty();
        assertThat(errors(batchLine, changed(tested, n -> n.put("bh_p", 1.5)))).isNotEmpty();
    }

    @Test
    void serveResponseValidates() throws IOException {
        serve = new ServeFixture(ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8), 1, 4);
        ObjectNode request = ServeFixture.JSON.createObjectNode().put("model", "model_8").put("sigma", 1);
        request.set("image", ServeFixture.nested(TestData.image(21, 8, 1, 3.0), 8));
        request.set("reference", ServeFixture.nested(TestData.image(24, 8, 1, 0), 8));
        ServeFixture.Response r = serve.post(request);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("image").isNull()).isTrue();
        assertThat(errors(testResult, r.json())).isEmpty();
    }

    @Test
    void schemaIsStrict() {
        assertThat(errors(testResult, changed(result, n -> n.put("extra", 1)))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.remove("pieces")))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.put("selective_p", 1.5)))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.put("alternative", "sideways")))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.put("stop_reason", "tired")))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> ((ArrayNode) n.get("region").get(0)).set(0, 2))))
                .isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.putArray("p_bounds").add(0.1)))).isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.putArray("search_range").add(-1).addNull())))
                .as("the search range is finite").isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> n.putArray("intervals").addArray().addNull().add(2))))
                .as("an infinite interval end is null").isEmpty();
        assertThat(errors(testResult, changed(result, n -> ((ObjectNode) n.get("provenance")).put("who", "me"))))
                .isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> ((ObjectNode) n.get("provenance")).remove("version"))))
                .isNotEmpty();
        assertThat(errors(testResult, changed(result, n -> ((ObjectNode) n.get("provenance")).put("model_sha256",
                "not-a-hash")))).isNotEmpty();
    }
}
