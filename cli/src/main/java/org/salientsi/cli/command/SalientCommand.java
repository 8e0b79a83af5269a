package org.salientsi.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.salientsi.api.SalientVersion;
import org.salientsi.cli.merge.MergeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code salientsi} command. */
@Command(name = "salientsi",
        mixinStandardHelpOptions = true,
        versionProvider = SalientCommand.Version.class,
        subcommands = {ListCommand.class, TestCommand.class, BatchCommand.class, CompareCommand.class, MapCommand.class,
            DemoCommand.class, SanityCommand.class, ValidateCommand.class, MergeCommand.class, BenchCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class},
        header = "Valid selective p-values for the salient regions of CNN saliency maps.",
        description = {
            "A saliency map (CAM, ...) picks a region of an image; a plain z-test on that region is invalid "
                    + "because the data chose the hypothesis. SalientSI conditions on the selection event "
                    + "(Miwa, Duy, Takeuchi, ICLR 2023) and reports the selective, over-conditioned and "
                    + "naive p-values.",
            "",
            "Images are .npy arrays (float32/float64, (H, W) or (H, W, C), channels last) or 8-bit grey/RGB PNGs "
                    + "(scaled to [0, 1]); models are Keras .h5, DL4J .zip or ONNX .onnx files.",
            "Exit codes: 0 success, 1 internal failure or numerical breakdown, 2 bad input or usage (one line on "
                    + "standard error, no p-value), 3 nothing to test (test: the selector selected no pixel). Add "
                    + "--debug to any command for the stack trace of an error.",
            "Files: an option that reads a file takes - for standard input, one that writes a file - for standard "
                    + "output. Every command that prints results takes --json. The reference (formats, commands, "
                    + "JSON fields, statistics): docs/reference.md.",
            "'salientsi COMMAND --help' explains each option, its default and its unit."},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Example (test one image against a reference with the paper's 8x8 model, noise sd 1):",
            "  salientsi test --model examples/models/paper/model_8.h5 --image x.npy --reference r.npy --sigma 1"})
public final class SalientCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Reports the build's version and git commit (from {@code org/salientsi/cli/git.properties}, written at build
     * time; "commit unknown" when the build ran outside a git checkout).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"salientsi " + SalientVersion.current() + " (" + commit() + ")",
                "Java " + System.getProperty("java.version")};
        }

        /** @return {@code commit ABBREV[, modified]} or {@code commit unknown} */
        static String commit() {
            Properties git = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/org/salientsi/cli/git.properties")) {
                if (in != null) {
                    git.load(in);
                }
            } catch (IOException e) {
                return "commit unknown";
            }
            String id = git.getProperty("git.commit.id.full", "").strip();
            if (!id.matches("[0-9a-f]{7,64}")) {
                return "commit unknown";
            }
            return "commit " + id + ("true".equals(git.getProperty("git.dirty")) ? ", with uncommitted changes" : "");
        }
    }
}
