package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.core.multiplicity.BenjaminiHochberg;
import org.salientsi.core.multiplicity.BenjaminiYekutieli;

/**
 * {@code --components} through the command line on the paper's 8x8 model: the components cover the region, each
 * carries its own test and the adjusted p-value of the family (the image's in {@code test}, every image's in
 * {@code batch}, recomputed here from the JSON), the JSON fits the shipped schemas, {@code --fdr bh} is labelled as
 * not proven, and the report outlines each component.
 */
class ComponentsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECTOR = "minmax:0.7";

    @TempDir
    static Path dir;

    static Path model;
    static Path images;
    static Path ref;
    static JsonSchema testResult;
    static JsonSchema batchLine;

    @BeforeAll
    static void files() throws IOException {
        model = TestData.paperModel(8);
        images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 4; i++) {
            TestData.writeGrey(images.resolve("x" + i + ".npy"), 40 + i, 8, i % 2 == 0 ? 2.0 : 0);
        }
        ref = TestData.writeGrey(dir.resolve("r.npy"), 50, 8, 0);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        testResult = factory.getSchema(SchemaLocation.of("classpath:org/salientsi/api/result/test-result.schema.json"));
        batchLine = factory.getSchema(SchemaLocation.of("classpath:org/salientsi/api/result/batch-line.schema.json"));
    }

    private static CliRun test(Path image, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model.toString(), "--image", image.toString(),
                "--reference", ref.toString(), "--sigma", "1", "--selector", SELECTOR));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    /** @return the first image whose region has at least two components */
    private static JsonNode splitImage() throws IOException {
        for (int i = 0; i < 4; i++) {
            CliRun r = test(images.resolve("x" + i + ".npy"), "--components", "4", "--json");
            JsonNode n = JSON.readTree(r.out());
            if (n.get("components").size() >= 2) {
                return n;
            }
        }
        throw new AssertionError("no test image with two components");
    }

    @Test
    void theComponentsCoverTheRegionAndCarryTheirByAdjustedPValues() throws IOException {
        JsonNode n = splitImage();
        assertThat(testResult.validate(n)).isEmpty();
        assertThat(n.get("connectivity").asInt()).isEqualTo(4);
        assertThat(n.get("fdr_method").asText()).isEqualTo("by");
        assertThat(n.get("fdr_note").asText()).contains("any dependence");
        Set<Integer> covered = new HashSet<>();
        List<Double> p = new ArrayList<>();
        List<Double> adjusted = new ArrayList<>();
        int width = n.get("region").get(0).size();
        for (JsonNode c : n.get("components")) {
            for (JsonNode px : c.get("pixels")) {
                assertThat(covered.add(px.asInt())).as("pixel %s in one component only", px).isTrue();
                assertThat(n.get("region").get(px.asInt() / width).get(px.asInt() % width).asInt()).isEqualTo(1);
            }
            assertThat(c.get("outcome").asText()).isEqualTo("tested");
            assertThat(c.get("fdr_method").asText()).isEqualTo("by");
            assertThat(c.get("statistic").asDouble()).isNotEqualTo(n.get("statistic").asDouble());
            p.add(c.get("p_bounds").get(1).asDouble());
            adjusted.add(c.get("fdr_p").asDouble());
        }
        assertThat(covered).hasSize(n.get("region_size").asInt());
        double[] expected = BenjaminiYekutieli.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < expected.length; i++) {
            assertThat(adjusted.get(i)).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void bhIsOfferedAndLabelledAsNotProven() throws IOException {
        JsonNode by = splitImage();
        String image = by.get("image").asText();
        CliRun text = test(images.resolve(image), "--components", "4", "--fdr", "bh");
        assertThat(text.code()).as("%s", text).isZero();
        assertThat(text.out()).contains("components", "fdr_p: bh", "not proven");
        JsonNode bh = JSON.readTree(test(images.resolve(image), "--components", "4", "--fdr", "bh", "--json").out());
        assertThat(bh.get("fdr_note").asText()).contains("not proven");
        double[] p = new double[bh.get("components").size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = bh.get("components").get(i).get("p_bounds").get(1).asDouble();
        }
        double[] expected = BenjaminiHochberg.adjust(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(bh.get("components").get(i).get("fdr_p").asDouble()).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void componentsBelowTheMinimumSizeAreListedUntested() throws IOException {
        JsonNode n = JSON.readTree(test(images.resolve(splitImage().get("image").asText()), "--components", "8",
                "--min-component-size", "65", "--json").out());
        assertThat(testResult.validate(n)).isEmpty();
        assertThat(n.get("components")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("outcome").asText()).isEqualTo("too_small");
            assertThat(c.get("selective_p").isNull()).isTrue();
            assertThat(c.get("fdr_p").isNull()).isTrue();
        });
        assertThat(n.get("selective_p").isNumber()).as("the whole region is still tested").isTrue();
    }

    @Test
    void batchAdjustsOverEveryComponentOfEveryImage() throws IOException {
        CliRun r = CliRun.of("batch", "--model", model.toString(), "--images", images.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--selector", SELECTOR, "--components", "4", "--json", "--quiet");
        assertThat(r.code()).as("%s", r).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            JsonNode n = JSON.readTree(line);
            assertThat(batchLine.validate(n)).as(line).isEmpty();
            lines.add(n);
        }
        List<Double> p = new ArrayList<>();
        List<Double> adjusted = new ArrayList<>();
        for (JsonNode n : lines) {
            for (JsonNode c : n.get("components")) {
                if (c.get("outcome").asText().equals("tested")) {
                    p.add(c.get("p_bounds").get(1).asDouble());
                    adjusted.add(c.get("fdr_p").asDouble());
                }
            }
        }
        assertThat(p.size()).as("components across the batch").isGreaterThan(lines.size());
        double[] expected = BenjaminiYekutieli.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < expected.length; i++) {
            assertThat(adjusted.get(i)).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void theReportOutlinesEachComponentWithItsPValue() throws IOException {
        JsonNode n = splitImage();
        Path page = dir.resolve("components.html");
        CliRun r = test(images.resolve(n.get("image").asText()), "--components", "4", "--report", page.toString());
        assertThat(r.code()).as("%s", r).isZero();
        String html = Files.readString(page);
        assertThat(html).contains("id=\"panel-components\"", "id=\"components\"");
        String figure = html.substring(html.indexOf("id=\"panel-components\""));
        figure = figure.substring(0, figure.indexOf("</figure>"));
        int paths = figure.split("<path ", -1).length - 1;
        assertThat(paths).isEqualTo(n.get("components").size());
        assertThat(figure).contains("#0 p=", "#1 p=", "fdr=");
    }

    @Test
    void theBatchReportPagesOutlineEachImagesComponents() throws IOException {
        Path folder = dir.resolve("batch-report");
        CliRun r = CliRun.of("batch", "--model", model.toString(), "--images", images.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--selector", SELECTOR, "--components", "4", "--report",
                folder.toString(), "--quiet");
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode n = splitImage();
        String name = n.get("image").asText();
        Path page;
        try (var pages = Files.list(folder)) {
            page = pages.filter(f -> f.getFileName().toString().endsWith("-" + name.replace(".npy", "") + ".html")
                    || f.getFileName().toString().contains(name.replace(".npy", ""))).findFirst().orElseThrow();
        }
        String html = Files.readString(page);
        assertThat(html).contains("id=\"panel-components\"", "id=\"components\"");
        String figure = html.substring(html.indexOf("id=\"panel-components\""));
        figure = figure.substring(0, figure.indexOf("</figure>"));
        assertThat(figure.split("<path ", -1).length - 1).isEqualTo(n.get("components").size());
        assertThat(figure).contains("#0 p=", "#1 p=", "fdr=");
    }
}
