package org.salientsi.cli.command;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.cli.CliContext;
import org.salientsi.cli.io.Npy;
import org.salientsi.core.eval.CompiledNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salientsi map}: the saliency map of one image, at input resolution. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compute a saliency map at the input's resolution (no test).",
        footer = {"", "Example:", "  salientsi map --model examples/models/paper/model_8.h5 --image x.npy --json"})
public final class MapCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Image: .npy float32/float64 array (H, W) or (H, W, C), channels last.")
    java.nio.file.Path image;

    @Option(names = "--method", defaultValue = "cam", paramLabel = "NAME",
            description = "Saliency method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--target", paramLabel = "K",
            description = "Output unit to explain (default: the single output, or the arg-max class).")
    Integer target;

    @Option(names = "--cam-layer", paramLabel = "NAME", description = "Feature layer for CAM.")
    String camLayer;

    @Option(names = "--json", description = "Print {image, method, target, map} as JSON; map is H rows of W numbers.")
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
        Image x = Npy.read(image).toImage();
        SelectionOptions options = new SelectionOptions();
        options.method = method;
        options.target = target;
        options.camLayer = camLayer;
        try (ModelSession session = ModelSession.open(context, modelOptions)) {
            Network network = session.network(x.shape());
            SaliencyMethod m = session.method(network, options);
            SaliencyMap map = m.map(CompiledNetwork.compile(network).pointEvaluator().evaluate(x.toChw()));
            double[][] rows = new double[map.height()][map.width()];
            for (int h = 0; h < map.height(); h++) {
                for (int w = 0; w < map.width(); w++) {
                    rows[h][w] = map.get(h, w);
                }
            }
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
