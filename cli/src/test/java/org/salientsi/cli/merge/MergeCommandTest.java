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
import org.salientsi.cli.TestData;

/**
 * Shards and {@code salientsi merge}: the shards of a study, merged, give the unsharded study's rows and
 * summary; the shards of a batch, merged, give the unsharded batch's lines with the same {@code bh_p}
 * (apart from wall times and start instants in both).
 */
class MergeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String[] validate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--model", TestData.paperModel(8).toString(),
                "--trials", "13", "--sigma", "1", "--delta", "1", "--seed", "7", "--threads", "1", "--quiet",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void mergedShardsOfAStudyEqualTheUnshardedStudy() throws IOException {
        Path whole = dir.resolve("whole");
        CliRun all = CliRun.of(validate(whole, "--json"));
        assertThat(all.code()).as("%s", all).isZero();
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("shard-" + i);
            CliRun r = CliRun.of(validate(out, "--shard", i + "/3", "--json"));
            assertThat(r.code()).as("%s", r).isZero();
            // shard i of 3 holds trials i, i + 3, ...: 5, 4 and 4 of 13
            assertThat(JSON.readTree(r.out()).get("trials").asInt()).isEqualTo(i == 0 ? 5 : 4);
            shards.add(out.toString());
        }
        Path merged = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge", shards.get(2), shards.get(0), shards.get(1), "--out",
                merged.toString(), "--json"));
        CliRun m = CliRun.of(args.toArray(String[]::new));
        assertThat(m.code()).as("%s", m).isZero();
        assertThat(comparable(JSON.readTree(m.out()))).isEqualTo(comparable(JSON.readTree(all.out())));
        assertThat(comparable(JSON.readTree(merged.resolve("summary.json").toFile())))
                .isEqualTo(comparable(JSON.readTree(all.out())));
        assertThat(rows(merged)).hasSize(13).isEqualTo(rows(whole));
        // the merged folder is the whole study's: validate on it runs no trial and writes the report
        CliRun report = CliRun.of(validate(merged, "--json"));
        assertThat(report.code()).as("%s", report).isZero();
        assertThat(JSON.readTree(report.out()).get("trials_run").asInt()).isZero();
        assertThat(JSON.readTree(report.out()).get("trials_resumed").asInt()).isEqualTo(13);
        assertThat(merged.resolve("index.html")).isRegularFile();
    }

    @Test
    void mergedShardsOfABatchEqualTheUnshardedBatch() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path refs = Files.createDirectories(dir.resolve("refs"));
        for (int i = 0; i < 7; i++) {
            TestData.writeGrey(images.resolve("img-" + i + ".npy"), 100 + i, 8, i % 2 == 0 ? 3.0 : 0.0);
            TestData.writeGrey(refs.resolve("img-" + i + ".npy"), 200 + i, 8, 0.0);
        }
        Files.writeString(images.resolve("img-7.npy"), "not a NumPy file");
        TestData.writeGrey(refs.resolve("img-7.npy"), 207, 8, 0.0);
        List<String> batch = List.of("batch", "--model", TestData.paperModel(8).toString(), "--images",
                images.toString(), "--paired-references", refs.toString(), "--sigma", "1", "--json", "--quiet");
        CliRun whole = CliRun.of(batch.toArray(String[]::new));
        // two of the seven select no pixel (outcome no_region, a success without bh_p's hypothesis) and one
        // image cannot be read (a failed line, exit code 2): the merge keeps them in their place
        assertThat(whole.code()).as("%s", whole).isEqualTo(2);
        List<String> files = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(batch);
            args.addAll(List.of("--shard", i + "/2"));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", r).isIn(0, 2);
            assertThat(r.out()).doesNotContain("bh_p");
            Path file = dir.resolve("part-" + i + ".jsonl");
            Files.writeString(file, r.out());
            files.add(1, file.toString());
        }
        CliRun merged = CliRun.of(files.toArray(String[]::new));
        assertThat(merged.code()).as("%s", merged).isEqualTo(2);
        List<JsonNode> expected = lines(whole.out());
        assertThat(expected).hasSize(8);
        assertThat(expected.stream().filter(n -> n.has("error"))).hasSize(1);
        assertThat(expected.stream().filter(n -> n.path("outcome").asText().equals("no_region"))).hasSize(2)
                .allMatch(n -> n.has("bh_p") && n.get("bh_p").isNull());
        assertThat(expected.stream().filter(n -> n.path("bh_p").isNumber())).hasSize(5);
        assertThat(lines(merged.out())).isEqualTo(expected);
    }

    @Test
    void mergedShardsOfAComponentBatchAdjustTheComponentsAcrossShardsAsTheUnshardedBatch() throws IOException {
        Path images = Files.createDirectories(dir.resolve("component-images"));
        for (int i = 0; i < 8; i++) {
            TestData.writeGrey(images.resolve("img-" + i + ".npy"), 300 + i, 8, 0.0);
        }
        Path ref = dir.resolve("component-ref.npy");
        TestData.writeGrey(ref, 399, 8, 0.0);
        List<String> batch = List.of("batch", "--model", TestData.paperModel(8).toString(), "--images",
                images.toString(), "--reference", ref.toString(), "--sigma", "1", "--selector", "minmax:0.7",
                "--components", "4", "--json", "--quiet");
        CliRun whole = CliRun.of(batch.toArray(String[]::new));
        assertThat(whole.code()).as("%s", whole).isZero();
        List<String> files = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < 3; i++) {
            List<String> args = new ArrayList<>(batch);
            args.addAll(List.of("--shard", i + "/3"));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", r).isZero();
            Path file = dir.resolve("component-part-" + i + ".jsonl");
            Files.writeString(file, r.out());
            files.add(file.toString());
        }
        CliRun merged = CliRun.of(files.toArray(String[]::new));
        assertThat(merged.code()).as("%s", merged).isZero();
        List<JsonNode> expected = lines(whole.out());
        long components = expected.stream().mapToLong(n -> n.path("components").size()).sum();
        assertThat(components).as("components across the batch").isGreaterThan(expected.size());
        assertThat(lines(merged.out())).isEqualTo(expected);
    }

    /** @return the lines without wall times and start instants */
    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            withoutTimes(n);
            for (JsonNode c : n.path("components")) {
                withoutTimes((ObjectNode) c);
            }
            lines.add(n);
        }
        return lines;
    }

    private static void withoutTimes(ObjectNode n) {
        n.remove("seconds");
        if (n.has("provenance")) {
            ((ObjectNode) n.get("provenance")).remove("started");
        }
    }

    /** @return the summary without wall times and the run's start */
    private static JsonNode comparable(JsonNode summary) {
        ObjectNode n = summary.deepCopy();
        n.remove(List.of("seconds", "trial_seconds", "trials_per_second"));
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
