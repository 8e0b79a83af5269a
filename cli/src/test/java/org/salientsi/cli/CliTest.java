package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line without a model: help, plugin listing, usage errors. */
class CliTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsEveryCommand() {
        CliRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("test", "map", "list", "demo", "Exit codes");
        CliRun t = run("test", "--help");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("--model", "--image", "--reference", "--sigma", "--selector", "--statistic",
                "--alternative", "--termination", "--range", "--json", "Example");
    }

    @Test
    void listShowsTheBuiltInPlugins() {
        CliRun r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cam", "threshold", "ref-mean", "ref-abs", "contrast", "Backends");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        CliRun r = run("test", "--model", "m.h5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Missing required").doesNotContain("Exception");
        CliRun u = run("frobnicate");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("frobnicate");
    }

    @Test
    void aMissingImageIsABadInputNamingTheFile() {
        CliRun r = run("test", "--model", "no-model.h5", "--image", "/no/such/x.npy", "--sigma", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("/no/such/x.npy").doesNotContain("at org.");
        assertThat(r.out()).isEmpty();
    }
}
