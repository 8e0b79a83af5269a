package org.salientsi.cli.bench;

import java.util.List;

/**
 * Medians over the tested pairs of one kind of search ({@code exhaustive} or {@code decision:0.05}).
 *
 * @param pieces median linear pieces (a lower bound if stopped searches decide it)
 * @param seconds median seconds per search (likewise)
 * @param msPerPiece median over the searches of milliseconds per piece (stopped ones too: time so far
 *     over pieces so far); NaN without a search
 * @param stopped searches stopped by the time budget, {@code >= 0}
 */
public record SearchSummary(Median pieces, Median seconds, double msPerPiece, int stopped) {

    /** Checks the values. */
    public SearchSummary {
        if (stopped < 0 || stopped > seconds.count()) {
            throw new IllegalArgumentException("stopped searches must be in [0, " + seconds.count() + "], got "
                    + stopped);
        }
    }

    /**
     * @param runs the searches
     * @return their medians
     */
    static SearchSummary of(List<SearchRun> runs) {
        Median pieces = Median.of(runs.stream().map(r -> new Median.Value(r.pieces(), r.stopped())).toList());
        Median seconds = Median.of(runs.stream().map(r -> new Median.Value(r.seconds(), r.stopped())).toList());
        double[] rates = runs.stream().mapToDouble(SearchRun::msPerPiece).filter(v -> !Double.isNaN(v)).toArray();
        double ms = rates.length == 0 ? Double.NaN : Median.ofExact(rates).value();
        return new SearchSummary(pieces, seconds, ms, (int) runs.stream().filter(SearchRun::stopped).count());
    }
}
