package org.salientsi.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;

/**
 * {@code salientsi bench --ladder DIR} on tiny ladders made here: two copies of the 8x8 ONNX CAM model of
 * the cli tests with one null and one signal pair; and a mixed one with the paper's 8x8 Keras model, a
 * pair whose region is empty, and a model whose images do not fit it.
 */
class LadderBenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path ladder;

    /** Files of the pairs, relative to the ladder: null, signal, then a null pair with a constant image. */
    static final String[][] PAIRS = {
        {"null", "images/8x8x1/null-0-x.npy", "images/8x8x1/null-0-r.npy"},
        {"signal", "images/8x8x1/signal-0-x.npy", "images/8x8x1/signal-0-r.npy"},
        {"null", "images/8x8x1/null-1-x.npy", "images/8x8x1/null-1-r.npy"},
    };

    /** A constant image whose CAM under the paper's 8x8 model selects no pixel. */
    static final double EMPTY_REGION_VALUE = -2;

    @BeforeAll
    static void makeLadder() throws IOException {
        ladder = makeLadder(dir.resolve("ladder"));
    }

    /** Writes the tiny ladder into a folder. */
    static Path makeLadder(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("images/8x8x1"));
        Files.createDirectories(folder.resolve("images/4x4x1"));
        Path model = TestData.model("paper_cam.onnx");
        Files.copy(model, folder.resolve("cam-8-a.onnx"));
        Files.copy(model, folder.resolve("cam-8-b.onnx"));
        TestData.writeGrey(folder.resolve(PAIRS[0][1]), 11, 8, 0);
        TestData.writeGrey(folder.resolve(PAIRS[0][2]), 12, 8, 0);
        TestData.writeGrey(folder.resolve(PAIRS[1][1]), 13, 8, 3);
        TestData.writeGrey(folder.resolve(PAIRS[1][2]), 14, 8, 0);
        double[] constant = new double[64];
        Arrays.fill(constant, EMPTY_REGION_VALUE);
        TestData.write(folder.resolve(PAIRS[2][1]), new int[] {8, 8}, constant);
        TestData.writeGrey(folder.resolve(PAIRS[2][2]), 16, 8, 0);
        String sha = LadderManifest.sha256(model);
        List<Map<String, Object>> models = new ArrayList<>();
        for (String name : List.of("cam-8-a.onnx", "cam-8-b.onnx")) {
            models.add(entry(name, sha, 8, "8x8x1"));
        }
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (String[] p : List.of(PAIRS[0], PAIRS[1])) {
            pairs.add(Map.of("kind", p[0], "image", p[1], "reference", p[2]));
        }
        writeManifest(folder, models, Map.of("8x8x1", pairs));
        return folder;
    }

    /**
     * The mixed ladder: the paper's 8x8 Keras model with a tested and an empty-region null pair and a
     * signal pair, and the ONNX model on 4x4 images that do not fit it.
     */
    static Path makeMixedLadder(Path folder) throws IOException {
        makeLadder(folder);
        Path keras = TestData.paperModel(8);
        Files.copy(keras, folder.resolve("paper-8.h5"));
        TestData.writeGrey(folder.resolve("images/4x4x1/null-0-x.npy"), 17, 4, 0);
        TestData.writeGrey(folder.resolve("images/4x4x1/null-0-r.npy"), 18, 4, 0);
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (String[] p : PAIRS) {
            pairs.add(Map.of("kind", p[0], "image", p[1], "reference", p[2]));
        }
        writeManifest(folder, List.of(entry("paper-8.h5", LadderManifest.sha256(keras), 8, "8x8x1"),
                entry("cam-8-a.onnx", LadderManifest.sha256(folder.resolve("cam-8-a.onnx")), 8, "4x4x1")),
                Map.of("8x8x1", pairs, "4x4x1", List.of(Map.of("kind", "null", "image", "images/4x4x1/null-0-x.npy",
                        "reference", "images/4x4x1/null-0-r.npy"))));
        return folder;
    }

    private static Map<String, Object> entry(String file, String sha, int size, String images) {
        return Map.of("file", file, "family", "cam", "size", size, "channels", 1, "state", "trained", "macs", 12345,
                "sha256", sha, "images", images);
    }

    private static void writeManifest(Path folder, List<Map<String, Object>> models, Map<String, Object> images)
            throws IOException {
        JSON.writeValue(folder.resolve("ladder.json").toFile(), Map.of("models", models, "images", images,
                "generator", "LadderBenchCommandTest", "delta", 3.0));
    }

    private static long testPieces(Path folder, String[] pair, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("test", "--model", folder.resolve("cam-8-a.onnx").toString(),
                "--image", folder.resolve(pair[1]).toString(), "--reference", folder.resolve(pair[2]).toString(),
                "--sigma", "1", "--json"));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        return JSON.readTree(r.out()).get("pieces").asLong();
    }

    @Test
    void theTableHasOneRowPerModelWithTheTestCommandsPieces() throws IOException {
        CliRun r = CliRun.of("bench", "--ladder", ladder.toString(), "--pairs", "1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        long nullPieces = testPieces(ladder, PAIRS[0]);
        long signalPieces = testPieces(ladder, PAIRS[1]);
        String median = String.format(java.util.Locale.ROOT, "%.0f", (nullPieces + signalPieces) / 2.0);
        List<String> rows = r.out().lines().filter(l -> l.startsWith("cam-8-")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("cam-8-a.onnx");
        assertThat(rows.get(1)).startsWith("cam-8-b.onnx");
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            // model, MACs M, pixels, pieces, ...
            assertThat(cells[1]).isEqualTo("0.0");
            assertThat(cells[2]).isEqualTo("64");
            assertThat(cells[3]).isEqualTo(median);
            assertThat(row).endsWith("2/2 tested");
        }
        assertThat(r.out()).contains("pieces", "ms/piece", "RSS MB", "heap MB", "load", "decision:0.05");
    }

    @Test
    void jsonGivesEveryPairsSearchesAndProvenance() throws IOException {
        CliRun r = CliRun.of("bench", "--ladder", ladder.toString(), "--models", "*-b.onnx", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode row = JSON.readTree(lines.get(0));
        assertThat(row.get("model").asText()).isEqualTo("cam-8-b.onnx");
        assertThat(row.get("macs").asLong()).isEqualTo(12345);
        assertThat(row.get("pixels").asLong()).isEqualTo(64);
        assertThat(row.at("/pairs/total").asInt()).isEqualTo(2);
        assertThat(row.at("/pairs/tested").asInt()).isEqualTo(2);
        JsonNode runs = row.get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("kind").asText()).isEqualTo("null");
        assertThat(runs.get(1).get("kind").asText()).isEqualTo("signal");
        long nullPieces = testPieces(ladder, PAIRS[0]);
        long signalPieces = testPieces(ladder, PAIRS[1]);
        assertThat(runs.get(0).at("/exhaustive/pieces").asLong()).isEqualTo(nullPieces);
        assertThat(runs.get(1).at("/exhaustive/pieces").asLong()).isEqualTo(signalPieces);
        assertThat(runs.get(0).at("/decision/pieces").asLong())
                .isEqualTo(testPieces(ladder, PAIRS[0], "--termination", "decision:0.05"));
        assertThat(runs.get(0).at("/exhaustive/stop_reason").asText()).isEqualTo("exhaustive");
        assertThat(runs.get(0).at("/decision/stop_reason").asText()).isIn("decision", "exhaustive");
        assertThat(runs.get(0).at("/exhaustive/selective_p").asDouble()).isBetween(0.0, 1.0);
        assertThat(row.at("/exhaustive/pieces/median").asDouble()).isEqualTo((nullPieces + signalPieces) / 2.0);
        assertThat(row.at("/exhaustive/pieces/lower_bound").asBoolean()).isFalse();
        assertThat(row.at("/exhaustive/seconds/median").asDouble()).isPositive();
        assertThat(row.at("/exhaustive/ms_per_piece").asDouble()).isPositive();
        assertThat(row.at("/exhaustive/stopped").asInt()).isZero();
        assertThat(row.at("/decision/seconds/median").asDouble()).isPositive();
        assertThat(row.get("peak_heap_bytes").asLong()).isPositive();
        assertThat(row.has("peak_rss_bytes")).isTrue();
        assertThat(row.has("load_1min")).isTrue();
        assertThat(row.get("max_seconds").isNull()).isTrue();
        assertThat(row.get("search_threads").asInt()).isPositive();
        assertThat(row.at("/provenance/model_sha256").asText()).isEqualTo(LadderManifest.sha256(
                TestData.model("paper_cam.onnx")));
        assertThat(row.at("/provenance/backend").asText()).startsWith("onnx");
        assertThat(row.at("/provenance/salientsi").asText()).isNotBlank();
    }

    @Test
    void emptyRegionsAndFailedPairsAreCountedAndTheRunGoesOn() throws IOException {
        Path mixed = makeMixedLadder(dir.resolve("mixed"));
        CliRun r = CliRun.of("bench", "--ladder", mixed.toString(), "--pairs", "2");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("paper-8.h5") || l.startsWith("cam-8-a"))
                .toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("paper-8.h5").endsWith("2/3 tested, 1 empty");
        assertThat(rows.get(1)).startsWith("cam-8-a.onnx").endsWith("0/1 tested, 1 failed");
        assertThat(r.out()).containsPattern("(?m)^failed: cam-8-a.onnx: .*4x4");
        CliRun json = CliRun.of("bench", "--ladder", mixed.toString(), "--pairs", "2", "--models", "paper-*",
                "--no-exhaustive", "--json");
        assertThat(json.code()).as(json.toString()).isZero();
        JsonNode row = JSON.readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(row.at("/pairs/empty").asInt()).isEqualTo(1);
        assertThat(row.get("exhaustive").isNull()).isTrue();
        // the first two null pairs, then the signal pair
        assertThat(row.at("/runs/1/outcome").asText()).isEqualTo("empty");
        assertThat(row.at("/runs/1/error").asText()).contains("selected no pixel");
        assertThat(row.at("/runs/2/kind").asText()).isEqualTo("signal");
        assertThat(row.at("/runs/2/exhaustive").isNull()).isTrue();
        assertThat(row.at("/runs/2/decision/pieces").asLong()).isPositive();
    }

    @Test
    void aSearchOverItsBudgetIsStoppedAndItsMediansAreLowerBounds() throws IOException {
        CliRun r = CliRun.of("bench", "--ladder", ladder.toString(), "--pairs", "1", "--models", "cam-8-a*",
                "--max-seconds", "1e-9", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode row = JSON.readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(row.at("/pairs/tested").asInt()).isEqualTo(2);
        assertThat(row.at("/exhaustive/stopped").asInt()).isEqualTo(2);
        assertThat(row.at("/decision/stopped").asInt()).isEqualTo(2);
        assertThat(row.at("/exhaustive/seconds/lower_bound").asBoolean()).isTrue();
        assertThat(row.at("/runs/0/exhaustive/stopped").asBoolean()).isTrue();
        assertThat(row.at("/runs/0/exhaustive/stop_reason").asText()).isEqualTo("time_limit");
        // each side of T stops after its first piece (the one containing T)
        assertThat(row.at("/runs/0/exhaustive/pieces").asLong()).isEqualTo(2L);
        assertThat(row.at("/runs/0/exhaustive/selective_p").isNull()).isTrue();
        CliRun text = CliRun.of("bench", "--ladder", ladder.toString(), "--pairs", "1", "--models", "cam-8-a*",
                "--max-seconds", "1e-9", "--no-exhaustive");
        assertThat(text.code()).as(text.toString()).isZero();
        String line = text.out().lines().filter(l -> l.startsWith("cam-8-a")).findFirst().orElseThrow();
        assertThat(line).contains("> 0.0").contains("2 searches stopped");
        assertThat(line.trim().split("\\s+")[3]).isEqualTo("-");
    }

    @Test
    void badLaddersExitTwoWithOneLine() throws IOException {
        Path missing = dir.resolve("no-such-ladder");
        assertBad(missing, "folder not found");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertBad(empty, "no ladder.json");
        Path malformed = Files.createDirectories(dir.resolve("malformed"));
        Files.writeString(malformed.resolve("ladder.json"), "{\"models\": [");
        assertBad(malformed, "not valid JSON");
        Path noModels = Files.createDirectories(dir.resolve("no-models"));
        Files.writeString(noModels.resolve("ladder.json"), "{\"models\": {}, \"images\": {}}");
        assertBad(noModels, "'models' must be an array");
        Path badField = makeLadder(dir.resolve("bad-field"));
        Files.writeString(badField.resolve("ladder.json"),
                Files.readString(badField.resolve("ladder.json")).replace("\"size\":8", "\"size\":\"8\""));
        assertBad(badField, "'size' must be an integer");
        Path noModel = makeLadder(dir.resolve("no-model"));
        Files.delete(noModel.resolve("cam-8-b.onnx"));
        assertBad(noModel, "model file not found");
        Path altered = makeLadder(dir.resolve("altered"));
        Files.write(altered.resolve("cam-8-a.onnx"), new byte[] {1, 2, 3});
        assertBad(altered, "SHA-256");
        Path noImage = makeLadder(dir.resolve("no-image"));
        Files.delete(noImage.resolve(PAIRS[1][2]));
        assertBad(noImage, "signal-0-r.npy");
        assertBad(ladder, "matches none", "--models", "resnet*");
        assertBad(ladder, "--pairs must be >= 1", "--pairs", "0");
        assertBad(ladder, "--max-seconds", "--max-seconds", "-1");
        assertBad(ladder, "--study", "--study", "64");
        CliRun r = CliRun.of("bench", "--pairs", "2");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("need --ladder").contains("--pairs");
    }

    private static void assertBad(Path folder, String message, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--ladder", folder.toString()));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).contains(message).doesNotContain("Exception");
        assertThat(r.out()).as(r.toString()).isEmpty();
    }
}
