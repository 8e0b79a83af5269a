package org.salientsi.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.io.ImageFiles;

/**
 * The manifest {@code ladder.json} of a ladder folder (written by {@code benchmarks/ladder/make_ladder.py}):
 * the models, in the order the benchmark runs them, and per image shape ({@code 64x64x1}) the image
 * pairs, 5 null then 5 signal. File names in it are relative to the folder.
 *
 * <pre>{@code
 * LadderManifest ladder = LadderManifest.read(Path.of("benchmarks/ladder/small"));
 * List<LadderModel> models = ladder.select("vgg-64-*");
 * ladder.verify(models, 1);            // files present, SHA-256 as recorded, images readable
 * }</pre>
 *
 * @param folder the ladder folder
 * @param models the models, in manifest order, with distinct file names
 * @param images the image pairs by key; every model's key is present
 * @param generator the command that made the ladder, or {@code null}
 * @param delta the signal pairs' square intensity, in noise standard deviations, or {@code null}
 */
public record LadderManifest(Path folder, List<LadderModel> models, Map<String, List<ImagePair>> images,
                             String generator, Double delta) {

    /** The manifest's file name in a ladder folder. */
    public static final String FILE = "ladder.json";

    /**
     * @throws InvalidInputException if there is no model, two share a file name, or a model's image
     *     key is missing
     */
    public LadderManifest {
        Objects.requireNonNull(folder, "folder");
        models = List.copyOf(models);
        Map<String, List<ImagePair>> copy = new LinkedHashMap<>();
        images.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        images = java.util.Collections.unmodifiableMap(copy);
        if (models.isEmpty()) {
            throw new InvalidInputException(where(folder) + "lists no model");
        }
        Set<String> files = new HashSet<>();
        for (LadderModel m : models) {
            if (!files.add(m.file())) {
                throw new InvalidInputException(where(folder) + "lists model " + m.file() + " twice");
            }
            if (!images.containsKey(m.images())) {
                throw new InvalidInputException(where(folder) + "model " + m.file() + " uses image pairs '"
                        + m.images() + "', which 'images' does not list");
            }
        }
    }

    /**
     * Reads and checks a ladder folder's manifest (not yet the files it names: see {@link #verify}).
     *
     * @param folder a ladder folder
     * @return its manifest
     * @throws InvalidInputException if the folder or its {@code ladder.json} is missing, or the manifest
     *     is not JSON or lacks a field or has one of the wrong type or value (the message names it)
     */
    public static LadderManifest read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("--ladder " + folder + ": "
                    + (Files.exists(folder) ? "not a folder" : "folder not found"));
        }
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--ladder " + folder + ": no " + FILE + " in the folder (make one with "
                    + "benchmarks/ladder/make_ladder.py)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        String where = where(folder);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(where + "must hold a JSON object with 'models' and 'images'");
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) {
            throw new InvalidInputException(where + "'models' must be an array");
        }
        List<LadderModel> list = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            String at = where + "models[" + i + "]";
            if (!m.isObject()) {
                throw new InvalidInputException(at + " must be an object");
            }
            list.add(new LadderModel(text(m, "file", at), text(m, "family", at), (int) integer(m, "size", at),
                    (int) integer(m, "channels", at), text(m, "state", at), integer(m, "macs", at),
                    text(m, "sha256", at), text(m, "images", at)));
        }
        JsonNode images = root.get("images");
        if (images == null || !images.isObject()) {
            throw new InvalidInputException(where + "'images' must be an object of image pair lists");
        }
        Map<String, List<ImagePair>> pairs = new LinkedHashMap<>();
        for (var it = images.fields(); it.hasNext(); ) {
            var e = it.next();
            String at = where + "images." + e.getKey();
            if (!e.getValue().isArray()) {
                throw new InvalidInputException(at + " must be an array of image pairs");
            }
            List<ImagePair> set = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                JsonNode p = e.getValue().get(i);
                String pat = at + "[" + i + "]";
                if (!p.isObject()) {
                    throw new InvalidInputException(pat + " must be an object");
                }
                try {
                    set.add(new ImagePair(text(p, "kind", pat), folder.resolve(text(p, "image", pat)),
                            folder.resolve(text(p, "reference", pat))));
                } catch (java.nio.file.InvalidPathException bad) {
                    throw new InvalidInputException(pat + ": not a file name: " + bad.getMessage(), bad);
                }
            }
            pairs.put(e.getKey(), set);
        }
        JsonNode generator = root.get("generator");
        JsonNode delta = root.get("delta");
        return new LadderManifest(folder, list, pairs, generator != null && generator.isTextual() ? generator.asText()
                : null, delta != null && delta.isNumber() ? delta.asDouble() : null);
    }

    /**
     * @param glob a glob on the model's file name ({@code vgg-64-*}), or {@code null} for every model
     * @return the matching models, in manifest order
     * @throws InvalidInputException if the glob is malformed or matches no model
     */
    public List<LadderModel> select(String glob) {
        if (glob == null) {
            return models;
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--models " + glob + ": not a glob: " + e.getMessage(), e);
        }
        List<LadderModel> chosen = models.stream().filter(m -> matcher.matches(Path.of(m.file()))).toList();
        if (chosen.isEmpty()) {
            throw new InvalidInputException("--models " + glob + " matches none of the ladder's models ("
                    + String.join(", ", models.stream().map(LadderModel::file).toList()) + ")");
        }
        return chosen;
    }

    /**
     * @param model a model of this ladder
     * @param perKind how many pairs of each kind, {@code >= 1}
     * @return the first {@code perKind} null pairs, then the first {@code perKind} signal pairs (fewer
     *     when the ladder has fewer)
     */
    public List<ImagePair> pairs(LadderModel model, int perKind) {
        List<ImagePair> all = images.get(model.images());
        List<ImagePair> chosen = new ArrayList<>();
        for (String kind : List.of(ImagePair.NULL, ImagePair.SIGNAL)) {
            all.stream().filter(p -> p.kind().equals(kind)).limit(perKind).forEach(chosen::add);
        }
        return chosen;
    }

    /**
     * @param model a model of this ladder
     * @return its file
     */
    public Path file(LadderModel model) {
        return folder.resolve(model.file());
    }

    /**
     * Checks the files the run will use before it starts: each model file exists and has the SHA-256 of
     * the manifest, and each of its first {@code perKind} null and signal pairs reads as an image.
     *
     * @param chosen models of this ladder
     * @param perKind pairs of each kind per model, {@code >= 1}
     * @throws InvalidInputException naming the first file that is missing, altered or unreadable
     */
    public void verify(List<LadderModel> chosen, int perKind) {
        Set<Path> read = new HashSet<>();
        for (LadderModel m : chosen) {
            Path file = file(m);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("model file not found: " + file + " (listed in " + FILE + ")");
            }
            String actual = sha256(file);
            if (!actual.equals(m.sha256())) {
                throw new InvalidInputException("model " + file + ": SHA-256 " + actual + " differs from the "
                        + m.sha256() + " of " + FILE + " (the file was altered or the manifest is stale)");
            }
            List<ImagePair> pairs = pairs(m, perKind);
            if (pairs.isEmpty()) {
                throw new InvalidInputException(where(folder) + "image pairs '" + m.images() + "' of model "
                        + m.file() + " are empty");
            }
            for (ImagePair p : pairs) {
                for (Path image : List.of(p.image(), p.reference())) {
                    if (read.add(image)) {
                        ImageFiles.read(image);
                    }
                }
            }
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws InvalidInputException if it cannot be read
     */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String where(Path folder) {
        return folder.resolve(FILE) + ": ";
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidInputException(where + ": '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static long integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new InvalidInputException(where + ": '" + field + "' must be an integer");
        }
        return v.asLong();
    }
}
