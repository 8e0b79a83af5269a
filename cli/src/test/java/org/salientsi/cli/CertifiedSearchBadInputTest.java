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
 * Bad input of {@code --search} and {@code --width-limit} (issue 24): one line on standard error naming what is
 * wrong or missing, exit code 2, nothing on standard output (the rule of {@link BadInputCatalogueTest}).
 */
class CertifiedSearchBadInputTest {

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
                c("unknown search", new String[] {"--search", "grid"}, "search", "grid", "certified"),
                c("width limit zero", new String[] {"--search", "certified", "--width-limit", "0"}, "width-limit",
                        "0"),
                c("width limit not finite", new String[] {"--width-limit", "Infinity"}, "width-limit"),
                c("certified search of a method without map bounds", new String[] {"--search", "certified",
                    "--method", "gradient"}, "certified", "gradient", "bounds-maps"),
                c("certified search with a selector that cannot include regions", new String[] {"--search",
                    "certified", "--selector", "minmax:0.5"}, "certified", "minmax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    /** Keeps the messages for review (target/cli-certified-search-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-certified-search-bad-input-messages.txt");
    }
}
