package org.salientsi.cli.command;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.MapValues;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.io.StandardStreams;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.io.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salientsi map}: the saliency map of one image, at input resolution. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Draw the saliency map of one image (no test).",
        description = {"Computes the saliency map at the input's resolution and prints it (H rows of W numbers), "
                + "or with --json {image, method, target, map, provenance}.",
            "Exit codes: 0 success, 1 internal failure, 2 bad input.", ""},
        footer = {"", "Example (the CAM of an image under the paper's 8x8 model, as JSON):",
            "  salientsi map --model examples/models/paper/model_8.h5 --image x.npy --json"})
public final class MapCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Image (required): .npy float32/float64 array of shape (H, W) or (H, W, C), channels "
                    + "last; or an 8-bit grey or RGB .png (scaled to [0, 1]); - reads one from standard input.")
    java.nio.file.Path image;

    @Option(names = "--method", defaultValue = "cam", paramLabel = "NAME",
            description = "Saliency method (default: ${DEFAULT-VALUE}); 'salientsi list' shows the installed ones.")
    String method;

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    @Option(names = "--target", paramLabel = "K",
            description = "Output unit (class index, from 0) to explain. Default: the single output, or the "
                    + "arg-max class.")
    Integer target;

    @Option(names = "--cam-layer", paramLabel = "NAME",
            description = "Feature layer for CAM, by its name in the model. Default: the input of the global average "
                    + "pooling that feeds the last dense layer.")
    String camLayer;

    @Option(names = "--json", description = "Print {image, method, target, map, provenance} as one JSON object; map is "
            + "H rows of W numbers (default: a plain table).")
    boolean json;

    /**
     * @param context shared command context
     */
    public MapCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(modelOptions.debug);
        Image x = StandardStreams.readImage(image, context.in(), ReadLimits.DEFAULT);
        SelectionOptions options = new SelectionOptions();
        options.method = method;
        options.target = target;
        options.camLayer = camLayer;
        options.methodOptions = methodOptions;
        try (ModelSession session = ModelSession.open(context, modelOptions)) {
            Network network = session.network(x.shape());
            SaliencyMethod m = session.method(network, options);
            SaliencyMap map = m.map(CompiledNetwork.compile(network).pointEvaluator().evaluate(x.toChw()));
            double[][] rows = MapValues.of(map).toRows();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("image", x.name());
                out.put("method", m.name());
                out.put("target", map.target());
                out.put("map", rows);
                out.put("provenance", session.provenance().withPlugins(m.name(), null, null));
                context.out().println(context.json().writeValueAsString(out));
            } else {
                for (double[] row : rows) {
                    StringBuilder sb = new StringBuilder();
                    for (double v : row) {
                        sb.append(String.format(Locale.ROOT, "%10.4g", v));
                    }
                    context.out().println(sb);
                }
            }
        }
        return 0;
    }
}
