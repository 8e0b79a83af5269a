package org.salientsi.validation.attention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.ir.Network;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.study.ModelSource;

/**
 * The Vision Transformer fixtures of backend-onnx ({@code src/test/python/make_vit.py}): {@code vit_16.onnx} and
 * {@code vit_32.onnx} (one-channel S x S images, 4 px patches, 2 blocks of 2 heads, 2 logits, trained to detect a
 * shifted 4 x 4 block) and PyTorch's float64 reference values ({@code vit_reference.json}).
 */
final class VitFixtures {

    private VitFixtures() {
    }

    /** @return the fixtures' directory */
    static Path dir() {
        Path fixtures = Path.of(System.getProperty("salientsi.onnxFixtures",
                "../backend-onnx/src/test/resources/fixtures"));
        return fixtures.resolveSibling("vit");
    }

    /**
     * @param size 16 or 32
     * @return the model file
     */
    static Path vit(int size) {
        return dir().resolve("vit_" + size + ".onnx");
    }

    /**
     * @param size 16 or 32
     * @return the translated network
     */
    static Network network(int size) {
        try (LoadedModel model = ModelSource.of(vit(size)).open(Plugins.load())) {
            return model.network();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + vit(size), e);
        }
    }

    /**
     * @param size 16 or 32
     * @return the reference entry of the opset-17 model of that size
     */
    static JsonNode reference(int size) {
        try {
            JsonNode all = new ObjectMapper().readTree(dir().resolve("vit_reference.json").toFile());
            for (JsonNode m : all.get("models")) {
                if (m.get("file").asText().equals("vit_" + size + ".onnx")) {
                    return m;
                }
            }
            throw new IllegalStateException("no reference for vit_" + size + ".onnx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
