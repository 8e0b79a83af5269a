package org.salientsi.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                + "statistics (found with ServiceLoader). With --json, one object {backends, methods, selectors, "
                + "statistics}, each a list of {name, description, capabilities} (backends also file_extensions), "
                + "and load_errors (docs/reference.md).",
        footer = {"", "Example (which methods, selectors, statistics and backends this installation has):",
            "  salientsi list", "  salientsi list --json"})
public final class ListCommand implements Runnable {

    private final CliContext context;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    @Option(names = "--json", description = "Print the plugins as one JSON object (default: a readable list).")
    boolean json;

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
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("backends", entries(plugins.backends()));
            all.put("methods", entries(plugins.methods()));
            all.put("selectors", entries(plugins.selectors()));
            all.put("statistics", entries(plugins.statistics()));
            List<String> errors = new ArrayList<>();
            for (PluginRegistry<?> r : List.of(plugins.backends(), plugins.methods(), plugins.selectors(),
                    plugins.statistics())) {
                errors.addAll(r.loadErrors());
            }
            all.put("load_errors", errors);
            try {
                out.println(context.json().writeValueAsString(all));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        section(out, "Backends (--backend, else chosen by the model's file type)", plugins.backends(), true);
        section(out, "Saliency methods (--method)", plugins.methods(), false);
        section(out, "Region selectors (--selector NAME:ARG)", plugins.selectors(), false);
        section(out, "Test statistics (--statistic)", plugins.statistics(), false);
    }

    private static <P extends Plugin> List<Map<String, Object>> entries(PluginRegistry<P> registry) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (P p : registry.all()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("description", p.description());
            e.put("capabilities", p.capabilities().stream().sorted().toList());
            if (p instanceof org.salientsi.api.backend.ModelBackendProvider b) {
                e.put("file_extensions", b.fileExtensions());
            }
            list.add(e);
        }
        return list;
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
