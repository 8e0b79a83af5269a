package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.cli.CliContext;
import org.salientsi.cli.io.Npy;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salientsi test}: one selective test of the region a saliency map picks in one image. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test whether the region a saliency map selects in an image differs from the reference "
                + "(or from the background), with a p-value that is valid given the selection.",
            "Prints the selective, over-conditioned (OC) and naive p-values; --json prints one JSON object "
                    + "(DESIGN.md section 4)."},
        footer = {"", "Example:",
            "  salientsi test --model examples/models/paper/model_8.h5 --image x.npy --reference r.npy --sigma 1"})
public final class TestCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Test image: .npy float32/float64 array (H, W) or (H, W, C), channels last.")
    Path image;

    @ArgGroup(exclusive = true)
    ReferenceOptions references;

    @ArgGroup(exclusive = true, multiplicity = "1")
    NoiseOptions noise;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** One reference, or a folder of references of the same scene. */
    static final class ReferenceOptions {
        @Option(names = "--reference", paramLabel = "FILE", description = "Reference image (.npy), same shape.")
        Path reference;

        @Option(names = "--references", paramLabel = "DIR",
                description = "Folder of reference images (.npy) of the same scene; their mean is used "
                        + "(covariance sigma^2 / m).")
        Path folder;
    }

    /** The noise of the image. */
    static final class NoiseOptions {
        @Option(names = "--sigma", paramLabel = "S",
                description = "Noise standard deviation of each pixel (same units as the image), > 0.")
        Double sigma;

        @Option(names = "--covariance", paramLabel = "FILE",
                description = "Full n x n noise covariance (.npy, n = H*W*C in the image's (H, W, C) order), "
                        + "symmetric positive definite; replaces sigma^2 I.")
        Path covariance;
    }

    /**
     * @param context shared command context
     */
    public TestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(modelOptions.debug);
        Image x = Npy.read(image).toImage();
        List<Image> refs = readReferences(references);
        Observation observation = Observation.withReferences(x, refs);
        NoiseModel noiseModel = noiseModel(noise, x.shape().size());
        SelectiveTest test = SelectiveTest.withDefaults().with(selection.alternative())
                .withTermination(selection.termination()).withRange(selection.range)
                .withConfidenceLevel(selection.confidence).withNoise(noiseModel);
        try (ModelSession session = ModelSession.open(context, modelOptions)) {
            Selection sel = session.selection(x.shape(), selection, observation.hasReference());
            Provenance provenance = session.provenance();
            if (noise.covariance != null) {
                provenance = provenance.withOption("covariance", noise.covariance.getFileName().toString());
            }
            if (selection.target != null) {
                provenance = provenance.withOption("target", selection.target.toString());
            }
            if (selection.camLayer != null) {
                provenance = provenance.withOption("cam-layer", selection.camLayer);
            }
            SelectiveResult result = test.run(sel, observation, provenance);
            if (json) {
                context.out().println(context.json().writeValueAsString(result));
            } else {
                ResultText.print(result, context.out());
            }
        }
        return 0;
    }

    static List<Image> readReferences(ReferenceOptions options) throws IOException {
        List<Image> refs = new ArrayList<>();
        if (options == null) {
            return refs;
        }
        if (options.reference != null) {
            refs.add(Npy.read(options.reference).toImage());
        } else if (options.folder != null) {
            if (!Files.isDirectory(options.folder)) {
                throw new InvalidInputException("--references " + options.folder + " is not a folder");
            }
            try (Stream<Path> files = Files.list(options.folder)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".npy")).sorted().toList()) {
                    refs.add(Npy.read(p).toImage());
                }
            }
            if (refs.isEmpty()) {
                throw new InvalidInputException("--references " + options.folder + " holds no .npy file");
            }
        }
        return refs;
    }

    static NoiseModel noiseModel(NoiseOptions options, int size) {
        if (options.covariance != null) {
            return NoiseModel.covariance(Npy.read(options.covariance).toSquareMatrix(size), size);
        }
        if (options.sigma == null || !(options.sigma > 0) || options.sigma.isInfinite()) {
            throw new InvalidInputException("--sigma must be a finite number > 0, got " + options.sigma);
        }
        return NoiseModel.isotropic(options.sigma);
    }
}
