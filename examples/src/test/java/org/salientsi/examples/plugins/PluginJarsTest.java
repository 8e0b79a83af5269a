package org.salientsi.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatisticProvider;
import org.salientsi.cli.Main;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.examples.embed.EmbeddedExample;
import org.salientsi.io.Npy;

/**
 * The two example plugins, each in the jar of its own that this module's build makes, found by
 * {@link java.util.ServiceLoader} once the jars are on the class path: through the Java API (the
 * {@link EmbeddedExample} program) and through {@code salientsi test --method first-activation
 * --statistic local-contrast} run in-process, which agree on the p-value of the same image. The test's
 * own class path holds the plugin classes but not their {@code META-INF/services} files, so without the
 * jars neither plugin is found; the jars' classes are loaded from the jars (child first).
 */
class PluginJarsTest {

    private static final String SELECTOR = "top-k:10";

    @Test
    void bothPluginsAreFoundInTheirJarsAndGiveTheSamePValueThroughTheApiAndTheCommandLine(@TempDir Path dir)
            throws Exception {
        Path model = Path.of(System.getProperty("salientsi.example.model"));
        Path methodJar = Path.of(System.getProperty("salientsi.example.methodJar"));
        Path statisticJar = Path.of(System.getProperty("salientsi.example.statisticJar"));
        assertThat(methodJar).exists();
        assertThat(statisticJar).exists();

        // without the jars: not found
        assertThat(PluginRegistry.load(SaliencyMethodProvider.class, "saliency method").names())
                .contains("cam").doesNotContain("first-activation");
        assertThat(PluginRegistry.load(TestStatisticProvider.class, "statistic").names())
                .contains("ref-mean").doesNotContain("local-contrast");

        try (PluginLoader loader = new PluginLoader(new URL[] {methodJar.toUri().toURL(), statisticJar.toUri().toURL()},
                getClass().getClassLoader())) {
            // 1. the Java API
            List<Observation> images = EmbeddedExample.nullObservations(ImageShape.of(8, 8, 1), 3, 20261123L);
            List<SelectiveResult> api = withContextLoader(loader, () -> {
                Plugins plugins = Plugins.load();
                assertThat(plugins.methods().get("first-activation").getClass().getClassLoader()).isSameAs(loader);
                assertThat(plugins.statistics().get("local-contrast").getClass().getClassLoader()).isSameAs(loader);
                try (EmbeddedExample example = EmbeddedExample.open(plugins, model, ImageShape.of(8, 8, 1),
                        "first-activation", Parameters.empty(), SELECTOR, "local-contrast", 1.0)) {
                    List<SelectiveResult> results = new java.util.ArrayList<>();
                    for (Observation o : images) {
                        results.add(example.test(o));
                    }
                    return results;
                }
            });
            assertThat(api).hasSize(3);
            for (SelectiveResult r : api) {
                assertThat(r.regionSize()).isEqualTo(10);
                assertThat(r.selectiveP()).isBetween(0.0, 1.0);
                assertThat(r.pieces()).isPositive();
                assertThat(r.provenance().method()).isEqualTo("first-activation");
                assertThat(r.provenance().statistic()).isEqualTo("local-contrast");
            }

            // 2. the command line, in-process, on the first image
            Path x = dir.resolve("x.npy");
            Npy.write(x, new int[] {8, 8}, images.get(0).image().toArray());
            String[] run = withContextLoader(loader, () -> cli("test", "--model", model.toString(), "--image",
                    x.toString(), "--sigma", "1", "--method", "first-activation", "--selector", SELECTOR,
                    "--statistic", "local-contrast", "--json"));
            assertThat(run[2]).as("exit code; stderr: %s", run[1]).isEqualTo("0");
            JsonNode json = new ObjectMapper().readTree(run[0]);
            assertThat(json.get("region_size").asInt()).isEqualTo(10);
            assertThat(json.get("statistic").asDouble()).isCloseTo(api.get(0).statistic(), within(1e-12));
            assertThat(json.get("selective_p").asDouble()).isCloseTo(api.get(0).selectiveP(), within(1e-12));
            assertThat(json.get("provenance").toString()).contains("first-activation").contains("local-contrast");

            String[] list = withContextLoader(loader, () -> cli("list"));
            assertThat(list[0]).contains("first-activation").contains("local-contrast");
        }
    }

    /** @return {stdout, stderr, exit code} */
    private static String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
            Integer.toString(code)};
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Loads the plugin packages from the jars first, everything else from the parent. */
    private static final class PluginLoader extends URLClassLoader {
        private static final String PLUGINS = "org.salientsi.examples.plugins.";

        PluginLoader(URL[] jars, ClassLoader parent) {
            super(jars, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PLUGINS)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
