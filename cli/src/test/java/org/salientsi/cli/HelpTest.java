package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help}: every command, every option with its meaning and default, one worked example each. */
class HelpTest {

    private static final List<String> COMMANDS = List.of("list", "test", "batch", "map", "demo", "validate", "serve",
            "bench", "sanity");

    @Test
    void topLevelHelpListsEveryCommandExitCodesAndAnExample() {
        CliRun r = CliRun.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Exit codes", "Example", "COMMAND --help");
        for (String c : COMMANDS) {
            assertThat(r.out()).containsPattern("(?m)^  " + c + " ");
        }
    }

    @Test
    void everyCommandHasAWorkedExampleThatRunsTheCommand() {
        for (String c : COMMANDS) {
            CliRun r = CliRun.of(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Example").containsPattern("(?m)^  salientsi " + c + "( |$)");
        }
    }

    @Test
    void everyOptionSaysWhatItMeansAndItsDefaultOrThatItIsRequired() {
        CommandLine root = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (String c : COMMANDS) {
            check(c, root.getSubcommands().get(c), missing);
        }
        assertThat(missing).as("options whose help says neither their default nor that they are required").isEmpty();
    }

    private static void check(String name, CommandLine cmd, java.util.List<String> missing) {
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String text = String.join(" ", o.description()).toLowerCase(Locale.ROOT);
            if (text.isBlank() || !(text.contains("default") || text.contains("required"))) {
                missing.add(name + " " + o.longestName() + ": " + text);
            }
        }
        for (var sub : cmd.getSubcommands().entrySet()) {
            if (!sub.getKey().equals("help")) {
                check(name + " " + sub.getKey(), sub.getValue(), missing);
            }
        }
    }

    @Test
    void unitsAreStated() {
        assertThat(help("test")).contains("in the image's units", "in units of sigma_T", "class index, from 0");
        assertThat(help("batch")).contains("0 every image succeeded, 2 some image failed");
        assertThat(help("demo")).contains("in noise standard deviations");
    }

    private static String help(String command) {
        return CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
    }
}
