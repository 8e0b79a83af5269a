package org.salientsi.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;

/** What {@code --images} selects: folders, globs and files, in file-name order. */
class ImageSetTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        for (String f : new String[] {"b.npy", "a.png", "c.NPY", "notes.txt", "sub/d.npy", "sub/a.npy",
                "sub/x_1.png"}) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void aFolderGivesItsImageFilesInFileNameOrderWithoutSubFolders() {
        assertThat(names(ImageSet.resolve(List.of(dir.toString())))).containsExactly("a.png", "b.npy", "c.NPY");
    }

    @Test
    void globsMatchInTheirFolderOrBelowWithDoubleStar() {
        assertThat(names(ImageSet.resolve(List.of(dir + "/*.npy")))).containsExactly("b.npy");
        assertThat(names(ImageSet.resolve(List.of(dir + "/?.*")))).containsExactly("a.png", "b.npy", "c.NPY");
        assertThat(ImageSet.resolve(List.of(dir + "/**/*.npy"))).extracting(p -> dir.relativize(p).toString())
                .containsExactly("sub/a.npy", "sub/d.npy");
        assertThat(names(ImageSet.resolve(List.of(dir + "/sub/x_?.png")))).containsExactly("x_1.png");
        assertThat(names(ImageSet.resolve(List.of(dir + "/s*/[ad].npy")))).containsExactly("a.npy", "d.npy");
    }

    @Test
    void filesAndSeveralValuesAreMergedSortedAndWithoutDuplicates() {
        List<Path> got = ImageSet.resolve(List.of(dir.resolve("b.npy").toString(), dir + "/sub/*.npy",
                dir.resolve("b.npy").toString()));
        assertThat(got).extracting(p -> dir.relativize(p).toString())
                .containsExactly("sub/a.npy", "b.npy", "sub/d.npy");
    }

    @Test
    void nothingToTestIsABadInputNamingTheValue() {
        assertThatThrownBy(() -> ImageSet.resolve(List.of(dir + "/*.tif"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("*.tif").hasMessageContaining("matches no file");
        assertThatThrownBy(() -> ImageSet.resolve(List.of(dir.resolve("nope").toString())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> ImageSet.resolve(List.of(dir + "/missing/*.npy")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing");
    }

    @Test
    void entriesThatAreNotRegularFilesAreListedSoThatTheirReadIsReportedNotDropped() throws IOException {
        Path only = Files.createDirectories(dir.resolve("only"));
        Files.createSymbolicLink(only.resolve("dangling.npy"), only.resolve("deleted.npy"));
        Files.createDirectories(only.resolve("folder.png"));
        Files.createDirectories(only.resolve("plain-folder"));
        assertThat(names(ImageSet.resolve(List.of(only.toString())))).containsExactly("dangling.npy", "folder.png");
        assertThat(names(ImageSet.resolve(List.of(only + "/*.npy")))).containsExactly("dangling.npy");
        // what a shell leaves of an unquoted glob: the dangling link itself
        assertThat(names(ImageSet.resolve(List.of(only.resolve("dangling.npy").toString()))))
                .containsExactly("dangling.npy");
    }

    @Test
    void aFolderNamedLikeAnImageListsItsContentNotItself() throws IOException {
        Path named = Files.createDirectories(dir.resolve("scans.npy"));
        Files.writeString(named.resolve("in.npy"), "x");
        assertThat(names(ImageSet.resolve(List.of(named.toString())))).containsExactly("in.npy");
    }
}
