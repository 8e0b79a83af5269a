package org.salientsi.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.facade.NpyCovariance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a server offers, loaded once at start-up from the files of one folder and named by their
 * file name without its extension ({@code model_16.h5} is {@code model_16}). A loaded model's IR is
 * immutable and shared read-only by every request; the {@link TestEngine} of a model and a set of
 * options (which holds the compiled network and selection) is built on first use and reused.
 * Thread-safe. {@link #close()} releases the models.
 */
public final class ModelCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    /** Runners kept per catalog: beyond this many distinct (model, options) pairs the cache starts over. */
    private static final int MAX_RUNNERS = 256;

    /**
     * One model.
     *
     * @param name its name in requests
     * @param file the file it was loaded from
     * @param model the loaded model
     * @param backendLabel its backend's name and version
     */
    public record Entry(String name, Path file, LoadedModel model, String backendLabel) {
    }

    private record RunnerKey(String model, TestSpec settings) {
    }

    private final Plugins plugins;
    private final Map<String, Entry> models;
    private final ConcurrentHashMap<RunnerKey, TestEngine> runners = new ConcurrentHashMap<>();

    private ModelCatalog(Plugins plugins, Map<String, Entry> models) {
        this.plugins = plugins;
        this.models = Collections.unmodifiableMap(models);
    }

    /**
     * Loads every file of a folder that an installed backend opens (by file type); other files are
     * skipped.
     *
     * @param plugins the installed plugins
     * @param folder the models' folder
     * @return the catalog
     * @throws InvalidInputException if the folder is missing, holds no model, or two models share a
     *     name
     * @throws IOException if a model cannot be loaded ({@link org.salientsi.api.error.ModelLoadException})
     */
    public static ModelCatalog load(Plugins plugins, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("--models " + folder + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Entry> models = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                Optional<ModelBackendProvider> provider = plugins.backends().all().stream()
                        .filter(p -> p.canOpen(file)).findFirst();
                if (provider.isEmpty()) {
                    LOG.debug("skipping {}: no installed backend opens its file type", file);
                    continue;
                }
                String name = stem(file);
                Entry clash = models.get(name);
                if (clash != null) {
                    throw new InvalidInputException("--models " + folder + ": " + clash.file().getFileName() + " and "
                            + file.getFileName() + " share the model name '" + name + "'; rename one");
                }
                ModelBackend backend = provider.get().backend();
                LoadedModel model = backend.load(file, Parameters.empty());
                models.put(name, new Entry(name, file, model, backend.name() + " " + backend.version()));
            }
        } catch (IOException | RuntimeException e) {
            models.values().forEach(m -> m.model().close());
            throw e;
        }
        if (models.isEmpty()) {
            StringBuilder known = new StringBuilder();
            for (ModelBackendProvider p : plugins.backends().all()) {
                known.append(known.length() == 0 ? "" : "; ").append(p.name()).append(' ').append(p.fileExtensions());
            }
            throw new InvalidInputException("--models " + folder + " holds no model file an installed backend opens ("
                    + (known.length() == 0 ? "no backend is installed" : known) + ")");
        }
        return new ModelCatalog(plugins, models);
    }

    /** @return the models, in file-name order */
    public List<Entry> entries() {
        return new ArrayList<>(models.values());
    }

    /**
     * @param name a model name
     * @return the model
     * @throws InvalidInputException if there is no such model; the message lists the known names
     */
    public Entry get(String name) {
        Entry e = models.get(name);
        if (e == null) {
            throw new InvalidInputException("unknown model '" + name + "'; known: "
                    + String.join(", ", models.keySet()));
        }
        return e;
    }

    /**
     * The runner of a model under some options, built once and shared (runners are thread-safe).
     * Options with a covariance are not cached (each request carries its own matrix).
     *
     * @param name a model name
     * @param settings the test's options
     * @return the runner
     * @throws InvalidInputException for an unknown model, or options the model refuses (an unknown
     *     method, a target it does not have, ...): the messages of the command line
     */
    public TestEngine runner(String name, TestSpec settings) {
        Entry e = get(name);
        if (settings.noise() instanceof NpyCovariance) {
            return TestEngine.create(plugins, e.model(), e.backendLabel(), settings);
        }
        RunnerKey key = new RunnerKey(name, Objects.requireNonNull(settings, "settings"));
        TestEngine r = runners.get(key);
        if (r != null) {
            return r;
        }
        if (runners.size() >= MAX_RUNNERS) {
            runners.clear();
        }
        // built outside the map's lock: two requests may build the same runner once each, harmlessly
        TestEngine built = TestEngine.create(plugins, e.model(), e.backendLabel(), settings);
        TestEngine previous = runners.putIfAbsent(key, built);
        return previous != null ? previous : built;
    }

    /** Releases every model. */
    @Override
    public void close() {
        models.values().forEach(m -> m.model().close());
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
