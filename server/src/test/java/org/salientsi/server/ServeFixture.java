package org.salientsi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.salientsi.core.plugin.Plugins;

/**
 * What the serve tests share (here and in the command line's cross-checks, through this module's test jar): a
 * models folder, a running server, requests and result comparison.
 */
public final class ServeFixture implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** The response of one request. */
    public record Response(int status, String body) {
        /** @return the body as JSON */
        public JsonNode json() {
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

    public ServeFixture(Path models, int threads, int queue) throws IOException {
        this(models, new SalientServer.Config("127.0.0.1", 0, threads, queue, 64L << 20));
    }

    public ServeFixture(Path models, SalientServer.Config config) throws IOException {
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
    public static Path models(Path dir, int... sizes) {
        try {
            for (int size : sizes) {
                String name = "model_" + size + ".h5";
                try (InputStream in = ServeFixture.class.getResourceAsStream("/paper/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing test resource /paper/" + name);
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SalientServer server() {
        return server;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response post(JsonNode body) {
        return post("/v1/test", body.toString());
    }

    public HttpClient client() {
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

    /** @return a valid request for the 8x8 model, with nested arrays */
    public static ObjectNode validRequest() {
        ObjectNode r = JSON.createObjectNode().put("model", "model_8").put("sigma", 1);
        r.set("image", nested(TestImages.image(11, 8, 1, 3.0), 8));
        r.set("reference", nested(TestImages.image(12, 8, 1, 0), 8));
        return r;
    }

    /**
     * A test request with its images as base64 .npy bytes named by their file names, and sigma 1 unless
     * {@code extra} gives a sigma or a covariance.
     *
     * @param model the model's name
     * @param image the image's .npy file
     * @param reference the reference's .npy file, or null for none
     * @param extra what else the request holds
     * @return the request body
     */
    public static ObjectNode request(String model, Path image, Path reference, Consumer<ObjectNode> extra) {
        ObjectNode r = JSON.createObjectNode().put("model", model);
        r.set("image", npy(image));
        if (reference != null) {
            r.set("reference", npy(reference));
        }
        extra.accept(r);
        if (!r.has("sigma") && !r.has("covariance")) {
            r.put("sigma", 1);
        }
        return r;
    }

    /**
     * @param file a .npy file
     * @return {@code {"npy": BASE64, "name": FILE NAME}}
     */
    public static ObjectNode npy(Path file) {
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
    public static ArrayNode nested(double[] values, int size) {
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
    public static JsonNode comparable(JsonNode result) {
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
