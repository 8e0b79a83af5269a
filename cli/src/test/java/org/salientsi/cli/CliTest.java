package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line without a model: help, plugin listing, usage errors. */
class CliTest {

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
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("test", "map", "list", "demo", "Exit codes");
        Run t = run("test", "--help");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("--model", "--image", "--reference", "--sigma", "--selector", "--statistic",
                "--alternative", "--termination", "--range", "--json", "Example");
    }

    @Test
    void listShowsTheBuiltInPlugins() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cam", "threshold", "ref-mean", "ref-abs", "contrast", "Backends");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        Run r = run("test", "--model", "m.h5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Missing required").doesNotContain("Exception");
        Run u = run("frobnicate");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("frobnicate");
    }

    @Test
    void aMissingImageIsABadInputNamingTheFile() {
        Run r = run("test", "--model", "no-model.h5", "--image", "/no/such/x.npy", "--sigma", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("/no/such/x.npy").doesNotContain("at org.");
        assertThat(r.out()).isEmpty();
    }
}
