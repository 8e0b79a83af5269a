package org.salientsi.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.Main;

/**
 * The wiring of {@code salientsi validate}: the summary JSON of DESIGN.md section 4 on stdout, the
 * files in --out, resuming, and bad input as one line with exit code 2. The studies themselves are
 * tested in salientsi-validation.
 */
class ValidateCommandTest {

    private static final String MODEL = Path.of(System.getProperty("salientsi.paperModels",
            "../examples/models/paper"), "model_8.h5").toString();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonPrintsTheSummaryAndTheFilesAreWritten() throws Exception {
        Path out = dir.resolve("study");
        Run r = run("validate", "--model", MODEL, "--trials", "12", "--sigma", "1", "--threads", "2", "--out",
                out.toString(), "--json", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("trials").asInt()).isEqualTo(12);
        assertThat(s.get("alpha").asDouble()).isEqualTo(0.05);
        assertThat(s.has("empty_regions")).isTrue();
        for (String kind : new String[] {"selective", "oc", "naive"}) {
            assertThat(s.get(kind).get("rejection_rate").isNumber()).isTrue();
            assertThat(s.get(kind).get("rate_ci")).hasSize(2);
            assertThat(s.get(kind).get("ks_p").isNumber()).isTrue();
        }
        assertThat(s.get("seconds").isNumber()).isTrue();
        assertThat(s.get("provenance").get("method").asText()).isEqualTo("cam");
        for (String f : new String[] {"trials.jsonl", "trials.csv", "summary.json", "qq.png", "hist-selective.png",
            "index.html"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        Run again = run("validate", "--model", MODEL, "--trials", "15", "--sigma", "1", "--out", out.toString(),
                "--json", "--quiet");
        JsonNode grown = new ObjectMapper().readTree(again.out());
        assertThat(grown.get("trials_resumed").asInt()).isEqualTo(12);
        assertThat(grown.get("trials_run").asInt()).isEqualTo(3);
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo() {
        Run missing = run("validate", "--trials", "5", "--sigma", "1", "--out", dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--model").doesNotContain("Exception");
        Run sigma = run("validate", "--model", MODEL, "--trials", "5", "--sigma", "-1", "--out", dir.toString());
        assertThat(sigma.code()).isEqualTo(2);
        assertThat(sigma.err().strip().lines()).hasSize(1);
        assertThat(sigma.err()).contains("--sigma");
        Run executor = run("validate", "--model", MODEL, "--trials", "5", "--sigma", "1", "--out", dir.toString(),
                "--executor", "hadoop");
        assertThat(executor.code()).isEqualTo(2);
        assertThat(executor.err()).contains("hadoop", "local");
    }

    @Test
    void thePapersExperimentWritesItsTable() throws Exception {
        Path out = dir.resolve("paper");
        Run r = run("validate", "paper", "--models", Path.of(MODEL).getParent().toString(), "--trials", "6",
                "--sizes", "8", "--deltas", "2", "--tpr-size", "8", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("FPR 8 px", "TPR 8 px, delta 2");
        assertThat(Files.readString(out.resolve("paper.md"))).contains("| FPR 8 px | 6 |");
        assertThat(out.resolve("fpr-vs-size.png")).isRegularFile();
        assertThat(out.resolve("fpr-8").resolve("summary.json")).isRegularFile();
    }
}
