package org.salientsi.backend.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Vision Transformer and single smooth-op fixtures of {@code src/test/python/make_vit.py} in
 * {@code src/test/resources/vit}: models, the PyTorch float64 reference values ({@code vit_reference.json}) and
 * the list of single-op models ({@code ops.json}).
 */
final class VitFixtures {

    private VitFixtures() {
    }

    /** @return the directory of the fixtures */
    static Path dir() {
        return Fixtures.dir().resolveSibling("vit");
    }

    /** @return the parsed {@code vit_reference.json} */
    static JsonNode reference() {
        return json("vit_reference.json");
    }

    /** @return the file names of the single-op models listed in {@code ops.json} */
    static List<String> singleOpModels() {
        List<String> files = new ArrayList<>();
        for (JsonNode m : json("ops.json").get("models")) {
            files.add(m.get("file").asText());
        }
        return files;
    }

    /** @return a JSON file of the fixtures, parsed */
    static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(dir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
