package org.salientsi.cli.command;

import org.salientsi.api.SalientVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code salientsi} command. */
@Command(name = "salientsi",
        mixinStandardHelpOptions = true,
        versionProvider = SalientCommand.Version.class,
        subcommands = {ListCommand.class, TestCommand.class, MapCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        header = "Valid selective p-values for the salient regions of CNN saliency maps.",
        description = {
            "A saliency map (CAM, ...) picks a region of an image; a plain z-test on that region is invalid "
                    + "because the data chose the hypothesis. SalientSI conditions on the selection event "
                    + "(Miwa, Duy, Takeuchi, ICLR 2023) and reports the selective, over-conditioned and "
                    + "naive p-values.",
            "",
            "Exit codes: 0 success, 1 internal failure or numerical breakdown, 2 bad input or usage.",
            "Add --debug to any command for the stack trace of an error."},
        footer = {"", "Example:", "  salientsi test --model model_8.h5 --image x.npy --reference r.npy --sigma 1"})
public final class SalientCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"salientsi " + SalientVersion.current(), "Java " + System.getProperty("java.version")};
        }
    }
}
