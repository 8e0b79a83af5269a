package org.salientsi.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The progress bar: drawn only on a terminal (or when forced), silent with --quiet. */
class ProgressTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Progress.PROPERTY);
    }

    @Test
    void aBarOnAStreamShowsTheTaskTheCountAndTheTimes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.to(stream, "trials", 3)) {
            assertThat(p.enabled()).isTrue();
            p.message("rejected 1");
            p.step();
            p.stepBy(2);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("trials", "3/3", "rejected 1");
        // elapsed and remaining time, h:mm:ss
        assertThat(text).containsPattern("\\d:\\d\\d:\\d\\d");
    }

    @Test
    void quietOrNoTerminalMeansNoBar() {
        System.setProperty(Progress.PROPERTY, "always");
        assertThat(Progress.start("batch", 5, true).enabled()).as("--quiet wins").isFalse();
        System.setProperty(Progress.PROPERTY, "never");
        assertThat(Progress.start("batch", 5, false).enabled()).isFalse();
        System.setProperty(Progress.PROPERTY, "always");
        PrintStream stderr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = Progress.start("batch", 5, false)) {
            assertThat(p.enabled()).isTrue();
            p.stepBy(5);
        } finally {
            System.setErr(stderr);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("batch", "5/5");
    }

    @Test
    void anOffBarIgnoresEveryCall() {
        Progress off = Progress.off();
        off.step();
        off.stepBy(10);
        off.message("x");
        off.close();
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void underTheTestRunnerStandardErrorIsNotATerminal() {
        // surefire pipes the forked JVM's standard error
        assertThat(Progress.stderrIsTerminal()).isFalse();
        assertThat(Progress.start("batch", 5, false).enabled()).isFalse();
    }
}
