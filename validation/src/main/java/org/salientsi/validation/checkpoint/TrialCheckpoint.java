package org.salientsi.validation.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.validation.executor.TrialSink;
import org.salientsi.validation.study.TrialRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study's JSONL checkpoint: a header line {@code {"salientsi_study": {...}, "format": 1}} naming
 * what defines the trials (the study's description and the model's SHA-256), then one
 * {@link TrialRow} per line in the order the trials finished. Thread-safe.
 *
 * <p>Durability: each row is one {@code write} of a whole line to a file opened for appending,
 * straight to the operating system (no buffer in the JVM), so a killed JVM loses no finished row.
 * When {@link #open} finds a last line without its newline, or one that does not parse (a write cut
 * short), it truncates the file before that line and counts it in {@link #tornLines()}: that trial
 * runs again. A corrupt line elsewhere is not a kill's doing and is refused.
 *
 * <p>Failures: an error naming the file and why (permission denied, read-only file system, no space
 * left on device). What was written stays: a write that fails part-way is cut back to the last whole
 * line, and every later write is refused, so the file holds whole rows only and the study resumes
 * from them once the cause is gone.
 */
public final class TrialCheckpoint implements TrialSink, AutoCloseable {

    /** The header's key holding the study's description. */
    public static final String HEADER_KEY = "salientsi_study";

    private static final Logger LOG = LoggerFactory.getLogger(TrialCheckpoint.class);
    private static final int FORMAT = 1;

    private final Path file;
    private final ObjectMapper json;
    private final List<TrialRow> rows;
    private final int tornLines;
    private final FileChannel channel;
    /** Length of the whole lines written (the file's length after the last successful write). */
    private long length;
    /** Rows appended by this run. */
    private int appended;
    /** The first failed write: every later one is refused with it. */
    private IOException failure;

    /** Opens the file for appending (a seam for tests that simulate a full disk). */
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private static final Opener APPEND = f -> FileChannel.open(f, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private TrialCheckpoint(Path file, ObjectMapper json, List<TrialRow> rows, int tornLines, FileChannel channel,
                            long length) {
        this.file = file;
        this.json = json;
        this.rows = rows;
        this.tornLines = tornLines;
        this.channel = channel;
        this.length = length;
    }

    /**
     * Opens (or creates) a checkpoint for a study.
     *
     * @param file the JSONL file
     * @param fingerprint what defines the study's trials; a file written for another fingerprint is
     *     refused
     * @return the checkpoint, holding the rows already finished
     * @throws InvalidInputException if the file belongs to another study, is corrupt before its last
     *     line, or is not a regular file
     * @throws UncheckedIOException if the file cannot be read or written (naming it and why)
     */
    public static TrialCheckpoint open(Path file, Map<String, String> fingerprint) {
        return open(file, fingerprint, APPEND);
    }

    static TrialCheckpoint open(Path file, Map<String, String> fingerprint, Opener opener) {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> expected = new TreeMap<>(fingerprint);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            List<TrialRow> rows = new ArrayList<>();
            int torn = 0;
            boolean fresh = true;
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidInputException("checkpoint " + file + " is not a regular file; choose another --out");
            }
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                Scan scan = scan(file, bytes, json, expected, rows);
                torn = scan.torn;
                fresh = scan.goodLength == 0;
                if (scan.goodLength < bytes.length) {
                    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        c.truncate(scan.goodLength);
                    }
                }
            }
            FileChannel channel = opener.open(file);
            TrialCheckpoint checkpoint = new TrialCheckpoint(file, json, Collections.unmodifiableList(rows), torn,
                    channel, channel.size());
            if (fresh) {
                ObjectNode header = json.createObjectNode();
                header.set(HEADER_KEY, json.valueToTree(expected));
                header.put("format", FORMAT);
                checkpoint.writeLine(json.writeValueAsString(header));
            }
            if (torn > 0) {
                LOG.warn("checkpoint {}: dropped {} torn line(s) at its end; those trials run again", file, torn);
            }
            return checkpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint " + file + ": " + IoReasons.of(e), e);
        }
    }

    private record Scan(long goodLength, int torn) {
    }

    private static Scan scan(Path file, byte[] bytes, ObjectMapper json, Map<String, String> expected,
                             List<TrialRow> rows) {
        long good = 0;
        int torn = 0;
        int lineNo = 0;
        BitSet seen = new BitSet();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean complete = end < bytes.length;
            boolean last = !complete || end + 1 >= bytes.length;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            lineNo++;
            JsonNode node = complete ? parse(json, line) : null;
            if (node == null) {
                if (last) {
                    torn++;
                    break;
                }
                throw new InvalidInputException("checkpoint " + file + " line " + lineNo + " is corrupt (not JSON); "
                        + "delete the file to start the study afresh");
            }
            if (lineNo == 1) {
                checkHeader(file, json, node, expected);
            } else {
                TrialRow row;
                try {
                    row = json.treeToValue(node, TrialRow.class);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    if (last) {
                        torn++;
                        break;
                    }
                    throw new InvalidInputException("checkpoint " + file + " line " + lineNo + " is not a trial row: "
                            + e.getMessage(), e);
                }
                if (!seen.get(row.trial())) {
                    seen.set(row.trial());
                    rows.add(row);
                }
            }
            good = end + 1;
            start = end + 1;
        }
        return new Scan(good, torn);
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void checkHeader(Path file, ObjectMapper json, JsonNode node, Map<String, String> expected) {
        JsonNode study = node.get(HEADER_KEY);
        if (study == null || !study.isObject()) {
            throw new InvalidInputException("file " + file + " is not a SalientSI study checkpoint (no "
                    + HEADER_KEY + " header); choose another --out");
        }
        Map<String, String> found = new TreeMap<>();
        study.fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue().asText()));
        if (!found.equals(expected)) {
            TreeSet<String> keys = new TreeSet<>(found.keySet());
            keys.addAll(expected.keySet());
            StringBuilder diff = new StringBuilder();
            for (String k : keys) {
                String a = found.get(k);
                String b = expected.get(k);
                if (a == null ? b != null : !a.equals(b)) {
                    diff.append(diff.length() == 0 ? "" : ", ").append(k).append(": ").append(a).append(" there, ")
                            .append(b).append(" now");
                }
            }
            throw new InvalidInputException("checkpoint " + file + " belongs to another study (" + diff
                    + "); choose another --out or delete it");
        }
    }

    /** @return the checkpoint file */
    public Path file() {
        return file;
    }

    /** @return the rows finished before this run, in the order they finished, one per trial */
    public List<TrialRow> rows() {
        return rows;
    }

    /** @return the number of torn lines dropped when the file was opened (0 or 1) */
    public int tornLines() {
        return tornLines;
    }

    /**
     * Appends a finished trial's row, in one write.
     *
     * @param row the row
     * @throws UncheckedIOException if the write fails
     */
    @Override
    public void accept(TrialRow row) {
        String line;
        try {
            line = json.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trial row " + row.trial(), e);
        }
        synchronized (this) {
            writeLine(line);
            appended++;
        }
    }

    private synchronized void writeLine(String line) {
        if (failure != null) {
            throw new UncheckedIOException(failed("a write before failed: " + IoReasons.of(failure)), failure);
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            length += bytes.length;
        } catch (IOException e) {
            failure = e;
            try {
                channel.truncate(length); // drop the part of the line that was written
            } catch (IOException ignored) {
                // the torn line is dropped when the checkpoint is next opened
            }
            throw new UncheckedIOException(failed(IoReasons.of(e)), e);
        }
    }

    private String failed(String reason) {
        return "cannot append to checkpoint " + file + ": " + reason + "; the " + (rows.size() + appended)
                + " rows written before are kept: run the same command again to resume once that is fixed";
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close checkpoint " + file, e);
        }
    }
}
