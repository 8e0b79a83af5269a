package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salientsi batch}: order, per-image errors, Benjamini-Hochberg, references, globs, report. */
class BatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path images;
    static Path refs;
    static String model;

    @BeforeAll
    static void files() throws IOException {
        model = TestData.paperModel(8).toString();
        images = Files.createDirectories(dir.resolve("images"));
        refs = Files.createDirectories(dir.resolve("refs"));
        // written out of name order, so that the listing order is not the file-name order
        long[] seeds = {31, 32, 33, 34};
        String[] names = {"d.npy", "b.npy", "a.npy", "c.npy"};
        for (int i = 0; i < names.length; i++) {
            TestData.writeGrey(images.resolve(names[i]), seeds[i], 8, 3.0);
            TestData.writeGrey(refs.resolve(names[i]), seeds[i] + 100, 8, 0);
        }
        double[] bad = TestData.image(35, 8, 1, 0);
        bad[3] = Double.NaN;
        TestData.write(images.resolve("bb-nan.npy"), new int[] {8, 8}, bad);
        Files.writeString(images.resolve("notes.txt"), "not an image, skipped by the folder listing\n");
    }

    private static CliRun paired;

    /** The JSON batch of every image against its paired reference, run once for the tests that read it. */
    private static synchronized CliRun paired() {
        if (paired == null) {
            paired = batch("--images", images.toString(), "--paired-references", refs.toString());
        }
        return paired;
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static CliRun batch(String... extra) {
        List<String> a = new ArrayList<>(List.of("batch", "--model", model, "--sigma", "1", "--json"));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void printsOneJsonLinePerImageInFileNameOrderAndGoesOnAfterABadImage() throws IOException {
        CliRun r = paired();
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("no progress bar when stderr is not a terminal").isEmpty();
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).extracting(n -> n.get("image").asText())
                .containsExactly("a.npy", "b.npy", "bb-nan.npy", "c.npy", "d.npy");
        JsonNode failed = lines.get(2);
        assertThat(failed.size()).isEqualTo(3);
        assertThat(failed.get("error").asText()).contains("bb-nan.npy").contains("NaN");
        assertThat(failed.get("error_kind").asText()).isEqualTo("bad-input");
        for (JsonNode n : List.of(lines.get(0), lines.get(1), lines.get(3), lines.get(4))) {
            assertThat(n.has("selective_p")).as("%s", n).isTrue();
            assertThat(n.get("provenance").get("options").get("reference").asText())
                    .isEqualTo(n.get("image").asText());
        }
    }

    @Test
    void bhAdjustedPValuesMatchTheirDefinitionOverTheImagesThatSucceeded() throws IOException {
        CliRun r = paired();
        List<JsonNode> ok = lines(r.out()).stream().filter(n -> n.has("selective_p")).toList();
        int m = ok.size();
        assertThat(m).isEqualTo(4);
        double[] p = ok.stream().mapToDouble(n -> n.get("selective_p").asDouble()).toArray();
        for (int i = 0; i < m; i++) {
            double expected = bhByDefinition(p, i);
            assertThat(ok.get(i).get("bh_p").asDouble()).isCloseTo(expected, within(1e-15 + 1e-12 * expected));
        }
    }

    @Test
    void eachImageGetsExactlyTheResultOfTest() throws IOException {
        CliRun b = paired();
        JsonNode fromBatch = lines(b.out()).get(1);
        CliRun t = CliRun.of("test", "--model", model, "--image", images.resolve("b.npy").toString(), "--reference",
                refs.resolve("b.npy").toString(), "--sigma", "1", "--json");
        assertThat(t.code()).as("%s", t).isZero();
        ObjectNode fromTest = (ObjectNode) JSON.readTree(t.out());
        ObjectNode batchCopy = ((ObjectNode) fromBatch).deepCopy();
        batchCopy.remove(List.of("seconds", "bh_p"));
        fromTest.remove("seconds");
        ((ObjectNode) batchCopy.get("provenance")).remove("started");
        ((ObjectNode) fromTest.get("provenance")).remove("started");
        assertThat(batchCopy).isEqualTo(fromTest);
    }

    @Test
    void oneSharedReferenceGlobsAndSuccessExitZero() throws IOException {
        CliRun r = batch("--images", images.resolve("[ab].npy").toString(), images.resolve("c.npy").toString(),
                "--reference", refs.resolve("a.npy").toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).extracting(n -> n.get("image").asText()).containsExactly("a.npy", "b.npy", "c.npy");
        assertThat(lines).allSatisfy(n -> assertThat(n.get("provenance").get("options").get("reference").asText())
                .isEqualTo("a.npy"));
    }

    @Test
    void aMissingPairedReferenceFailsThatImageOnly() throws IOException {
        Path few = Files.createDirectories(dir.resolve("few-refs"));
        Files.copy(refs.resolve("a.npy"), few.resolve("a.npy"));
        CliRun r = batch("--images", images.resolve("[ab].npy").toString(), "--paired-references", few.toString());
        assertThat(r.code()).isEqualTo(2);
        List<JsonNode> lines = lines(r.out());
        assertThat(lines.get(0).has("selective_p")).isTrue();
        assertThat(lines.get(1).get("error").asText()).contains("b.npy").contains("few-refs");
        assertThat(lines.get(0).get("bh_p").asDouble()).as("BH over the one success is the p-value itself")
                .isEqualTo(lines.get(0).get("selective_p").asDouble());
    }

    @Test
    void theTableNamesFailuresAndTheReportFolderHasOneRowAndOnePagePerImage() throws IOException {
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("batch", "--model", model, "--sigma", "1", "--images", images.toString(),
                "--paired-references", refs.toString(), "--report", report.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("bb-nan.npy", "error:", "5 images: 4 tested, 1 failed", "BH p");
        String index = Files.readString(report.resolve("index.html"));
        for (String name : new String[] {"a.npy", "b.npy", "bb-nan.npy", "c.npy", "d.npy"}) {
            assertThat(index).contains(">" + name + "</a>");
        }
        assertThat(index).contains("BH-adjusted p", "class=\"sort\"", "<script>", "NaN pixel");
        assertThat(index).doesNotContain("src=\"http", "href=\"http");
        try (var pages = Files.list(report)) {
            assertThat(pages.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "0001-a.npy.html", "0002-b.npy.html", "0003-bb-nan.npy.html", "0004-c.npy.html",
                    "0005-d.npy.html", "index.html");
        }
        JsonNode b = lines(paired().out()).get(1);
        String page = Files.readString(report.resolve("0002-b.npy.html"));
        assertThat(page).contains(String.format(java.util.Locale.ROOT, "%.4g", b.get("bh_p").asDouble()),
                "Benjamini-Hochberg", "index.html");
    }

    /** Benjamini-Hochberg by its definition: the least {@code min(1, m p_j / rank_j)} over {@code p_j >= p_i}. */
    private static double bhByDefinition(double[] p, int i) {
        double expected = 1;
        for (double pj : p) {
            if (pj >= p[i]) {
                long rank = java.util.Arrays.stream(p).filter(v -> v <= pj).count();
                expected = Math.min(expected, Math.min(1, p.length * pj / rank));
            }
        }
        return expected;
    }
}
