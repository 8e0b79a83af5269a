package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.command.SalientCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's conventions (issue 21, deliverable 5): --json on the commands that print results, {@code -}
 * for standard input and output, --version with the git commit, the completion script and man pages generated at
 * build, and a user reference (docs/reference.md) that names every command, option and JSON field.
 */
class CliConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path model;
    static Path x;
    static Path ref;

    @BeforeAll
    static void files() {
        model = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
    }

    /** Runs the command line with the given bytes on standard input. */
    private static CliRun withInput(byte[] in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(in), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode withoutRun(JsonNode result) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = result.deepCopy();
        copy.remove("seconds");
        copy.remove("provenance");
        copy.remove("image");
        return copy;
    }

    @Test
    void imageDashReadsTheNpyFromStandardInput() throws Exception {
        CliRun file = CliRun.of("test", "--model", model.toString(), "--image", x.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--json");
        CliRun stdin = withInput(Files.readAllBytes(x), "test", "--model", model.toString(), "--image", "-",
                "--reference", ref.toString(), "--sigma", "1", "--json");
        assertThat(stdin.code()).as("%s", stdin).isZero();
        JsonNode a = JSON.readTree(stdin.out());
        assertThat(a.get("image").asText()).isEqualTo("stdin");
        assertThat(withoutRun(a)).isEqualTo(withoutRun(JSON.readTree(file.out())));
    }

    @Test
    void referenceDashReadsStandardInputAndBothDashesAreRefused() throws Exception {
        CliRun r = withInput(Files.readAllBytes(ref), "test", "--model", model.toString(), "--image", x.toString(),
                "--reference", "-", "--sigma", "1", "--json");
        assertThat(r.code()).as("%s", r).isZero();
        CliRun both = withInput(new byte[0], "test", "--model", model.toString(), "--image", "-", "--reference", "-",
                "--sigma", "1");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err().strip()).contains("standard input").doesNotContain("\n");
        assertThat(both.out()).isEmpty();
    }

    @Test
    void anEmptyOrForeignStandardInputIsOneLineAndExit2() {
        CliRun empty = withInput(new byte[0], "map", "--model", model.toString(), "--image", "-");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err().strip()).contains("standard input").contains("empty").doesNotContain("\n");
        CliRun text = withInput("hello".getBytes(StandardCharsets.UTF_8), "map", "--model", model.toString(),
                "--image", "-");
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err().strip()).contains("neither a .npy array nor a PNG");
        assertThat(text.out()).isEmpty();
    }

    @Test
    void reportDashWritesTheHtmlToStandardOutputAndNoFileNamedDash() throws Exception {
        CliRun r = CliRun.of("test", "--model", model.toString(), "--image", x.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--report", "-");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out().stripLeading().toLowerCase(java.util.Locale.ROOT)).startsWith("<!doctype html");
        assertThat(r.out()).contains("</html>").doesNotContain("selective p   ");
        assertThat(Path.of("-")).doesNotExist();
        CliRun both = CliRun.of("test", "--model", model.toString(), "--image", x.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--report", "-", "--json");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--report -").contains("--json");
    }

    @Test
    void listJsonNamesThePlugins() throws Exception {
        CliRun r = CliRun.of("list", "--json");
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(names(j.get("methods"))).contains("cam", "gradcam", "gradient", "smoothgrad", "occlusion");
        assertThat(names(j.get("selectors"))).contains("threshold", "top-k", "percentile", "minmax");
        assertThat(names(j.get("statistics"))).contains("ref-mean", "ref-abs", "contrast");
        assertThat(names(j.get("backends"))).contains("dl4j", "onnx");
        for (JsonNode b : j.get("backends")) {
            assertThat(b.get("file_extensions").isArray()).isTrue();
        }
        assertThat(j.get("load_errors").isArray()).isTrue();
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    @Test
    void demoJsonPrintsOneResultPerLine() throws Exception {
        Path page = dir.resolve("demo.html");
        CliRun r = CliRun.of("demo", "--images", "1", "--json", "--report", page.toString());
        assertThat(r.code()).as("%s", r).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            JsonNode j = JSON.readTree(line);
            assertThat(j.get("outcome").asText()).isEqualTo("tested");
            assertThat(j.get("selective_p").isNumber()).isTrue();
        }
        assertThat(JSON.readTree(lines[0]).get("image").asText()).isEqualTo("8px null-1");
        assertThat(page).exists();
    }

    @Test
    void benchJsonPrintsTheStudyAsAnObject() throws Exception {
        CliRun r = CliRun.of("bench", "--study", "8", "--trials", "4", "--json");
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("trials").asInt()).isEqualTo(4);
        assertThat(j.get("size").asInt()).isEqualTo(8);
        assertThat(j.get("selective_rejection_rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("pieces").asLong()).isPositive();
    }

    @Test
    void versionNamesTheGitCommit() throws Exception {
        CliRun r = CliRun.of("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow())
                .matches("salientsi \\S+ \\(commit ([0-9a-f]{40}(, with uncommitted changes)?|unknown)\\)");
        if (SalientCommand.class.getResource("/org/salientsi/cli/git.properties") != null
                && Files.exists(Path.of("..", ".git"))) {
            assertThat(r.out()).containsPattern("commit [0-9a-f]{40}");
        }
    }

    @Test
    void theBuildGeneratesTheCompletionScriptAndManPages() throws Exception {
        Path completion = Path.of("target", "salientsi_completion");
        assertThat(completion).exists();
        String script = Files.readString(completion);
        for (String command : List.of("test", "batch", "map", "demo", "list", "bench", "validate", "serve")) {
            assertThat(script).contains(command);
        }
        assertThat(script).contains("--paired-references").contains("--json");
        Path man = Path.of("target", "generated-docs", "man");
        assertThat(man.resolve("salientsi.adoc")).exists();
        assertThat(Files.readString(man.resolve("salientsi-test.adoc"))).contains(":doctype: manpage")
                .contains("--image");
    }

    /** Every command, every option of every command and every JSON field of a result is in the reference. */
    @Test
    void theReferenceNamesEveryCommandOptionAndJsonField() throws Exception {
        String reference = Files.readString(Path.of("..", "docs", "reference.md"));
        List<String> missing = new ArrayList<>();
        CommandLine root = Cli.commandLine(new java.io.PrintWriter(System.out), new java.io.PrintWriter(System.err));
        walk(root.getCommandSpec(), reference, missing);
        JsonNode schema = JSON.readTree(SalientCommand.class.getResourceAsStream(
                "/org/salientsi/api/result/test-result.schema.json"));
        schema.at("/$defs/fields/properties").fieldNames().forEachRemaining(f -> {
            if (!reference.contains("`" + f + "`")) {
                missing.add("JSON field " + f);
            }
        });
        schema.at("/$defs/provenance/properties").fieldNames().forEachRemaining(f -> {
            if (!reference.contains("`" + f + "`")) {
                missing.add("provenance field " + f);
            }
        });
        assertThat(missing).as("missing from docs/reference.md").isEmpty();
    }

    private static void walk(CommandSpec spec, String reference, List<String> missing) {
        if (spec.name().equals("help")) {
            return;
        }
        if (!reference.contains("salientsi " + spec.qualifiedName(" ").replaceFirst("^salientsi ?", "").strip())) {
            missing.add("command " + spec.qualifiedName(" "));
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            if (!reference.contains("`" + o.longestName())) {
                missing.add(spec.qualifiedName(" ") + " " + o.longestName());
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            walk(sub.getCommandSpec(), reference, missing);
        }
    }
}
