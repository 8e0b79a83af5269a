package org.salientsi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of shards, {@code merge} and the spark executor's cluster options: one line on standard error,
 * exit code 2, nothing on standard output (the rule of {@link BadInputCatalogueTest}).
 */
class ShardMergeBadInputTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();

    @TempDir
    static Path dir;
    static String model;

    @BeforeAll
    static void files() throws IOException {
        model = TestData.paperModel(8).toString();
        TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        // a finished shard 0/3 and an unfinished one (checkpoint without summary)
        CliRun shard = CliRun.of(validate("0/3", "shard-0"));
        if (shard.code() != 0) {
            throw new IllegalStateException("the good shard failed: " + shard);
        }
        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        Files.copy(dir.resolve("shard-0").resolve("trials.jsonl"), unfinished.resolve("trials.jsonl"));
        Files.writeString(dir.resolve("merged.jsonl"), "{\"image\":\"a.npy\",\"selective_p\":0.5,\"bh_p\":0.5}\n");
        Files.writeString(dir.resolve("notjson.jsonl"), "{\"image\":\n");
    }

    private static String[] validate(String shard, String out, String... more) {
        String[] base = {"validate", "--model", model, "--trials", "4", "--sigma", "1", "--quiet", "--shard", shard,
            "--out", dir.resolve(out).toString()};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        String[] batch = {"batch", "--model", model, "--images", f("x.npy"), "--sigma", "1"};
        return Stream.of(
                c("validate: shard index equal to the count", validate("3/3", "s1"), "--shard", "3/3"),
                c("validate: shard not I/N", validate("two", "s2"), "--shard", "two"),
                c("validate: shard count zero", validate("0/0", "s3"), "--shard"),
                c("validate: negative shard index", validate("-1/4", "s4"), "--shard"),
                c("validate: shard of non-integers", validate("a/b", "s5"), "--shard", "a/b"),
                c("batch: shard without --json", Stream.concat(Stream.of(batch), Stream.of("--shard", "0/2"))
                        .toArray(String[]::new), "--shard", "--json"),
                c("batch: shard out of range", Stream.concat(Stream.of(batch), Stream.of("--shard", "2/2", "--json"))
                        .toArray(String[]::new), "--shard"),
                c("merge: missing folder", new String[] {"merge", f("nowhere"), "--out", f("m1")}, "nowhere"),
                c("merge: a shard is missing", new String[] {"merge", f("shard-0"), "--out", f("m2")}, "missing",
                        "[1, 2]"),
                c("merge: unfinished shard", new String[] {"merge", f("unfinished"), "--out", f("m3")},
                        "unfinished", "not finished"),
                c("merge: the same shard twice", new String[] {"merge", f("shard-0"), f("shard-0"), "--out", f("m4")},
                        "shard 0/3"),
                c("merge: study without --out", new String[] {"merge", f("shard-0")}, "--out"),
                c("merge: folders and files", new String[] {"merge", f("shard-0"), f("merged.jsonl"), "--out",
                    f("m5")}, "merged.jsonl", "not both"),
                c("merge: batch line with bh_p", new String[] {"merge", f("merged.jsonl")}, "merged.jsonl", "bh_p"),
                c("merge: batch line not JSON", new String[] {"merge", f("notjson.jsonl")}, "notjson.jsonl"),
                c("merge: not a study folder", new String[] {"merge", dir.toString(), "--out", f("m6")},
                        "not a study folder"),
                c("spark: cluster master without the application jar", validate("0/1", "s6", "--executor", "spark",
                        "--executor-option", "master=spark://127.0.0.1:1"), "app-jar", "spark://127.0.0.1:1"),
                c("spark: application jar not found", validate("0/1", "s7", "--executor", "spark",
                        "--executor-option", "master=spark://127.0.0.1:1", "--executor-option",
                        "app-jar=" + f("no.jar")), "app-jar", "no.jar"),
                c("spark: unknown executor option", validate("0/1", "s8", "--executor", "spark",
                        "--executor-option", "mastr=local[1]"), "mastr", "master"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    /** Keeps the messages for review (target/cli-shard-merge-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-shard-merge-bad-input-messages.txt");
    }
}
