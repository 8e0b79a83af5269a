package org.salientsi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.salientsi.api.SalientVersion;
import org.salientsi.api.result.SelectiveResult;

/**
 * The OpenAPI 3.1 document of {@code GET /openapi.json}: this module's {@code openapi.json} (every endpoint, its
 * request and answer bodies, its errors), with the service's version and, as the schema {@code TestResult}, the
 * result schema that {@code salientsi-api} ships ({@code test-result.schema.json}, one source for the command
 * line, the server and this document; it keeps its {@code $defs} under its own {@code $id}).
 */
final class OpenApiDocument {

    private static final String DOCUMENT = "openapi.json";
    private static final String RESULT_SCHEMA = "test-result.schema.json";

    private OpenApiDocument() {
    }

    /**
     * @param mapper the mapper that reads and writes it
     * @return the document's bytes (UTF-8)
     * @throws UncheckedIOException if a resource is missing or not JSON (a broken build)
     */
    static byte[] load(ObjectMapper mapper) {
        try {
            ObjectNode doc = (ObjectNode) read(mapper, OpenApiDocument.class, DOCUMENT);
            ((ObjectNode) doc.get("info")).put("version", SalientVersion.current());
            ObjectNode result = (ObjectNode) read(mapper, SelectiveResult.class, RESULT_SCHEMA);
            result.put("$id", RESULT_SCHEMA);
            ((ObjectNode) doc.get("components").get("schemas")).set("TestResult", result);
            return mapper.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document cannot be built: " + e.getMessage(), e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(ObjectMapper mapper, Class<?> near, String name)
            throws IOException {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " next to " + near.getName());
            }
            return mapper.readTree(in);
        }
    }
}
