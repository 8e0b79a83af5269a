package org.salientsi.cli.command;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.io.ImageFiles;
import org.salientsi.methods.gradient.IntegratedGradientsMethod;
import picocli.CommandLine.Option;

/**
 * Options of the saliency methods beyond the target and the CAM layer; each is passed to the method as a
 * parameter only when given, so that every method keeps its own defaults.
 */
public final class MethodOptions {

    @Option(names = "--channels", paramLabel = "MODE",
            description = "How a method that gives one value per input channel reduces them to one per pixel: sum "
                    + "or max-abs (default: sum).")
    String channels;

    @Option(names = "--samples", paramLabel = "M",
            description = "Noise draws of smoothgrad, or Riemann steps of integrated-gradients (default: 8).")
    Integer samples;

    @Option(names = "--noise", paramLabel = "S",
            description = "Standard deviation of smoothgrad's noise, in the image's units (default: 0.15).")
    Double noise;

    @Option(names = "--noise-seed", paramLabel = "N",
            description = "Seed of smoothgrad's noise draws (default: 0).")
    Long noiseSeed;

    @Option(names = "--baseline", paramLabel = "B",
            description = "Baseline of integrated-gradients: zero, a number, or an image file (.npy or .png, the "
                    + "image's shape); for occlusion the fill value (default: zero).")
    String baseline;

    @Option(names = "--window", paramLabel = "K",
            description = "Side of occlusion's square patch, in pixels (default: the method's own).")
    Integer window;

    @Option(names = "--stride", paramLabel = "K",
            description = "Step of occlusion's patch, in pixels (default: the method's own).")
    Integer stride;

    @Option(names = "--method-option", paramLabel = "KEY=VALUE",
            description = "Any other parameter of the saliency method (repeatable), e.g. for a plugin method; a key "
                    + "the method does not read is refused, listing the ones it reads (default: none).")
    Map<String, String> extra = new TreeMap<>();

    /** @return the given options as method parameters, by their parameter names */
    public Map<String, String> asParameters() {
        Map<String, String> p = new TreeMap<>(extra);
        put(p, "channels", channels);
        put(p, "m", samples);
        put(p, "noise", noise);
        put(p, "seed", noiseSeed);
        put(p, "window", window);
        put(p, "stride", stride);
        if (baseline != null) {
            p.put("baseline", baselineParameter(baseline));
        }
        return p;
    }

    private static void put(Map<String, String> p, String key, Object value) {
        if (value != null) {
            p.put(key, value.toString());
        }
    }

    /** A baseline file becomes the exact values the method reads; a number or {@code zero} passes as it is. */
    private static String baselineParameter(String text) {
        String t = text.trim();
        if (t.endsWith(".npy") || t.endsWith(".png")) {
            try {
                return IntegratedGradientsMethod.baselineOption(ImageFiles.read(Path.of(t)).toArray());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--baseline " + e.getMessage());
            }
        }
        return t;
    }
}
