package org.salientsi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of {@code batch --executor}: an unknown executor or option, a cluster master without the application
 * jar, what the cluster route does not take (--shard, --report, --covariance), and executor options without an
 * executor. Each is refused before any image is tested and before a Spark context starts: one line on standard
 * error, exit code 2, nothing on standard output (the rule of {@link BadInputCatalogueTest}).
 */
class SparkBatchBadInputTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();

    @TempDir
    static Path dir;
    static String model;

    @BeforeAll
    static void files() throws IOException {
        model = TestData.paperModel(8).toString();
        Files.createDirectories(dir.resolve("images"));
        TestData.writeGrey(dir.resolve("images/x.npy"), 11, 8, 3.0);
        double[] identity = new double[64 * 64];
        for (int i = 0; i < 64; i++) {
            identity[i * 64 + i] = 1;
        }
        TestData.write(dir.resolve("cov.npy"), new int[] {64, 64}, identity);
    }

    private static String[] batch(String... more) {
        String[] base = {"batch", "--model", model, "--images", dir.resolve("images").toString(), "--quiet"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private static String[] spark(String... more) {
        return batch(Stream.concat(Stream.of("--sigma", "1", "--executor", "spark"), Stream.of(more))
                .toArray(String[]::new));
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        String cluster = "master=spark://127.0.0.1:1";
        return Stream.of(
                c("batch: unknown executor", batch("--sigma", "1", "--executor", "sparkk"), "sparkk", "local",
                        "spark"),
                c("batch: unknown executor option", spark("--executor-option", "mastr=local[1]"), "mastr", "master"),
                c("batch: partitions not a number", spark("--executor-option", "partitions=many"), "partitions",
                        "many"),
                c("batch: negative partitions", spark("--executor-option", "partitions=-2"), "partitions", "-2"),
                c("batch: cluster master without the application jar", spark("--executor-option", cluster),
                        "app-jar", "spark://127.0.0.1:1"),
                c("batch: application jar not found", spark("--executor-option", cluster, "--executor-option",
                        "app-jar=" + dir.resolve("no.jar")), "app-jar", "no.jar"),
                c("batch: spark with a shard", spark("--json", "--shard", "0/2"), "--shard", "--executor spark"),
                c("batch: spark with a report", spark("--report", dir.resolve("pages").toString()), "--report",
                        "--executor spark"),
                c("batch: spark with a covariance", batch("--covariance", dir.resolve("cov.npy").toString(),
                        "--executor", "spark"), "--covariance", "--sigma"),
                c("batch: executor option of the local batch", batch("--sigma", "1", "--executor-option",
                        "master=local[2]"), "--executor-option", "master", "--executor spark"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    /** Keeps the messages for review (target/cli-spark-batch-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-spark-batch-bad-input-messages.txt");
    }
}
