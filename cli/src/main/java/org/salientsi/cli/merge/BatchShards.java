package org.salientsi.cli.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.core.multiplicity.BenjaminiHochberg;
import org.salientsi.core.multiplicity.FdrMethod;

/**
 * The lines of a batch's shards ({@code batch --shard I/N --json > FILE}), joined: in file-name order (the
 * order of the unsharded batch: by file name, then by the full path that labels images sharing a name), each
 * image once, with {@code bh_p} (Benjamini-Hochberg over the selective p-values of every tested image of
 * every shard) added to each tested line, and with {@code --components} lines their components' {@code fdr_p}
 * over every tested component of every shard. Failed lines ({@code error}) and lines with nothing to test
 * (no {@code selective_p}) are kept as they are.
 *
 * @param lines the merged lines
 */
public record BatchShards(List<ObjectNode> lines) {

    /** The most lines a merge reads (a batch of ten million images). */
    public static final int MAX_LINES = 10_000_000;

    /** Order of the unsharded batch: the label's file name, then the label. */
    static final Comparator<String> FILE_NAME_ORDER = Comparator
            .comparing((String label) -> fileName(label)).thenComparing(Comparator.naturalOrder());

    /** Copies the list. */
    public BatchShards {
        lines = List.copyOf(lines);
    }

    /**
     * @param files the shards' outputs
     * @param json the mapper
     * @return the merged batch
     * @throws InvalidInputException if a line is not a batch line, already has {@code bh_p} (the file is an
     *     unsharded or merged batch), or an image appears twice
     */
    public static BatchShards read(List<Path> files, ObjectMapper json) {
        return read(files, json, FdrMethod.BY);
    }

    /**
     * @param files the shards' outputs
     * @param json the mapper
     * @param fdr the adjustment of the components' p-values across every shard (lines of {@code --components})
     * @return the merged batch, its tested components with {@code fdr_p} over every component of every image
     * @throws InvalidInputException as {@link #read(List, ObjectMapper)}
     */
    public static BatchShards read(List<Path> files, ObjectMapper json, FdrMethod fdr) {
        List<ObjectNode> lines = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            List<String> text;
            try {
                text = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read batch shard " + file + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < text.size(); i++) {
                if (text.get(i).isBlank()) {
                    continue;
                }
                if (lines.size() >= MAX_LINES) {
                    throw new InvalidInputException("merge: more than " + MAX_LINES + " batch lines");
                }
                ObjectNode line = line(file, i + 1, text.get(i), json);
                String image = line.get("image").asText();
                Path other = seen.putIfAbsent(image, file);
                if (other != null) {
                    throw new InvalidInputException("merge: image " + image + " is in " + other
                            + (other.equals(file) ? " twice" : " and in " + file) + "; give each shard's output once");
                }
                lines.add(line);
            }
        }
        lines.sort(Comparator.comparing((ObjectNode n) -> n.get("image").asText(), FILE_NAME_ORDER));
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).path("selective_p").isNumber()) {
                tested.add(i);
            }
        }
        double[] p = new double[tested.size()];
        for (int k = 0; k < p.length; k++) {
            // the valid p-value: the upper bound after an early stop (as batch adjusts it)
            p[k] = lines.get(tested.get(k)).get("p_bounds").get(1).asDouble();
        }
        double[] adjusted = BenjaminiHochberg.adjust(p);
        for (int k = 0; k < p.length; k++) {
            lines.get(tested.get(k)).put("bh_p", adjusted[k]);
        }
        for (ObjectNode line : lines) {
            if (line.has("outcome") && !line.has("bh_p")) {
                line.putNull("bh_p"); // nothing to test: a success that is not one of the hypotheses, as in batch
            }
        }
        adjustComponents(lines, fdr);
        return new BatchShards(lines);
    }

    /**
     * Adjusts the tested components of every line ({@code --components}) as one family, as {@code batch} does
     * over its images: their valid p-values ({@code p_bounds[1]}) get {@code fdr_p} and {@code fdr_method}, and
     * each line with components its {@code fdr_method} and {@code fdr_note}.
     */
    private static void adjustComponents(List<ObjectNode> lines, FdrMethod fdr) {
        List<ObjectNode> tested = new ArrayList<>();
        List<ObjectNode> withParts = new ArrayList<>();
        for (ObjectNode line : lines) {
            JsonNode parts = line.get("components");
            if (parts == null || !parts.isArray()) {
                continue;
            }
            withParts.add(line);
            for (JsonNode c : parts) {
                if (c instanceof ObjectNode o && "tested".equals(o.path("outcome").asText())) {
                    tested.add(o);
                }
            }
        }
        double[] p = new double[tested.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = tested.get(k).path("p_bounds").path(1).asDouble(Double.NaN);
        }
        double[] adjusted = fdr.adjust(p);
        for (int k = 0; k < p.length; k++) {
            tested.get(k).put("fdr_p", adjusted[k]).put("fdr_method", fdr.label());
        }
        for (ObjectNode line : withParts) {
            line.put("fdr_method", fdr.label()).put("fdr_note", fdr.note());
        }
    }

    /** @return whether some image failed (an {@code error} line) */
    public boolean anyFailed() {
        return lines.stream().anyMatch(n -> n.has("error"));
    }

    private static ObjectNode line(Path file, int number, String text, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("merge: " + file + " line " + number + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode line) || !line.path("image").isTextual()) {
            throw new InvalidInputException("merge: " + file + " line " + number + " is not a batch line (no image)");
        }
        if (line.has("bh_p")) {
            throw new InvalidInputException("merge: " + file + " line " + number + " already has bh_p: merge takes "
                    + "the output of batch --shard I/N --json, not of a whole batch");
        }
        return line;
    }

    private static String fileName(String label) {
        int slash = label.lastIndexOf(java.io.File.separatorChar);
        return label.substring(slash + 1);
    }
}
