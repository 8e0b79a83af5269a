package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code serve} against hostile and broken clients, on the paper's 8x8 model: every bad body gets one
 * 4xx answer as a problem document ({@code detail}: one line; {@code "error_kind": "bad-input"}), no
 * p-value) that names the problem; limits are checked before what they protect is allocated; clients
 * that send nothing or send slowly are cut off by the head and body deadlines; the memory that bodies
 * may hold is bounded and given back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileClientsTest {

    private static final int TIGHT_MAX_BODY = 64 * 1024;
    private static final long TIGHT_BUDGET = 128 * 1024;

    @TempDir
    static Path dir;

    /** Default limits. */
    static ServeFixture serve;
    /** Short deadlines and small limits: a 1 s head deadline, 2 s body deadline, 64 KiB bodies. */
    static ServeFixture tight;

    @BeforeAll
    static void start() throws IOException {
        Path models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8);
        serve = new ServeFixture(models, 2, 16);
        ServeLimits limits = new ServeLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), 512,
                TIGHT_BUDGET, 10_000);
        tight = new ServeFixture(models, new SalientServer.Config("127.0.0.1", 0, 1, 4, TIGHT_MAX_BODY, limits));
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (tight != null) {
            tight.close();
        }
    }

    private static ObjectNode valid() {
        return ServeFixture.validRequest();
    }

    private static String with(UnaryOperator<ObjectNode> change) {
        return change.apply(valid()).toString();
    }

    /** {@code [[...]]} nested {@code depth} deep around one number. */
    private static String nestedDeep(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    /** A request whose image field is the given raw JSON text. */
    private static String withRawImage(String imageJson) {
        String body = valid().toString();
        int at = body.indexOf("\"image\":") + "\"image\":".length();
        int end = body.indexOf(",\"reference\"");
        return body.substring(0, at) + imageJson + body.substring(end);
    }

    /**
     * A shape claimed by the first element at each depth ({@code n} at each of 4 depths, so n^4
     * values) with the other elements empty: a few hundred numbers that claim 10^8.
     */
    private static String claimedShape(int n) {
        String inner = "[" + "0.5,".repeat(n - 1) + "0.5]";
        for (int depth = 0; depth < 3; depth++) {
            inner = "[" + inner + ",[]".repeat(n - 1) + "]";
        }
        return inner;
    }

    /** A bad body: what is sent, and the answer it must get. */
    record Case(String name, String contentType, byte[] body, int status, String names) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case json(String name, String body, int status, String names) {
        return new Case(name, "application/json", body.getBytes(StandardCharsets.UTF_8), status, names);
    }

    static Stream<Case> badBodies() {
        String ok = valid().toString();
        return Stream.of(
                json("nesting 1001 levels deep", withRawImage(nestedDeep(1001)), 400,
                        "nesting depth (1001) exceeds the maximum allowed (1000"),
                json("an image nested 9 levels (within the JSON limit)", withRawImage(nestedDeep(9)), 400,
                        "image is nested deeper than 8 levels"),
                json("a number of 2000 digits", with(r -> r.put("sigma", 7)).replace("\"sigma\":7",
                        "\"sigma\":1" + "0".repeat(2000)), 400, "Number value length (2001) exceeds the maximum"),
                json("sigma 1e999, beyond a double", ok.replace("\"sigma\":1", "\"sigma\":1e999"), 400, "sigma"),
                json("a NaN literal for a pixel", withRawImage(ServeFixture.nested(TestImages.image(11, 8, 1, 3.0), 8)
                        .toString().replaceFirst("[-0-9.E]+", "NaN")), 400, "NaN"),
                json("an Infinity literal for sigma", ok.replace("\"sigma\":1", "\"sigma\":Infinity"), 400, "sigma"),
                json("truncated JSON", ok.substring(0, ok.length() / 2), 400, "the request body is not valid JSON"),
                json("text after the object", ok + " {}", 400,
                        "the request body is not valid JSON: text after the JSON object, at byte "),
                json("a duplicated field", ok.replace("\"sigma\":1", "\"sigma\":1,\"sigma\":100"), 400,
                        "Duplicate field 'sigma'"),
                json("a field name of 2000 characters", ok.replace("\"sigma\":1", "\"" + "s".repeat(2000) + "\":1"),
                        400, "the request body exceeds a limit: Name length"),
                json("an image of 7 rows for the 8x8 model", with(r -> {
                    ((ArrayNode) r.get("image")).remove(7);
                    return r;
                }), 400, "does not match image image 7x8"),
                json("rows of different lengths", with(r -> {
                    ((ArrayNode) r.get("image").get(5)).remove(0);
                    return r;
                }), 400, "image is not rectangular: at depth 1 expected an array of 8 values, got an array of 7"),
                json("a shape claimed by first elements, its values missing", withRawImage(claimedShape(100)), 400,
                        "image is not rectangular: at depth 3 expected an array of 100 values, got an array of 0"),
                json("an image of strings", withRawImage("[[\"0.1\", \"0.2\"], [\"0.3\", \"0.4\"]]"), 400,
                        "image holds a string where a number is expected"),
                json("an empty body", "", 400, "the request body must be a JSON object"),
                json("a JSON array instead of an object", "[" + ok + "]", 400,
                        "the request body must be a JSON object"),
                new Case("invalid UTF-8", "application/json", invalidUtf8(ok), 400,
                        "the request body is not valid JSON: Invalid UTF-8"),
                new Case("XML (Content-Type application/xml)", "application/xml",
                        "<test model=\"model_8\"/>".getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported Content-Type 'application/xml'"),
                new Case("multipart form", "multipart/form-data; boundary=x", ok.getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported Content-Type 'multipart/form-data; boundary=x'"),
                new Case("JSON in UTF-16", "application/json; charset=utf-16", ok.getBytes(StandardCharsets.UTF_16),
                        415, "unsupported charset 'utf-16'"));
    }

    private static byte[] invalidUtf8(String body) {
        byte[] b = body.replace("model_8", "model_\u00e9").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == (byte) 0xc3) {
                b[i] = (byte) 0xff;
            }
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyGetsOne4xxAnswerNamingTheProblem(Case c) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(serve.uri("/v1/test")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", c.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(c.body())).build();
        HttpResponse<String> r = serve.client().send(request, HttpResponse.BodyHandlers.ofString());
        assertRefused(new ServeFixture.Response(r.statusCode(), r.body()), c.status(), c.names());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** One answer of the error shape: the status, one line naming the problem, no p-value. */
    static void assertRefused(ServeFixture.Response r, int status, String names) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        JsonNode j = r.json();
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).as("%s", r).containsExactly("type", "title", "status", "detail", "instance", "error_kind",
                "request_id");
        assertThat(j.get("status").asInt()).isEqualTo(status);
        assertThat(j.get("detail").asText()).as("%s", r).contains(names).doesNotContain("\n").doesNotContain("\tat ");
        assertThat(j.get("error_kind").asText()).isEqualTo(status == 503 ? "busy" : "bad-input");
    }

    @Test
    void aClaimedLengthOverTheLimitGets413BeforeAnyByteOfTheBody() {
        try (RawHttp c = new RawHttp(serve.server().port(), 10_000)) {
            RawHttp.Answer a = c.send("POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000000\r\n\r\n{").read();
            assertRefused(a.response(), 413, "the request body is larger than " + (64L << 20) + " bytes");
            assertThat(a.head()).containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGets413() {
        try (RawHttp c = new RawHttp(tight.server().port(), 10_000)) {
            StringBuilder s = new StringBuilder("POST /v1/test HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/json\r\n\r\n");
            String chunk = "[" + "0,".repeat(4000);
            for (int i = 0; i < 10; i++) { // 80 KB in all, over the 64 KiB limit
                s.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            RawHttp.Answer a = c.send(s.toString()).read();
            assertRefused(a.response(), 413, "the request body is larger than " + TIGHT_MAX_BODY + " bytes");
        }
    }

    @Test
    void tooManyJsonTokensAreRefusedWhileParsing() {
        String image = "[" + "[0.5,0.5],".repeat(4000) + "[0.5,0.5]]"; // 12,000 tokens, 40 KB
        ServeFixture.Response r = tight.post("/v1/test", withRawImage(image));
        assertRefused(r, 400, "Token count (10001) exceeds the maximum allowed (10000");
    }

    @Test
    void malformedRequestsThatJettyRefusesGetTheErrorShape() {
        try (RawHttp c = new RawHttp(serve.server().port(), 10_000)) {
            RawHttp.Answer a = c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\n\r\n").read();
            assertRefused(a.response(), 431, "HTTP 431");
        }
        try (RawHttp c = new RawHttp(serve.server().port(), 10_000)) {
            RawHttp.Answer a = c.send("POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n").read();
            assertRefused(a.response(), 400, "HTTP 400");
        }
        try (RawHttp c = new RawHttp(serve.server().port(), 10_000)) {
            RawHttp.Answer a = c.send("HELLO\r\n\r\n").read();
            assertThat(a.status()).as("%s", a).isBetween(400, 499);
            assertRefused(a.response(), a.status(), "HTTP " + a.status());
        }
        assertThat(serve.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHeadDeadline() {
        long before = tight.server().headTimeouts();
        long t0 = System.nanoTime();
        try (RawHttp c = new RawHttp(tight.server().port(), 10_000)) {
            assertThat(c.closedByServer()).as("closed within the read timeout").isTrue();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).as("a 1 s head deadline, swept every 250 ms").isBetween(0.9, 5.0);
        assertThat(tight.server().headTimeouts()).isGreaterThan(before);
    }

    @Test
    void aHeadSentByteByByteIsCutOffAtTheDeadlineThoughBytesKeepComing() throws Exception {
        byte[] head = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
        long t0 = System.nanoTime();
        try (RawHttp c = new RawHttp(tight.server().port(), 100)) {
            boolean cut = false;
            for (int i = 0; !cut && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8); i++) {
                try {
                    c.send(new byte[] {i < head.length ? head[i] : (byte) 'a'});
                } catch (UncheckedIOException e) {
                    cut = true; // reset by the server
                    break;
                }
                cut = c.closedByServer();
                Thread.sleep(100);
            }
            assertThat(cut).as("the slow head is cut off").isTrue();
        }
        assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.9, 5.0);
    }

    @Test
    void aBodySentByteByByteGets408AtTheBodyDeadline() throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp c = new RawHttp(tight.server().port(), 200)) {
            c.send("POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n");
            RawHttp.Answer a = null;
            for (int i = 0; a == null && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8); i++) {
                c.send(new byte[] {(byte) (i == 0 ? '{' : ' ')});
                try {
                    a = c.read();
                } catch (UncheckedIOException e) {
                    // no answer yet: send the next byte
                }
            }
            assertThat(a).as("an answer within 8 s").isNotNull();
            assertRefused(a.response(), 408, "the request body did not arrive within 2 s");
        }
        assertThat((System.nanoTime() - t0) / 1e9).isBetween(1.9, 5.0);
    }

    /** A request under way is not timed by the head deadline: a body taken slowly but within its own. */
    @Test
    void aSlowBodyWithinItsDeadlineIsAnsweredThoughItOutlastsTheHeadDeadline() throws Exception {
        byte[] body = valid().toString().getBytes(StandardCharsets.UTF_8);
        try (RawHttp c = new RawHttp(tight.server().port(), 10_000)) {
            c.send("POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            int pieces = 6; // 1.5 s in all: over the 1 s head deadline, within the 2 s body deadline
            for (int i = 0; i < pieces; i++) {
                Thread.sleep(250);
                c.send(java.util.Arrays.copyOfRange(body, i * body.length / pieces, (i + 1) * body.length / pieces));
            }
            RawHttp.Answer a = c.read();
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(a.response().json().has("selective_p")).isTrue();
        }
    }

    /**
     * Two clients each hold 60,000 bytes of a body they do not finish; the third finds the 128 KiB set
     * aside for bodies full and gets 503 at once; when the two time out (408), the bytes are given back.
     */
    @Test
    void bodiesHeldAtOnceStayWithinTheBudgetAndAreGivenBack() throws Exception {
        String head = "POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60001\r\n\r\n";
        byte[] part = " ".repeat(60_000).getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttp a = new RawHttp(tight.server().port(), 10_000);
             RawHttp b = new RawHttp(tight.server().port(), 10_000);
             RawHttp c = new RawHttp(tight.server().port(), 10_000)) {
            a.send(head).send(part);
            b.send(head).send(part);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (tight.server().bodyBytesHeld() < 120_000 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(tight.server().bodyBytesHeld()).isBetween(120_000L, TIGHT_BUDGET);
            RawHttp.Answer refused = c.send(head).send(part).read();
            assertRefused(refused.response(), 503, "server busy: the request bodies held now fill the memory");
            assertThat(refused.head()).contains("Retry-After: 1");
            assertRefused(a.read().response(), 408, "did not arrive within 2 s");
            assertRefused(b.read().response(), 408, "did not arrive within 2 s");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (tight.server().bodyBytesHeld() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(tight.server().bodyBytesHeld()).isZero();
        ServeFixture.Response r = tight.post(valid());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }
}
