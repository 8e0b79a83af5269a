package org.salientsi.cli.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.CliRun;

/**
 * {@code salientsi validate} on the 16 px Vision Transformer (certified searches): the text output has the
 * selective (upper bound), p lower and p midpoint rows and marks OC absent; two shards merged give the
 * unsharded study's rows (with their bounds) and summary.
 */
class CertifiedStudyMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIT16 = Path.of("..", "backend-onnx", "src", "test", "resources", "vit",
            "vit_16.onnx").toString();

    @TempDir
    Path dir;

    private static String[] validate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--model", VIT16, "--method", "attention",
                "--selector", "top-k:16", "--trials", "4", "--sigma", "1", "--seed", "3", "--threads", "2", "--quiet",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aCertifiedStudyPrintsItsBoundsAndItsShardsMergeToTheWholeStudy() throws IOException {
        Path whole = dir.resolve("whole");
        CliRun text = CliRun.of(validate(whole));
        assertThat(text.code()).as("%s", text).isZero();
        assertThat(text.out()).containsPattern("(?m)^selective +[0-9.]+ +\\[")
                .containsPattern("(?m)^p lower +[0-9.]+ +\\[").containsPattern("(?m)^p midpoint +[0-9.]+ +\\[")
                .containsPattern("(?m)^OC +absent").contains("search certified");
        CliRun all = CliRun.of(validate(whole, "--json"));
        assertThat(all.code()).as("%s", all).isZero();
        JsonNode summary = JSON.readTree(all.out());
        assertThat(summary.get("trials_resumed").asInt()).isEqualTo(4);
        assertThat(summary.get("search").asText()).isEqualTo("certified");
        assertThat(summary.get("oc").isNull()).isTrue();
        assertThat(summary.get("p_lower").get("rate_ci")).hasSize(2);
        for (JsonNode row : rows(whole)) {
            assertThat(row.get("oc_p").isNull()).isTrue();
            assertThat(row.get("p_lower").asDouble()).isLessThanOrEqualTo(row.get("p_midpoint").asDouble());
            assertThat(row.get("p_midpoint").asDouble()).isLessThanOrEqualTo(row.get("selective_p").asDouble());
        }
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("shard-" + i);
            CliRun r = CliRun.of(validate(out, "--shard", i + "/2", "--json"));
            assertThat(r.code()).as("%s", r).isZero();
            shards.add(out.toString());
        }
        Path merged = dir.resolve("merged");
        CliRun m = CliRun.of("merge", shards.get(1), shards.get(0), "--out", merged.toString(), "--json");
        assertThat(m.code()).as("%s", m).isZero();
        assertThat(comparable(JSON.readTree(m.out()))).isEqualTo(comparable(summary));
        assertThat(rows(merged)).hasSize(4).isEqualTo(rows(whole));
        CliRun mergedText = CliRun.of("merge", shards.get(0), shards.get(1), "--out", dir.resolve("m2").toString());
        assertThat(mergedText.code()).as("%s", mergedText).isZero();
        assertThat(mergedText.out()).contains("OC absent", "p lower", "search certified");
    }

    private static JsonNode comparable(JsonNode summary) {
        ObjectNode n = summary.deepCopy();
        n.remove(List.of("seconds", "trial_seconds", "trials_per_second", "trials_run", "trials_resumed"));
        ((ObjectNode) n.get("provenance")).remove("started");
        return n;
    }

    private static List<JsonNode> rows(Path study) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(study.resolve("trials.jsonl"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove("seconds");
            rows.add(n);
        }
        rows.sort((a, b) -> Integer.compare(a.get("trial").asInt(), b.get("trial").asInt()));
        return rows;
    }
}
