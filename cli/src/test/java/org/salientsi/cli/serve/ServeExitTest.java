package org.salientsi.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.server.ServeFixture;

/**
 * {@code salientsi serve} as a child JVM with a small heap (128 MiB): a request whose parsed body
 * does not fit in the heap is answered (503, the error shape) instead of never, the server keeps
 * answering afterwards, and SIGTERM ({@link Process#destroy()}) stops it gracefully with exit status 0,
 * as its help promises, without a stack trace.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeExitTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void aRequestThatRunsOutOfMemoryIsAnsweredAndSigtermExitsZero() throws Exception {
        Path models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8);
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.salientsi.cli.Main", "serve", "--port", "0", "--models",
                models.toString(), "--threads", "1", "--queue", "4", "--grace", "30").redirectError(stderr.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertThat(m.find()).as("first line: %s; stderr: %s", line, Files.readString(stderr)).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // 7 million numbers (28 MB of JSON, within every limit) parse into a tree of about 200 MB
            StringBuilder huge = new StringBuilder(28_000_100).append("{\"model\": \"model_8\", \"sigma\": 1, ")
                    .append("\"image\": [");
            for (int i = 0; i < 7_000_000; i++) {
                huge.append(i == 0 ? "0.5" : ",0.5");
            }
            huge.append("]}");
            HttpResponse<String> oom = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/test"))
                    .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(huge.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            huge = null;
            assertThat(oom.statusCode()).as(oom.body()).isEqualTo(503);
            assertThat(ServeFixture.JSON.readTree(oom.body()).get("error_kind").asText()).isEqualTo("unavailable");
            assertThat(oom.body()).contains("ran out of memory");

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> test = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/test"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ServeFixture.validRequest().toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            assertThat(ServeFixture.JSON.readTree(test.body()).has("selective_p")).isTrue();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            String err = Files.readString(stderr);
            assertThat(p.exitValue()).as("exit status after a graceful stop; stderr: %s", err).isZero();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            p.destroyForcibly();
        }
    }
}
