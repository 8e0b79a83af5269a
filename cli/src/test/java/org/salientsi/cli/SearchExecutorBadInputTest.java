package org.salientsi.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of {@code test --executor}: one line on standard error, exit code 2, nothing on standard output
 * (the rule of {@link BadInputCatalogueTest}); none of these cases starts Spark.
 */
class SearchExecutorBadInputTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();

    @TempDir
    static Path dir;
    static String model;

    @BeforeAll
    static void files() {
        model = TestData.paperModel(8).toString();
        TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
    }

    private static BadInputCase c(String name, String[] more, String... names) {
        String[] base = {"test", "--model", model, "--image", dir.resolve("x.npy").toString(), "--reference",
            dir.resolve("r.npy").toString(), "--sigma", "1"};
        return new BadInputCase(name, Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new), names);
    }

    static Stream<BadInputCase> catalogue() {
        return Stream.of(
                c("unknown executor", new String[] {"--executor", "slurm"}, "slurm", "spark"),
                c("executor option on the local search", new String[] {"--executor-option", "segments=4"},
                        "segments", "--executor spark"),
                c("spark with an early stop", new String[] {"--executor", "spark", "--termination", "decision:0.05"},
                        "--termination", "exhaustive"),
                c("spark with a time limit", new String[] {"--executor", "spark", "--max-seconds", "5"},
                        "--max-seconds"),
                c("spark: zero segments", new String[] {"--executor", "spark", "--executor-option", "segments=0"},
                        "segments", "0"),
                c("spark: segments not a number", new String[] {"--executor", "spark", "--executor-option",
                    "segments=four"}, "segments", "four"),
                c("spark: a trial executor's option", new String[] {"--executor", "spark", "--executor-option",
                    "partitions=8"}, "partitions", "segments"),
                c("spark: cluster master without the application jar", new String[] {"--executor", "spark",
                    "--executor-option", "master=spark://127.0.0.1:1"}, "app-jar", "spark://127.0.0.1:1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    /** Keeps the messages for review (target/cli-search-executor-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-search-executor-bad-input-messages.txt");
    }
}
