package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salientsi demo}: offline, a table of p-values, and a report written by the shared report code. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheTableAndWritesTheReport() throws IOException {
        Path report = dir.resolve("demo.html");
        CliRun r = CliRun.of("demo", "--images", "1", "--report", report.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("selective p", "8px", "16px", "null-1", "signal-1", "Report: ");
        String html = Files.readString(report);
        assertThat(html).contains("SalientSI demo", "8px null-1", "8px signal-1", "16px null-1", "16px signal-1",
                "truncation set on the z-line", "Provenance", "20230201");
        // per row: input, map and z-line pictures; the histogram and the QQ plot of the p-values
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(4 * 3 + 2 + 1);
    }
}
