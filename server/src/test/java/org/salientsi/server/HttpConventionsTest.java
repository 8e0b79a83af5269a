package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP conventions of {@code serve}, with real requests against a started server (the paper's 8x8 model):
 * {@code /openapi.json} documents exactly the routes the server answers and its schemas hold the real answers;
 * {@code /metrics} counts requests by route and status in Prometheus' text format; {@code X-Request-Id} is
 * echoed, generated or replaced, and written in the access log; errors are RFC 9457 problem documents naming
 * request fields, not command-line flags; bodies of other media types get 415; {@code HEAD} answers where
 * {@code GET} does; other methods get 405 with {@code Allow}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HttpConventionsTest {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> HTTP_METHODS = Set.of("get", "head", "post", "put", "delete", "patch",
            "options", "trace");
    /** A sample line of the text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final Path ACCESS_LOG = Path.of("target/server-tests.log");

    @TempDir
    static Path dir;

    static ServeFixture serve;
    static HttpClient client;
    static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        serve = new ServeFixture(ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8), 2, 8);
        client = serve.client();
        HttpResponse<String> r = send("GET", "/openapi.json", null, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        document = ServeFixture.JSON.readTree(r.body());
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body,
                                             String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(serve.uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> postJson(String body) {
        return send("POST", "/v1/test", "application/json", body, null);
    }

    private static String request(Consumer<ObjectNode> change) {
        ObjectNode r = ServeFixture.validRequest();
        change.accept(r);
        return r.toString();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return ServeFixture.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    /** @return "METHOD /path" for every operation of the document */
    private static Set<String> documentedOperations() {
        Set<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = document.get("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (HTTP_METHODS.contains(method)) {
                    ops.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    /** A concrete path for a template: each parameter replaced by the first value its schema enumerates. */
    private static String concrete(String template) {
        JsonNode get = document.get("paths").get(template).get("get");
        String path = template;
        if (get != null && get.has("parameters")) {
            for (JsonNode p : get.get("parameters")) {
                if (p.has("in") && p.get("in").asText().equals("path")) {
                    path = path.replace("{" + p.get("name").asText() + "}",
                            p.get("schema").get("enum").get(0).asText());
                }
            }
        }
        return path;
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesTheServerAnswers() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.get("info").get("version").asText()).isNotBlank();
        Set<String> registered = Stream.of(Endpoint.values())
                .flatMap(e -> e.methods().stream().map(m -> m + " " + e.template()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documentedOperations()).isEqualTo(registered);

        // each documented operation is answered, with a status it documents, and not as an unknown route
        for (String op : documentedOperations()) {
            String method = op.substring(0, op.indexOf(' '));
            String template = op.substring(op.indexOf(' ') + 1);
            HttpResponse<String> r = method.equals("POST")
                    ? send(method, template, "application/json", ServeFixture.validRequest().toString(), null)
                    : send(method, concrete(template), null, null, null);
            JsonNode responses = document.get("paths").get(template).get(method.toLowerCase(java.util.Locale.ROOT))
                    .get("responses");
            assertThat(r.statusCode()).as("%s: %s", op, r.body()).isNotIn(404, 405);
            assertThat(responses.has(Integer.toString(r.statusCode()))).as("%s answers %d", op, r.statusCode())
                    .isTrue();
        }
        // a path the server answers with another method: 405, with Allow listing the documented methods
        for (Iterator<String> p = document.get("paths").fieldNames(); p.hasNext(); ) {
            String template = p.next();
            HttpResponse<String> r = send("PUT", concrete(template), "application/json", "{}", null);
            assertThat(r.statusCode()).as("PUT %s", template).isEqualTo(405);
            Set<String> allowed = new TreeSet<>(Arrays.asList(r.headers().firstValue("Allow").orElse("")
                    .split(", ")));
            Set<String> documented = documentedOperations().stream().filter(o -> o.endsWith(" " + template))
                    .map(o -> o.substring(0, o.indexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
            assertThat(allowed).as("Allow of %s", template).isEqualTo(documented);
        }
    }

    /** The document's own schemas, each checked against a real answer (and a wrong value, so they can fail). */
    @Test
    void theDocumentsSchemasHoldTheRealAnswers() {
        Set<String> fields = new LinkedHashSet<>();
        document.at("/components/schemas/TestRequest/properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrderElementsOf(TestRequest.FIELDS);

        HttpResponse<String> result = postJson(ServeFixture.validRequest().toString());
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        assertValid("TestResult", json(result));
        assertInvalid("TestResult", ((ObjectNode) json(result).deepCopy()).put("selective_p", 1.5));
        assertValid("TestRequest", ServeFixture.validRequest());
        assertInvalid("TestRequest", ServeFixture.validRequest().put("sigmaa", 1));

        JsonNode problem = json(postJson(request(r -> r.put("range", 0))));
        assertValid("Problem", problem);
        assertInvalid("Problem", ((ObjectNode) problem.deepCopy()).put("status", 200));
        assertValid("ModelList", json(send("GET", "/v1/models", null, null, null)));
        JsonNode health = json(send("GET", "/health", null, null, null));
        assertValid("Health", health);
        assertInvalid("Health", ((ObjectNode) health.deepCopy()).put("status", "sleepy"));
        assertValid("ProblemType", json(send("GET", "/problems/numerical", null, null, null)));
    }

    private static Set<?> violations(String schema, JsonNode value) {
        ObjectNode root = document.deepCopy();
        root.put("$id", "https://salientsi.test/openapi.json");
        root.put("$ref", "#/components/schemas/" + schema);
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        return s.validate(value);
    }

    private static void assertValid(String schema, JsonNode value) {
        assertThat(violations(schema, value)).as("%s: %s", schema, value).isEmpty();
    }

    private static void assertInvalid(String schema, JsonNode value) {
        assertThat(violations(schema, value)).as("%s: %s", schema, value).isNotEmpty();
    }

    /** @return every sample of a scrape: "name{sorted labels}" to value */
    private static Map<String, Double> scrape() {
        HttpResponse<String> r = send("GET", "/metrics", null, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            samples.put(key(m.group(1), m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    /** A sample's key with its labels sorted, so that the writer's order does not matter. */
    private static String key(String name, String labels) {
        Map<String, String> sorted = new java.util.TreeMap<>();
        Matcher l = LABEL.matcher(labels);
        while (l.find()) {
            sorted.put(l.group(1), l.group(2));
        }
        return name + sorted;
    }

    private static double sample(Map<String, Double> samples, String name, String... labels) {
        Map<String, String> sorted = new java.util.TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(name + sorted, 0.0);
    }

    @Test
    void metricsCountRequestsByRouteAndStatusWithALatencyHistogram() throws Exception {
        // series no other test makes (a method that gets 405, one on an unknown path), so counts are exact
        String[] options = {"method", "OPTIONS", "route", "/health", "status", "405"};
        String[] unknown = {"method", "PATCH", "route", HttpMetrics.UNMATCHED, "status", "404"};
        Map<String, Double> first = scrape();
        double before = sample(first, "salientsi_http_requests_total", options);
        double unmatched = sample(first, "salientsi_http_requests_total", unknown);
        send("OPTIONS", "/health", null, null, null);
        send("OPTIONS", "/health", null, null, null);
        send("PATCH", "/no/such/thing", "application/json", "{}", null);
        send("GET", "/health", null, null, null);
        // a request counts when its answer is complete, which the client may see first: wait for it
        Map<String, Double> s = scrape();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((sample(s, "salientsi_http_requests_total", options) < before + 2
                || sample(s, "salientsi_http_requests_total", unknown) < unmatched + 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = scrape();
        }
        assertThat(sample(s, "salientsi_http_requests_total", options)).isEqualTo(before + 2);
        assertThat(sample(s, "salientsi_http_requests_total", unknown)).isEqualTo(unmatched + 1);
        assertThat(sample(s, "salientsi_http_requests_total", "method", "GET", "route", "/health", "status", "200"))
                .isGreaterThanOrEqualTo(1);
        double count = sample(s, "salientsi_http_request_duration_seconds_count", "route", "/health");
        assertThat(count).isGreaterThanOrEqualTo(3);
        assertThat(sample(s, "salientsi_http_request_duration_seconds_bucket", "route", "/health", "le", "+Inf"))
                .isEqualTo(count);
        assertThat(sample(s, "salientsi_http_request_duration_seconds_bucket", "route", "/health", "le", "0.001"))
                .isLessThanOrEqualTo(sample(s, "salientsi_http_request_duration_seconds_bucket", "route", "/health",
                        "le", "1.0"));
        assertThat(s).containsKey("salientsi_http_request_duration_seconds_bucket{le=1.0, route=/health}");
        assertThat(sample(s, "salientsi_http_request_duration_seconds_sum", "route", "/health")).isPositive();
        assertThat(s).containsKey("salientsi_tests_in_flight{}");
    }

    @Test
    void testsInFlightRiseWhileTestsRunAndFallBackToZero() throws Exception {
        AtomicBoolean seen = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                running.add(clients.submit(() -> {
                    while (!done.get()) {
                        assertThat(postJson(ServeFixture.validRequest().toString()).statusCode()).isEqualTo(200);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seen.get() && System.nanoTime() < deadline) {
                seen.set(sample(scrape(), "salientsi_tests_in_flight") >= 1);
            }
            done.set(true);
            for (java.util.concurrent.Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            clients.shutdownNow();
        }
        assertThat(seen).as("a scrape saw a test in flight").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sample(scrape(), "salientsi_tests_in_flight") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sample(scrape(), "salientsi_tests_in_flight")).isZero();
    }

    @Test
    void theRequestIdIsEchoedGeneratedWhenAbsentReplacedWhenUnsafeAndLogged() throws Exception {
        assertThat(send("GET", "/health", null, null, null).headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(send("GET", "/health", null, null, "trace-42.a:b/c=").headers().firstValue("X-Request-Id"))
                .hasValue("trace-42.a:b/c=");
        String longest = "x".repeat(RequestIds.MAX_LENGTH);
        assertThat(send("GET", "/health", null, null, longest).headers().firstValue("X-Request-Id")).hasValue(longest);
        for (String unsafe : List.of(longest + "x", "a b", "\"quoted\"", "<script>", "id;drop")) {
            assertThat(send("GET", "/health", null, null, unsafe).headers().firstValue("X-Request-Id"))
                    .as(unsafe).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        }
        // a problem names the id its answer carries
        HttpResponse<String> bad = postJson("{\"model\": ");
        assertThat(json(bad).get("request_id").asText()).isEqualTo(bad.headers().firstValue("X-Request-Id")
                .orElseThrow());

        // one access log line per request, through SLF4J, with the id
        String id = "access-" + System.nanoTime();
        assertThat(send("GET", "/v1/models", null, null, id).statusCode()).isEqualTo(200);
        String unsafeId = "two words";
        String generated = send("GET", "/nowhere", null, null, unsafeId).headers().firstValue("X-Request-Id")
                .orElseThrow();
        List<String> lines = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(ACCESS_LOG).stream()
                    .filter(l -> l.contains(SalientServer.ACCESS_LOG)).toList();
            if (lines.stream().anyMatch(l -> l.endsWith("request_id=" + generated))
                    && lines.stream().anyMatch(l -> l.endsWith("request_id=" + id))) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(lines).filteredOn(l -> l.endsWith("request_id=" + id)).singleElement().satisfies(l ->
                assertThat(l).contains("INFO").contains("\"GET /v1/models HTTP/1.1\" 200 ").contains(" ms "));
        assertThat(lines).filteredOn(l -> l.endsWith("request_id=" + generated)).singleElement().satisfies(l ->
                assertThat(l).contains("\"GET /nowhere HTTP/1.1\" 404 "));
        assertThat(lines).noneMatch(l -> l.contains(unsafeId));
    }

    @Test
    void errorsAreProblemDocumentsNamingRequestFieldsNotFlags() {
        HttpResponse<String> r = postJson(request(n -> n.put("cam-layer", "no_such_layer")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("type").asText()).isEqualTo("/problems/bad-input");
        assertThat(p.get("title").asText()).isEqualTo("Bad input");
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("instance").asText()).isEqualTo("/v1/test");
        assertThat(p.get("error_kind").asText()).isEqualTo("bad-input");
        assertThat(p.get("detail").asText()).contains("field 'cam-layer'").contains("no_such_layer")
                .doesNotContain("--");

        JsonNode range = json(postJson(request(n -> n.put("range", 0))));
        assertThat(range.get("detail").asText()).startsWith("field 'range' ").doesNotContain("--");
        JsonNode sigma = json(postJson(request(n -> n.put("sigma", "one"))));
        assertThat(sigma.get("detail").asText()).isEqualTo("field 'sigma': 'one' is not a number");

        // the type resolves, against the answer's URL, to its description
        HttpResponse<String> type = send("GET", p.get("type").asText(), null, null, null);
        assertThat(type.statusCode()).isEqualTo(200);
        assertThat(json(type).get("title").asText()).isEqualTo("Bad input");
        assertThat(send("GET", "/problems/no-such-type", null, null, null).statusCode()).isEqualTo(404);

        // a failure the status says by itself is about:blank, titled by the reason phrase
        JsonNode missing = json(send("GET", "/v2/everything", null, null, null));
        assertThat(missing.get("type").asText()).isEqualTo("about:blank");
        assertThat(missing.get("title").asText()).isEqualTo("Not Found");
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        assertThat(missing.get("detail").asText()).contains("POST /v1/test").contains("/openapi.json");
    }

    @Test
    void bodiesNotSentAsJsonGet415() {
        String ok = ServeFixture.validRequest().toString();
        for (String type : List.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "text/json", "application/xml")) {
            HttpResponse<String> r = send("POST", "/v1/test", type, ok, null);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.headers().firstValue("Accept-Post")).hasValue("application/json; charset=utf-8");
            JsonNode p = json(r);
            assertThat(p.get("title").asText()).isEqualTo("Unsupported Media Type");
            assertThat(p.get("type").asText()).isEqualTo("about:blank");
            assertThat(p.get("detail").asText()).contains("unsupported Content-Type");
        }
        HttpResponse<String> none = send("POST", "/v1/test", null, ok, null);
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(json(none).get("detail").asText()).startsWith("missing Content-Type");
        for (String type : List.of("application/json", "application/json; charset=UTF-8", "application/vnd.x+json")) {
            assertThat(send("POST", "/v1/test", type, ok, null).statusCode()).as(type).isEqualTo(200);
        }
    }

    @Test
    void headAnswersWhereGetDoesWithItsHeadersAndNoBody() {
        for (Endpoint e : Endpoint.values()) {
            if (!e.allows("GET")) {
                assertThat(send("HEAD", e.template(), null, null, null).statusCode()).as("HEAD %s", e.template())
                        .isEqualTo(405);
                continue;
            }
            String path = concrete(e.template());
            HttpResponse<String> get = send("GET", path, null, null, null);
            HttpResponse<String> head = send("HEAD", path, null, null, null);
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(get.statusCode());
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValue("X-Request-Id")).isPresent();
            long length = Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow());
            if (e == Endpoint.OPENAPI || e == Endpoint.MODELS || e == Endpoint.PROBLEM_TYPE) {
                assertThat(length).as("HEAD %s", path).isEqualTo(get.body().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8).length);
            } else {
                assertThat(length).as("HEAD %s", path).isPositive();
            }
        }
    }

    @Test
    void otherMethodsGet405WithAllow() {
        HttpResponse<String> delete = send("DELETE", "/v1/models", null, null, null);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(json(delete).get("type").asText()).isEqualTo("about:blank");
        assertThat(json(delete).get("title").asText()).isEqualTo("Method Not Allowed");
        HttpResponse<String> get = send("GET", "/v1/test", null, null, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(get).get("detail").asText()).isEqualTo("method GET is not allowed on /v1/test; use POST");
    }
}
