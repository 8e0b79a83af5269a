package org.salientsi.sanity.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV writing (RFC 4180 quoting; undefined numbers are empty cells). */
public final class Csv {

    private Csv() {
    }

    /**
     * @param file destination
     * @param header column names
     * @param rowLabels first cell of each row
     * @param values numbers, one row per label
     * @throws IOException on write failure
     */
    public static void write(Path file, List<String> header, List<String> rowLabels, double[][] values)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(header));
            for (int i = 0; i < values.length; i++) {
                StringBuilder sb = new StringBuilder(quote(rowLabels.get(i)));
                for (double v : values[i]) {
                    sb.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    /**
     * @param cells cells
     * @return one CSV line with a newline
     */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(quote(cells.get(i)));
        }
        return sb.append('\n').toString();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
