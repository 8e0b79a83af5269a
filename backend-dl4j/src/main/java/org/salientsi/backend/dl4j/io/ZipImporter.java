package org.salientsi.backend.dl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.salientsi.api.error.ModelLoadException;

/**
 * Reads DL4J model zips ({@code ModelSerializer.writeModel}, {@code model.save(file)}): a
 * {@code configuration.json} and a {@code coefficients.bin}. The configuration says which kind of
 * network it is ({@code "vertices"}: a {@link ComputationGraph}; {@code "confs"}: a
 * {@link MultiLayerNetwork}). A Keras 3 {@code .keras} zip is recognised and refused with advice.
 */
public final class ZipImporter {

    private static final String CONFIGURATION = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";

    private ZipImporter() {
    }

    /**
     * @param file a zip file that {@link ModelFiles#inspect} accepted
     * @return the model (the input type is not recorded in DL4J zips)
     * @throws ModelLoadException if the zip is corrupt or truncated, is not a DL4J model, or is a Keras 3
     *     file
     */
    public static Imported load(Path file) throws ModelLoadException {
        JsonNode configuration;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry(CONFIGURATION);
            if (conf == null || zip.getEntry(COEFFICIENTS) == null) {
                ZipEntry metadata = zip.getEntry("metadata.json");
                if (metadata != null && zip.getEntry("config.json") != null) {
                    JsonNode meta = readJson(zip, metadata);
                    throw Messages.keras3(file, meta.path("keras_version").asText("3"));
                }
                throw new ModelLoadException(file, "is a zip file but not a DL4J model (it lacks " + CONFIGURATION
                        + " and " + COEFFICIENTS + ")", null);
            }
            configuration = readJson(zip, conf);
        } catch (ModelLoadException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelLoadException(file, "is a corrupt or truncated zip file (" + Messages.oneLine(e) + ")", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read as a zip file: " + Messages.oneLine(e), e);
        }
        boolean graph = configuration.has("vertices");
        boolean layers = configuration.has("confs");
        if (graph == layers) {
            throw new ModelLoadException(file, "has a " + CONFIGURATION + " that is neither a ComputationGraph nor a "
                    + "MultiLayerNetwork configuration", null);
        }
        try {
            Model model = graph ? ComputationGraph.load(file.toFile(), false)
                    : MultiLayerNetwork.load(file.toFile(), false);
            checkFinite(file, model);
            return new Imported(model, null, "DL4J " + (graph ? "ComputationGraph" : "MultiLayerNetwork") + " zip");
        } catch (ModelLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(file, "is a corrupt DL4J model zip: " + Messages.oneLine(e), e);
        }
    }

    /**
     * Refuses a network with a NaN or infinite parameter, naming the layer and the parameter (DL4J checks
     * that the coefficients fit the configuration's parameter count when it loads the zip).
     */
    private static void checkFinite(Path file, Model model) throws ModelLoadException {
        for (java.util.Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : model.paramTable().entrySet()) {
            org.nd4j.linalg.api.ndarray.INDArray p = e.getValue();
            if (p.isNaN().any() || p.isInfinite().any()) {
                String key = e.getKey();
                int cut = key.lastIndexOf('_');
                String layer = cut > 0 ? key.substring(0, cut) : key;
                String param = cut > 0 ? key.substring(cut + 1) : key;
                throw new ModelLoadException(file, "layer '" + layer + "': parameter " + param + " "
                        + java.util.Arrays.toString(p.shape()) + " holds a NaN or infinite value (parameters must be "
                        + "finite)", null);
            }
        }
    }

    private static JsonNode readJson(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try {
                return new ObjectMapper().readTree(text);
            } catch (IOException e) {
                throw new ZipException(entry.getName() + " is not valid JSON: " + Messages.oneLine(e));
            }
        }
    }
}
