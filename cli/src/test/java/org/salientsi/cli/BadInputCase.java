package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A case of a bad-input catalogue: its name, the command line, and what the error line must name; with the
 * one rule every catalogue checks ({@link #assertRefused}) and the log of the messages seen, kept for review.
 *
 * @param name the case's name
 * @param args the command line
 * @param names what the error line must contain (the file, option, layer or problem)
 */
record BadInputCase(String name, String[] args, String[] names) {

    @Override
    public String toString() {
        return name;
    }

    /**
     * Checks a refusal: exit code 2, nothing on standard output (no p-value), one line on standard error that
     * starts with {@code salientsi: }, holds no stack trace or class name, and contains every one of
     * {@link #names}; the line is added to the log.
     *
     * @param r the run of {@link #args}
     * @param log where the line goes
     */
    void assertRefused(CliRun r, Log log) {
        assertThat(r.code()).as("exit code of %s\n%s", this, r).isEqualTo(2);
        assertThat(r.out()).as("nothing printed on stdout (no p-value): %s", r).isEmpty();
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).as("one line on stderr: %s", r).hasSize(1);
        String line = lines.get(0);
        log.add(name + "  ->  " + line);
        assertThat(line).as("prefix").startsWith("salientsi: ");
        assertThat(line).as("no stack trace or class names").doesNotContain("\tat ", "Exception", "Error:", "java.");
        assertThat(line).as("names the file, option, layer or problem").contains(names);
    }

    /** The messages of one catalogue, written to a file under {@code target/} for review. Thread-safe. */
    static final class Log {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String line) {
            lines.add(line);
        }

        /** Writes the messages to {@code target/FILE} when the folder exists. */
        synchronized void write(String file) throws IOException {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.write(target.resolve(file), lines);
            }
        }
    }
}
