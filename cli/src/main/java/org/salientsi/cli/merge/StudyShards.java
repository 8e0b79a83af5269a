package org.salientsi.cli.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.Provenance;
import org.salientsi.validation.checkpoint.TrialCheckpoint;
import org.salientsi.validation.report.StudyReport;
import org.salientsi.validation.run.Shard;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.StudyAccumulator;
import org.salientsi.validation.summary.StudySummary;

/**
 * The finished shards of one study, read from their folders and checked to be the whole study exactly once:
 * the same study (checkpoint headers equal but for the shard), the same trial count and alpha, every shard
 * {@code 0..N-1} present once, every trial once and in its own shard.
 *
 * @param fingerprint the study's checkpoint header without the shard
 * @param rows every trial's row, by trial index
 * @param summary the whole study's summary: the rows' statistics, the shards' run counts, executors and
 *     summed wall times, and the first shard's provenance without its {@code shard} option
 */
public record StudyShards(Map<String, String> fingerprint, List<TrialRow> rows, StudySummary summary) {

    /** Copies the collections. */
    public StudyShards {
        fingerprint = Map.copyOf(fingerprint);
        rows = List.copyOf(rows);
    }

    /** One shard's folder, read. */
    private record Part(Path dir, Map<String, String> fingerprint, Shard shard, List<TrialRow> rows,
                        JsonNode summary, Provenance provenance) {
    }

    /**
     * @param dirs the shards' output folders ({@code validate --shard I/N --out DIR})
     * @param json the mapper
     * @return the merged study
     * @throws InvalidInputException if a folder is not a finished shard, the shards belong to different
     *     studies, or shards or trials are missing or repeated
     */
    public static StudyShards read(List<Path> dirs, ObjectMapper json) {
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            parts.add(part(dir, json));
        }
        Part first = parts.get(0);
        int count = first.shard().count();
        double alpha = first.summary().path("alpha").asDouble();
        String trialsText = first.provenance().options().get("trials");
        int trials = parse(first.dir(), trialsText);
        Part[] byIndex = new Part[count];
        for (Part p : parts) {
            if (!p.fingerprint().equals(first.fingerprint())) {
                throw new InvalidInputException("merge: " + p.dir() + " and " + first.dir()
                        + " hold different studies (" + difference(first.fingerprint(), p.fingerprint()) + ")");
            }
            if (p.shard().count() != count) {
                throw new InvalidInputException("merge: " + p.dir() + " is shard " + p.shard() + " but " + first.dir()
                        + " is shard " + first.shard() + "; all shards must have the same N");
            }
            if (byIndex[p.shard().index()] != null) {
                throw new InvalidInputException("merge: " + p.dir() + " and " + byIndex[p.shard().index()].dir()
                        + " are both shard " + p.shard());
            }
            byIndex[p.shard().index()] = p;
            if (p.summary().path("alpha").asDouble() != alpha
                    || !trialsText.equals(p.provenance().options().get("trials"))) {
                throw new InvalidInputException("merge: " + p.dir() + " was run with another --trials or --alpha than "
                        + first.dir());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("merge: shard(s) " + missing + " of " + count + " missing; give every "
                    + "shard's folder");
        }
        List<TrialRow> rows = new ArrayList<>(trials);
        BitSet seen = new BitSet(trials);
        long run = 0;
        long resumed = 0;
        int torn = 0;
        double seconds = 0;
        TreeSet<String> executors = new TreeSet<>();
        for (Part p : parts) {
            for (TrialRow r : p.rows()) {
                if (r.trial() >= trials || !p.shard().contains(r.trial()) || seen.get(r.trial())) {
                    throw new InvalidInputException("merge: " + p.dir() + " holds trial " + r.trial() + ", which is "
                            + "not one of shard " + p.shard() + "'s trials of a " + trials + "-trial study");
                }
                seen.set(r.trial());
                rows.add(r);
            }
            run += p.summary().path("trials_run").asLong();
            resumed += p.summary().path("trials_resumed").asLong();
            torn += p.summary().path("torn_lines").asInt();
            seconds += p.summary().path("seconds").asDouble();
            executors.add(p.summary().path("executor").asText());
        }
        if (rows.size() != trials) {
            throw new InvalidInputException("merge: the shards hold " + rows.size() + " of the study's " + trials
                    + " trials; run the unfinished shards to the end first");
        }
        rows.sort(Comparator.comparingInt(TrialRow::trial));
        Map<String, String> options = new TreeMap<>(first.provenance().options());
        options.remove(StudyRunner.SHARD);
        Provenance p0 = first.provenance();
        Provenance provenance = new Provenance(p0.modelSha256(), p0.backend(), p0.method(), p0.selector(),
                p0.statistic(), p0.sigma(), options, p0.seed(), p0.version(), p0.started(), p0.jvm(), p0.os());
        StudySummary summary = StudySummary.of(StudyAccumulator.of(alpha, rows).snapshot(), run, resumed, torn,
                String.join("+", executors), seconds, provenance);
        return new StudyShards(first.fingerprint(), rows, summary);
    }

    /**
     * Writes the merged study into a folder: its checkpoint (so that {@code validate} without {@code --shard}
     * on this folder continues or reports the whole study, running no trial), {@value StudyReport#SUMMARY}
     * and {@value StudyReport#ROWS}.
     *
     * @param out the folder
     * @param json the mapper
     * @throws InvalidInputException if the folder holds another study's checkpoint
     */
    public void write(Path out, ObjectMapper json) {
        try (TrialCheckpoint checkpoint = TrialCheckpoint.open(out.resolve(StudyRunner.CHECKPOINT), fingerprint)) {
            BitSet there = new BitSet();
            checkpoint.rows().forEach(r -> there.set(r.trial()));
            for (TrialRow r : rows) {
                if (!there.get(r.trial())) {
                    checkpoint.accept(r);
                }
            }
        }
        try {
            Files.writeString(out.resolve(StudyReport.SUMMARY),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
            StringBuilder csv = new StringBuilder(TrialRow.CSV_HEADER).append('\n');
            rows.forEach(r -> csv.append(r.csv()).append('\n'));
            Files.writeString(out.resolve(StudyReport.ROWS), csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merged study in " + out + ": " + e.getMessage(), e);
        }
    }

    private static Part part(Path dir, ObjectMapper json) {
        Path file = dir.resolve(StudyRunner.CHECKPOINT);
        Path summaryFile = dir.resolve(StudyReport.SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("merge: " + dir + " is not a study folder (no " + StudyRunner.CHECKPOINT
                    + ")");
        }
        if (!Files.isRegularFile(summaryFile)) {
            throw new InvalidInputException("merge: the shard in " + dir + " has not finished (no "
                    + StudyReport.SUMMARY + "); run its validate command to the end first");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            JsonNode header = lines.isEmpty() ? null : json.readTree(lines.get(0));
            if (header == null || !header.path(TrialCheckpoint.HEADER_KEY).isObject()) {
                throw new InvalidInputException("merge: " + file + " is not a SalientSI study checkpoint");
            }
            Map<String, String> fingerprint = new TreeMap<>();
            header.get(TrialCheckpoint.HEADER_KEY).fields()
                    .forEachRemaining(e -> fingerprint.put(e.getKey(), e.getValue().asText()));
            String label = fingerprint.remove(StudyRunner.SHARD);
            Shard shard = label == null ? Shard.ALL : Shard.parse(label);
            List<TrialRow> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                try {
                    rows.add(json.readValue(lines.get(i), TrialRow.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw new InvalidInputException("merge: " + file + " line " + (i + 1) + " is not a trial row", e);
                }
            }
            JsonNode summary = json.readTree(summaryFile.toFile());
            Provenance provenance = json.treeToValue(summary.path("provenance"), Provenance.class);
            if (provenance == null || provenance.options() == null) {
                throw new InvalidInputException("merge: " + summaryFile + " has no provenance");
            }
            return new Part(dir, fingerprint, shard, rows, summary, provenance);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("merge: " + dir + " holds a file that is not JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int parse(Path dir, String trials) {
        try {
            return Integer.parseInt(trials);
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException("merge: the summary in " + dir + " does not say how many trials the "
                    + "study has");
        }
    }

    private static String difference(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        StringBuilder diff = new StringBuilder();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null ? y != null : !x.equals(y)) {
                diff.append(diff.length() == 0 ? "" : ", ").append(k).append(' ').append(x).append(" vs ").append(y);
            }
        }
        return diff.toString();
    }
}
