package org.salientsi.backend.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.image.Image;
import org.salientsi.io.Npy;

/**
 * The fixtures made by {@code src/test/python/make_fixtures.py}: ONNX models exported from PyTorch
 * with inputs, float64 torch outputs and CAMs, described by {@code manifest.json}.
 */
final class Fixtures {

    /**
     * One image of a fixture.
     *
     * @param input channels-last image ({@code (H, W, C)} float64)
     * @param output torch float64 output
     * @param cam torch float64 CAM at input resolution, or {@code null}
     * @param camTarget the CAM's target output
     */
    record Sample(Path input, Path output, Path cam, int camTarget) {
        Image image() {
            return Npy.read(input).toImage();
        }
    }

    /**
     * One fixture model.
     *
     * @param name the name
     * @param model the .onnx file
     * @param opset its opset
     * @param featureNode the tensor that the global pooling reads, or {@code null}
     * @param headNode the Gemm node's name, or {@code null}
     * @param samples its images
     */
    record Fixture(String name, Path model, int opset, String featureNode, String headNode, List<Sample> samples) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    static Path dir() {
        URL url = Fixtures.class.getResource("/fixtures/manifest.json");
        if (url == null) {
            throw new IllegalStateException("fixtures/manifest.json is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        Path dir = dir();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Fixture> list = new ArrayList<>();
        for (JsonNode f : root.get("fixtures")) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode s : f.get("images")) {
                JsonNode cam = s.get("cam");
                JsonNode target = s.get("cam_target");
                samples.add(new Sample(dir.resolve(s.get("input").asText()), dir.resolve(s.get("output").asText()),
                        cam == null || cam.isNull() ? null : dir.resolve(cam.asText()),
                        target == null || target.isNull() ? -1 : target.asInt()));
            }
            JsonNode feature = f.get("feature_node");
            JsonNode head = f.get("head");
            list.add(new Fixture(f.get("name").asText(), dir.resolve(f.get("model").asText()), f.get("opset").asInt(),
                    feature == null || feature.isNull() ? null : feature.asText(),
                    head == null || head.isNull() ? null : head.get("node").asText(), samples));
        }
        return list;
    }

    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
