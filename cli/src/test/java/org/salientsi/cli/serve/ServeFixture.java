package org.salientsi.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.salientsi.cli.TestData;
import org.salientsi.core.plugin.Plugins;

/** What the serve tests share: a models folder, a running server, requests and result comparison. */
final class ServeFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The response of one request. */
    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final ModelCatalog catalog;
    private final SalientServer server;
    private final HttpClient client;

    ServeFixture(Path models, int threads, int queue) throws IOException {
        this(models, new SalientServer.Config("127.0.0.1", 0, threads, queue, 64L << 20));
    }

    ServeFixture(Path models, SalientServer.Config config) throws IOException {
        this.catalog = ModelCatalog.load(Plugins.load(), models);
        this.server = SalientServer.start(catalog, new ObjectMapper(), config);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * @param dir an empty folder
     * @param sizes the paper's model sizes to copy there
     * @return the folder
     */
    static Path models(Path dir, int... sizes) {
        try {
            for (int size : sizes) {
                Files.copy(TestData.paperModel(size), dir.resolve("model_" + size + ".h5"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SalientServer server() {
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    Response post(JsonNode body) {
        return post("/v1/test", body.toString());
    }

    HttpClient client() {
        return client;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param file a .npy file
     * @return {@code {"npy": BASE64, "name": FILE NAME}}
     */
    static ObjectNode npy(Path file) {
        try {
            return JSON.createObjectNode().put("npy", Base64.getEncoder().encodeToString(Files.readAllBytes(file)))
                    .put("name", file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param values row-major grey values
     * @param size the side
     * @return {@code size} rows of {@code size} numbers
     */
    static ArrayNode nested(double[] values, int size) {
        ArrayNode rows = JSON.createArrayNode();
        for (int h = 0; h < size; h++) {
            ArrayNode row = rows.addArray();
            for (int w = 0; w < size; w++) {
                row.add(values[h * size + w]);
            }
        }
        return rows;
    }

    /**
     * @param result a test's JSON object
     * @return a copy without what may differ between runs of the same test: wall time and provenance
     */
    static JsonNode comparable(JsonNode result) {
        ObjectNode copy = result.deepCopy();
        copy.remove("seconds");
        copy.remove("provenance");
        return copy;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(30));
        catalog.close();
    }
}
