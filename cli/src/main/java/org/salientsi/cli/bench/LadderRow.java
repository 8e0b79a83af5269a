package org.salientsi.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.salientsi.api.SalientVersion;

/**
 * The benchmark of one ladder model: its pairs' searches, their medians, and the process's memory and
 * the machine's load when it finished.
 *
 * @param model the model, as the manifest lists it
 * @param backend the backend that loaded it, name and version ({@code onnx 1.16.0}), or {@code null} if it
 *     did not load
 * @param sha256 the loaded file's SHA-256 (the manifest's, checked before the run)
 * @param pairs the image pairs' runs, null pairs first
 * @param exhaustive medians of the exhaustive searches, or {@code null} when they were not run
 * @param decision medians of the {@code decision:0.05} searches
 * @param memory the process's memory peaks during the model's run
 * @param load the machine's 1-minute load average when the row finished, NaN where unknown
 * @param maxSeconds the time budget per search in seconds, or {@code null} for none
 * @param searchThreads threads that walk one exhaustive search ({@code test}'s {@code --search-threads}),
 *     {@code >= 1}
 * @param error why the model could not be run (one line), or {@code null}
 */
public record LadderRow(LadderModel model, String backend, String sha256, List<PairRun> pairs,
                        SearchSummary exhaustive, SearchSummary decision, PeakMemory memory, double load,
                        Double maxSeconds, int searchThreads, String error) {

    /** Checks that the parts are present. */
    public LadderRow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sha256, "sha256");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(memory, "memory");
        if (searchThreads < 1) {
            throw new IllegalArgumentException("search threads must be >= 1, got " + searchThreads);
        }
    }

    /** @return pairs whose searches ran (to the end or to the budget) */
    public int tested() {
        return count(PairRun.Outcome.TESTED);
    }

    /** @return pairs whose region was empty */
    public int empty() {
        return count(PairRun.Outcome.EMPTY);
    }

    /** @return pairs whose searches failed */
    public int failed() {
        return count(PairRun.Outcome.FAILED);
    }

    private int count(PairRun.Outcome outcome) {
        return (int) pairs.stream().filter(p -> p.outcome() == outcome).count();
    }

    /**
     * @return the row as JSON values (maps, lists, strings, numbers, booleans, nulls for missing or NaN
     *     numbers): every number of the table, every pair's searches, and provenance
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.file());
        m.put("family", model.family());
        m.put("size", model.size());
        m.put("channels", model.channels());
        m.put("state", model.state());
        m.put("macs", model.macs());
        m.put("pixels", model.pixels());
        m.put("images", model.images());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", pairs.size());
        counts.put("tested", tested());
        counts.put("empty", empty());
        counts.put("failed", failed());
        m.put("pairs", counts);
        m.put("exhaustive", summary(exhaustive));
        m.put("decision", summary(decision));
        m.put("termination_decision", LadderBench.DECISION);
        m.put("max_seconds", maxSeconds);
        m.put("search_threads", searchThreads);
        m.put("peak_rss_bytes", memory.rssBytes() < 0 ? null : memory.rssBytes());
        m.put("peak_rss_since_reset", memory.rssSinceReset());
        m.put("peak_heap_bytes", memory.heapBytes());
        m.put("load_1min", number(load));
        m.put("error", error);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (PairRun p : pairs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", p.pair().kind());
            r.put("image", p.pair().image().toString());
            r.put("reference", p.pair().reference().toString());
            r.put("outcome", p.outcome().name().toLowerCase(java.util.Locale.ROOT));
            r.put("exhaustive", run(p.exhaustive()));
            r.put("decision", run(p.decision()));
            r.put("error", p.error());
            runs.add(r);
        }
        m.put("runs", runs);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("model_sha256", sha256);
        provenance.put("backend", backend);
        provenance.put("salientsi", SalientVersion.current());
        provenance.put("java", System.getProperty("java.version"));
        provenance.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("provenance", provenance);
        return m;
    }

    private static Map<String, Object> summary(SearchSummary s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pieces", median(s.pieces()));
        m.put("seconds", median(s.seconds()));
        m.put("ms_per_piece", number(s.msPerPiece()));
        m.put("searches", s.seconds().count());
        m.put("stopped", s.stopped());
        return m;
    }

    private static Map<String, Object> median(Median median) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", number(median.value()));
        m.put("lower_bound", median.lowerBound());
        return m;
    }

    private static Map<String, Object> run(SearchRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", run.seconds());
        m.put("pieces", run.pieces());
        m.put("stopped", run.stopped());
        m.put("selective_p", number(run.selectiveP()));
        m.put("stop_reason", run.stopReason());
        return m;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
