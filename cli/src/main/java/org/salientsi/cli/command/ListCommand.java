package org.salientsi.cli.command;

import java.io.PrintWriter;
import java.util.List;
import org.salientsi.api.spi.Plugin;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.cli.context.CliContext;
import org.salientsi.core.plugin.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code salientsi list}: the plugins found on the class path. */
@Command(name = "list", mixinStandardHelpOptions = true,
        header = "List the installed backends, saliency methods, selectors and statistics.",
        description = "List the installed plugins: model backends, saliency methods, region selectors and test "
                + "statistics (found with ServiceLoader).",
        footer = {"", "Example (which methods, selectors, statistics and backends this installation has):",
            "  salientsi list"})
public final class ListCommand implements Runnable {

    private final CliContext context;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        Plugins plugins = context.plugins();
        PrintWriter out = context.out();
        section(out, "Backends (--backend, else chosen by the model's file type)", plugins.backends(), true);
        section(out, "Saliency methods (--method)", plugins.methods(), false);
        section(out, "Region selectors (--selector NAME:ARG)", plugins.selectors(), false);
        section(out, "Test statistics (--statistic)", plugins.statistics(), false);
    }

    private static <P extends Plugin> void section(PrintWriter out, String title, PluginRegistry<P> registry,
                                                   boolean backends) {
        out.println(title + ":");
        List<P> all = registry.all();
        if (all.isEmpty()) {
            out.println("  (none installed)");
        }
        for (P p : all) {
            String extra = "";
            if (backends && p instanceof org.salientsi.api.backend.ModelBackendProvider b) {
                extra = " " + b.fileExtensions();
            }
            out.printf("  %-22s %s%s%s%n", p.name(), p.description(), extra,
                    p.capabilities().isEmpty() ? "" : " {" + String.join(", ", p.capabilities().stream().sorted()
                            .toList()) + "}");
        }
        for (String error : registry.loadErrors()) {
            out.println("  (failed to load: " + error + ")");
        }
        out.println();
    }
}
