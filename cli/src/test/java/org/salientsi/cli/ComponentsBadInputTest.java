package org.salientsi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.cli.testplugin.WholeRegionStatisticProvider;

/**
 * Bad input of the per-component options ({@code --components}, {@code --min-component-size}, {@code --fdr}) of
 * {@code test} and {@code batch}: exit 2, one readable line on standard error naming the option or the statistic,
 * nothing on standard output (the assertions of {@link BadInputCatalogueTest}, through {@link BadInputCase}).
 */
class ComponentsBadInputTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();

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
        Files.createDirectories(dir.resolve("images"));
        TestData.writeGrey(dir.resolve("images/a.npy"), 21, 8, 0);
    }

    /** {@code test} with the paper's 8x8 model, the image, the reference and sigma 1, then extra options. */
    private static String[] test(String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", x.toString(),
                "--reference", ref.toString(), "--sigma", "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** {@code batch} of one image with the paper's 8x8 model, the reference, sigma 1, JSON, then extra options. */
    private static String[] batch(String... extra) {
        List<String> a = new ArrayList<>(List.of("batch", "--model", model8.toString(), "--images",
                dir.resolve("images").toString(), "--reference", ref.toString(), "--sigma", "1", "--json",
                "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        return Stream.of(
                c("connectivity 5", test("--components", "5"), "--components", "4 or 8", "5"),
                c("connectivity 0", test("--components", "0"), "--components", "4 or 8"),
                c("connectivity not a number", test("--components", "eight"), "--components", "eight"),
                c("connectivity empty", test("--components", ""), "--components"),
                c("negative minimum size", test("--components", "8", "--min-component-size", "-1"),
                        "--min-component-size", ">= 1", "-1"),
                c("zero minimum size", test("--components", "4", "--min-component-size", "0"),
                        "--min-component-size", "0"),
                c("fractional minimum size", test("--components", "4", "--min-component-size", "2.5"),
                        "--min-component-size", "2.5"),
                c("unknown fdr method", test("--components", "8", "--fdr", "xyz"), "--fdr", "by", "bh", "xyz"),
                c("minimum size without components", test("--min-component-size", "3"), "--min-component-size",
                        "--components"),
                c("fdr without components", test("--fdr", "by"), "--fdr", "--components"),
                c("statistic without sub-regions",
                        test("--components", "8", "--statistic", WholeRegionStatisticProvider.NAME),
                        "--components", WholeRegionStatisticProvider.NAME, "sub-regions"),
                c("batch: connectivity 5", batch("--components", "5"), "--components", "5"),
                c("batch: unknown fdr method", batch("--components", "4", "--fdr", "xyz"), "--fdr", "xyz"),
                c("batch: statistic without sub-regions",
                        batch("--components", "4", "--statistic", WholeRegionStatisticProvider.NAME),
                        "--components", WholeRegionStatisticProvider.NAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badComponentOptionsAreOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    /** Keeps the messages for review (target/cli-components-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-components-bad-input-messages.txt");
    }
}
