package org.salientsi.validation.run;

import java.util.List;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.StudyStats;
import org.salientsi.validation.summary.StudySummary;

/**
 * A finished study.
 *
 * @param study the study
 * @param rows one row per trial, by index
 * @param stats the statistics of all rows
 * @param summary the summary JSON
 */
public record StudyOutcome(Study study, List<TrialRow> rows, StudyStats stats, StudySummary summary) {

    /** Copies the rows. */
    public StudyOutcome {
        rows = List.copyOf(rows);
    }
}
