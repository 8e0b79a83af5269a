package org.salientsi.validation.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.plugin.Plugins;

/**
 * Where a study's model comes from: a file, the backend that opens it ({@code null}: chosen by file
 * type) and the backend's options ({@code image-shape}, ...). A value: a study names its model with it;
 * a cluster's driver opens the model and ships its compiled IR, never the file or a live backend.
 *
 * @param file the model file
 * @param backend a backend name, or {@code null}
 * @param options backend options, copied into a sorted map
 */
public record ModelSource(String file, String backend, Map<String, String> options) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @throws InvalidInputException if the file name is missing
     */
    public ModelSource {
        if (file == null || file.isBlank()) {
            throw new InvalidInputException("a study needs a model file");
        }
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * @param file the model file
     * @return a source opened by the backend that takes its file type, without options
     */
    public static ModelSource of(Path file) {
        return new ModelSource(file.toString(), null, Map.of());
    }

    /** @return the model file */
    public Path path() {
        return Path.of(file);
    }

    /** @return the file's name (its extension chooses the backend) */
    public String fileName() {
        Path name = path().getFileName();
        return name == null ? file : name.toString();
    }

    /**
     * @return the SHA-256 of the model file, lower-case hex
     * @throws InvalidInputException if it cannot be read
     */
    public String sha256() {
        try (InputStream in = Files.newInputStream(path())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                digest.update(buffer, 0, r);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * @param plugins the installed plugins
     * @return the backend that opens this model
     */
    public ModelBackend backend(Plugins plugins) {
        return plugins.backendFor(path(), backend).backend();
    }

    /**
     * Loads the model from {@link #file()}.
     *
     * @param plugins the installed plugins
     * @return the loaded model; the caller closes it
     */
    public LoadedModel open(Plugins plugins) {
        return open(plugins, path());
    }

    /**
     * Loads the model from a file holding its bytes (same bytes, same file type).
     *
     * @param plugins the installed plugins
     * @param copy a file holding the model's bytes
     * @return the loaded model; the caller closes it
     * @throws InvalidInputException if the file is missing or the backend cannot load it
     */
    public LoadedModel open(Plugins plugins, Path copy) {
        if (!Files.isRegularFile(copy)) {
            throw new InvalidInputException("model file not found: " + copy);
        }
        ModelBackend b = plugins.backendFor(copy, backend).backend();
        try {
            return b.load(copy, Parameters.of(options));
        } catch (ModelLoadException e) {
            throw new InvalidInputException("cannot load model " + fileName() + ": " + e.getMessage(), e);
        }
    }
}
