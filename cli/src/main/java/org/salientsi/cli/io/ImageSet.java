package org.salientsi.cli.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.io.ImageFiles;

/**
 * The images a {@code batch} names with {@code --images}: each value is a folder (its {@code .npy}
 * and {@code .png} files, not its sub-folders), a glob ({@code data/*.npy}, {@code scans/**}{@code /x_?.png},
 * with the syntax of {@link java.nio.file.FileSystem#getPathMatcher}), or a file (what a shell leaves
 * after expanding an unquoted glob). The result is in file-name order (then by full path), without
 * duplicates. Every matching entry is kept, not only regular files: a dangling link, a FIFO or a folder named
 * {@code x.npy} is listed so that the command that reads it reports it (an error line in {@code batch}).
 */
public final class ImageSet {

    private static final Comparator<Path> FILE_NAME_ORDER = Comparator
            .comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString);

    private ImageSet() {
    }

    /**
     * @param specs folders, globs or files
     * @return the image files, in file-name order
     * @throws InvalidInputException if a folder or glob matches no image file, or a named file or
     *     folder does not exist
     */
    public static List<Path> resolve(List<String> specs) {
        Set<Path> files = new LinkedHashSet<>();
        for (String spec : specs) {
            files.addAll(resolve(spec));
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(FILE_NAME_ORDER);
        return sorted;
    }

    private static List<Path> resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("--images needs a folder, a glob or a file");
        }
        if (!isGlob(spec)) {
            Path p = Path.of(spec);
            if (Files.isDirectory(p)) {
                List<Path> found = list(p, 1, f -> ImageFiles.isImageFile(f.getFileName()));
                if (found.isEmpty()) {
                    throw new InvalidInputException("--images " + spec + ": the folder holds no .npy or .png file");
                }
                return found;
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("--images " + spec + ": no such file or folder");
            }
            return List.of(p);
        }
        // the folder part before the first segment with a wildcard, and the pattern after it
        String normalized = spec.replace('\\', '/');
        String[] parts = normalized.split("/", -1);
        int first = 0;
        while (first < parts.length && !isGlob(parts[first])) {
            first++;
        }
        String base = String.join("/", Arrays.copyOfRange(parts, 0, first));
        Path root = Path.of(base.isEmpty() ? (normalized.startsWith("/") ? "/" : ".") : base);
        String pattern = String.join("/", Arrays.copyOfRange(parts, first, parts.length));
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("--images " + spec + ": folder " + root + " does not exist");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : parts.length - first;
        Path r = root;
        List<Path> found = list(root, depth, f -> matcher.matches(r.relativize(f)));
        if (found.isEmpty()) {
            throw new InvalidInputException("--images " + spec + ": the glob matches no file");
        }
        return found;
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /**
     * The entries under {@code dir} (not {@code dir} itself) that {@code keep} accepts, whatever their kind:
     * regular files, but also links (dangling ones too), FIFOs and folders whose names match, and entries
     * that cannot be read, so that the command reports each one instead of silently dropping it.
     */
    private static List<Path> list(Path dir, int depth, Predicate<Path> keep) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, Set.of(), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && keep.test(d)) {
                        found.add(d);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (keep.test(f)) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (f.equals(dir)) {
                        throw e;
                    }
                    if (keep.test(f)) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException("--images: cannot list " + dir + ": " + e.getMessage());
        }
        found.sort(FILE_NAME_ORDER);
        return found;
    }
}
