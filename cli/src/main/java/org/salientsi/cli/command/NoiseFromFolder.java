package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.core.engine.EstimatedNoise;
import org.salientsi.core.engine.NoiseEstimate;
import org.salientsi.io.ImageFiles;
import org.salientsi.io.ReadLimits;

/**
 * Reads {@code --noise-from DIR}: repeated scans that the selection never saw, the images directly in DIR
 * forming one group (scans of one scene) and each sub-folder another, and estimates sigma from them
 * ({@link NoiseEstimate}: pooled within-group variance, degrees of freedom {@code sum n (m_g - 1)}).
 */
final class NoiseFromFolder {

    /** The most values all scans together may hold (2^26: 512 MiB as doubles), checked before each read. */
    static final long MAX_TOTAL_VALUES = 1L << 26;

    private NoiseFromFolder() {
    }

    /**
     * @param folder the folder
     * @param beta 0 for the plug-in, or the upper limit's beta
     * @return the estimated noise
     * @throws InvalidInputException naming the folder (or file) for a missing folder, no images, a group of
     *     one image, shapes that differ, scans that do not vary, bad pixels or files past the size limit
     * @throws IOException if the folder cannot be listed
     */
    static EstimatedNoise read(Path folder, double beta) throws IOException {
        String label = "--noise-from " + folder;
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(label + " is not a folder");
        }
        List<List<Path>> groups = new ArrayList<>();
        List<Path> top = images(folder);
        if (!top.isEmpty()) {
            groups.add(top);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path sub : entries.filter(Files::isDirectory).sorted().toList()) {
                List<Path> group = images(sub);
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        }
        if (groups.isEmpty()) {
            throw new InvalidInputException(label + " holds no .npy or .png file (give repeated scans of one scene, "
                    + "or one sub-folder of scans per scene)");
        }
        long budget = MAX_TOTAL_VALUES;
        List<List<Image>> scans = new ArrayList<>();
        for (List<Path> group : groups) {
            List<Image> read = new ArrayList<>();
            for (Path file : group) {
                if (budget < 1) {
                    throw new InvalidInputException(label + ": the scans hold more than " + MAX_TOTAL_VALUES
                            + " values in all; give fewer or smaller scans");
                }
                Image image = ImageFiles.read(file, ReadLimits.maxElements(budget));
                budget -= image.shape().size();
                read.add(image);
            }
            scans.add(read);
        }
        return new EstimatedNoise(NoiseEstimate.of(scans, label), beta, folder.toString());
    }

    private static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f) && ImageFiles.isImageFile(f.getFileName())).sorted()
                    .toList();
        }
    }
}
