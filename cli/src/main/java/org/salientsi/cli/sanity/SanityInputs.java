package org.salientsi.cli.sanity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.cli.io.ImageSet;
import org.salientsi.io.ImageFiles;
import org.salientsi.sanity.SanityImage;

/**
 * The images of a sanity check: every {@code .npy}/{@code .png} of a folder (or glob) in file-name
 * order, one shape for all, an optional label file and an optional mask folder.
 *
 * @param shape the images' shape
 * @param images the images (CHW pixels, label, mask)
 */
public record SanityInputs(ImageShape shape, List<SanityImage> images) {

    /**
     * @param specs folders, globs or files
     * @param labels a CSV of {@code file,label} lines (file name with or without extension), or {@code null}
     * @param masks a folder with a mask of the same file name per image ((H, W) array, nonzero inside), or
     *     {@code null}
     * @param limit at most this many images (0: all)
     * @return the inputs
     * @throws InvalidInputException if no image is found, shapes differ, or a label or mask is malformed
     */
    public static SanityInputs read(List<String> specs, Path labels, Path masks, int limit) throws IOException {
        List<Path> files = ImageSet.resolve(specs);
        if (limit > 0 && files.size() > limit) {
            files = files.subList(0, limit);
        }
        Map<String, Integer> labelOf = labels == null ? Map.of() : readLabels(labels);
        if (masks != null && !Files.isDirectory(masks)) {
            throw new InvalidInputException("--masks " + masks + " is not a folder");
        }
        ImageShape shape = null;
        List<SanityImage> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Image x = ImageFiles.read(f);
            if (shape == null) {
                shape = x.shape();
            } else if (!shape.equals(x.shape())) {
                throw new ShapeMismatchException("image " + f + " has shape " + x.shape() + ", the first image "
                        + shape + "; a sanity check takes images of one shape");
            }
            Integer label = labelOf.get(name);
            if (label == null) {
                label = labelOf.get(stem(name));
            }
            if (labels != null && label == null) {
                throw new InvalidInputException("no label for image " + name + " in " + labels);
            }
            boolean[] mask = masks == null ? null : readMask(masks, name, shape);
            out.add(new SanityImage(name, x.toChw(), label, mask));
        }
        return new SanityInputs(shape, out);
    }

    private static boolean[] readMask(Path dir, String name, ImageShape shape) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            Path npy = dir.resolve(stem(name) + ".npy");
            Path png = dir.resolve(stem(name) + ".png");
            f = Files.exists(npy) ? npy : png;
        }
        if (!Files.exists(f)) {
            return null;
        }
        Image m = ImageFiles.read(f);
        if (m.shape().height() != shape.height() || m.shape().width() != shape.width()) {
            throw new ShapeMismatchException("mask " + f + " has shape " + m.shape() + ", its image " + shape);
        }
        boolean[] out = new boolean[shape.height() * shape.width()];
        for (int h = 0; h < shape.height(); h++) {
            for (int w = 0; w < shape.width(); w++) {
                out[h * shape.width() + w] = m.get(h, w, 0) != 0;
            }
        }
        return out;
    }

    private static Map<String, Integer> readLabels(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("label file not found: " + file);
        }
        Map<String, Integer> out = new HashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] p = t.split("[,;\\s]+");
            if (p.length != 2) {
                throw new InvalidInputException(file + " line " + n + ": expected 'file,label', got '" + t + "'");
            }
            try {
                out.put(p[0], Integer.parseInt(p[1]));
            } catch (NumberFormatException e) {
                if (n == 1) {
                    continue;
                }
                throw new InvalidInputException(file + " line " + n + ": label '" + p[1] + "' is not an integer");
            }
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
