package org.salientsi.backend.dl4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.salientsi.api.error.ModelLoadException;

/**
 * Parses a Keras {@code model_config} attribute (JSON) with limits, before DL4J's importer sees it: at
 * most {@value #MAX_DEPTH} levels of nesting (a deeper configuration is hostile: it would exhaust the
 * stack of a recursive reader), at most {@value #MAX_CHARS} characters.
 */
public final class ModelConfigJson {

    /** The deepest nesting of objects and arrays accepted in a model configuration. */
    public static final int MAX_DEPTH = 1_000;
    /** The longest model configuration accepted, in characters (Keras writes a few kB per layer). */
    public static final int MAX_CHARS = 64 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_CHARS).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ModelConfigJson() {
    }

    /**
     * @param file the model file, for messages
     * @param json the text of its {@code model_config} attribute
     * @return the configuration, an object with {@code class_name} and {@code config}
     * @throws ModelLoadException if the text is too long, too deeply nested, not JSON or not an object
     */
    public static ObjectNode parse(Path file, String json) throws ModelLoadException {
        if (json.length() > MAX_CHARS) {
            throw new ModelLoadException(file, "has a model_config of " + json.length() + " characters; at most "
                    + MAX_CHARS + " are accepted", null);
        }
        JsonNode node;
        try (JsonParser p = MAPPER.createParser(json)) {
            node = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new ModelLoadException(file, "has a model_config with text after its JSON object", null);
            }
        } catch (StreamConstraintsException e) {
            throw new ModelLoadException(file, "has a model_config nested deeper than " + MAX_DEPTH
                    + " levels (a Keras model configuration needs a few dozen)", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "has a model_config that is not valid JSON ("
                    + Messages.oneLine(e) + ")", e);
        }
        if (!(node instanceof ObjectNode o) || !o.path("class_name").isTextual()) {
            throw new ModelLoadException(file, "has a model_config that is not a Keras model configuration (a JSON "
                    + "object with a class_name)", null);
        }
        return o;
    }

    /**
     * @param config a configuration
     * @return it as JSON text
     */
    public static String write(JsonNode config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree cannot be written back", e);
        }
    }
}
