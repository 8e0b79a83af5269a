package org.salientsi.validation.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/**
 * The trial row of exact and certified searches: JSON and CSV, lines written before certified searches
 * existed, and rows whose fields contradict their search.
 */
class TrialRowFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A checkpoint line as written before issue 24 (no search, no bounds). */
    private static final String OLD_LINE = "{\"trial\":3,\"seed\":1003,\"selective_p\":0.25,\"oc_p\":0.5,\"naive_p\":0.01,"
            + "\"statistic\":-1.25,\"sigma_t\":0.75,\"region_size\":10,\"pieces\":303,\"empty_draws\":0,\"seconds\":0.003}";

    private static TrialRow certified() {
        return TrialRow.certified(4, 1004L, 0.125, 0.1328125, 0.12890625, 0.02, 1.5, 0.5, 16, 40, 1, 0.25);
    }

    @Test
    void aLineWrittenBeforeCertifiedSearchesReadsAsAnExactRow() throws Exception {
        TrialRow row = JSON.readValue(OLD_LINE, TrialRow.class);
        assertThat(row).isEqualTo(new TrialRow(3, 1003L, 0.25, 0.5, 0.01, -1.25, 0.75, 10, 303, 0, 0.003));
        assertThat(row.search()).isEqualTo("exact");
        assertThat(row.isCertified()).isFalse();
        assertThat(row.pLower()).isNull();
        assertThat(row.pMidpoint()).isNull();
    }

    @Test
    void anExactRowKeepsItsFieldsAndAddsOnlyItsSearch() throws Exception {
        TrialRow row = JSON.readValue(OLD_LINE, TrialRow.class);
        JsonNode written = JSON.readTree(JSON.writeValueAsString(row));
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        List<String> old = new ArrayList<>();
        JSON.readTree(OLD_LINE).fieldNames().forEachRemaining(old::add);
        old.add("search");
        assertThat(names).containsExactlyElementsOf(old);
        assertThat(written.get("search").asText()).isEqualTo("exact");
        assertThat(JSON.readValue(written.toString(), TrialRow.class)).isEqualTo(row);
        assertThat(row.csv()).isEqualTo("3,1003,0.25,0.5,0.01,-1.25,0.75,10,303,0,0.003,exact,,");
        assertThat(TrialRow.CSV_HEADER.split(",")).hasSize(row.csv().split(",", -1).length);
    }

    @Test
    void aCertifiedRowHoldsTheUpperBoundAsItsSelectivePValueAndNoOcPValue() throws Exception {
        TrialRow row = certified();
        assertThat(row.selectiveP()).isEqualTo(0.1328125);
        assertThat(row.ocP()).isNull();
        assertThat(row.search()).isEqualTo("certified");
        String line = JSON.writeValueAsString(row);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("oc_p").isNull()).isTrue();
        assertThat(node.get("p_lower").asDouble()).isEqualTo(0.125);
        assertThat(node.get("p_midpoint").asDouble()).isEqualTo(0.12890625);
        assertThat(node.has("certified")).as("no derived property").isFalse();
        assertThat(JSON.readValue(line, TrialRow.class)).isEqualTo(row);
        // a line without "search" but with bounds is certified
        assertThat(JSON.readValue(line.replace("\"search\":\"certified\",", ""), TrialRow.class)).isEqualTo(row);
        assertThat(row.csv()).isEqualTo("4,1004,0.1328125,,0.02,1.5,0.5,16,40,1,0.25,certified,0.125,0.12890625");
        assertThat(row.sameOutcome(row.withSeconds(9))).isTrue();
    }

    @Test
    void rowsWhoseFieldsContradictTheirSearchAreRefused() {
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, 0.3, 0.1, 1, 1, 1, 1, 0, 0, "certified", 0.1, 0.15))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("no oc_p");
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, null, 0.1, 1, 1, 1, 1, 0, 0, "exact", null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("needs oc_p");
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, null, 0.1, 1, 1, 1, 1, 0, 0, "certified", 0.25, 0.22))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, null, 0.1, 1, 1, 1, 1, 0, 0, "certified", 0.1, 0.25))
                .as("midpoint above upper").isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, null, 0.1, 1, 1, 1, 1, 0, 0, "certified", -0.1, 0.05))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> new TrialRow(0, 1, 0.2, 0.3, 0.1, 1, 1, 1, 1, 0, 0, "grid", null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("search 'grid'");
    }
}
