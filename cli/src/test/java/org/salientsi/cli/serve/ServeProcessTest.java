package org.salientsi.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.cli.TestData;
import org.salientsi.server.ServeFixture;

/**
 * {@code salientsi serve} as a separate process: it prints its address, answers, and on SIGTERM finishes
 * the requests it accepted (answering each with its result) before it exits.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesAcceptedRequestsThenExits() throws Exception {
        Path models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 16);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.salientsi.cli.Main",
                "serve", "--port", "0", "--models", models.toString(), "--threads", "1", "--queue", "8",
                "--grace", "120").redirectError(dir.resolve("stderr.txt").toFile()).start();
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
            assertThat(m.find()).as("first line: %s; stderr: %s", line, Files.readString(dir.resolve("stderr.txt")))
                    .isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ObjectNode body = ServeFixture.JSON.createObjectNode().put("model", "model_16").put("sigma", 1);
            body.set("image", ServeFixture.nested(TestData.image(61, 16, 1, 2.0), 16));
            body.set("reference", ServeFixture.nested(TestData.image(62, 16, 1, 0), 16));
            HttpRequest test = HttpRequest.newBuilder(URI.create(base + "/v1/test")).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> first = client.send(test, HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(client.sendAsync(test, HttpResponse.BodyHandlers.ofString()));
            }
            HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                JsonNode h = ServeFixture.JSON.readTree(
                        client.send(health, HttpResponse.BodyHandlers.ofString()).body());
                if (h.get("running").asInt() + h.get("waiting").asInt() == 3
                        || inFlight.stream().allMatch(CompletableFuture::isDone)) {
                    break;
                }
                Thread.sleep(2);
            }
            p.destroy(); // SIGTERM
            JsonNode expected = ServeFixture.comparable(ServeFixture.JSON.readTree(first.body()));
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(ServeFixture.comparable(ServeFixture.JSON.readTree(r.body()))).isEqualTo(expected);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }
}
