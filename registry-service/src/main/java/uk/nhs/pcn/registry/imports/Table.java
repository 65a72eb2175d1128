package uk.nhs.pcn.registry.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sheet or CSV file: headers normalised (white space and line breaks collapsed, lower case) and rows of cell
 * text keyed by normalised header. Row numbers are as a person sees them in the file (the header is row 1).
 */
public record Table(String name, List<String> headers, List<Row> rows) {

    public record Row(int number, Map<String, String> cells) {

        /** The cell under the first of the headers that the table has, stripped; empty string when blank. */
        public String get(Optional<String> header) {
            return header.map(h -> cells.getOrDefault(h, "")).orElse("").strip();
        }
    }

    public static String normalise(String header) {
        return header == null ? "" : header.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** The first of the accepted header names (already normalised) that this table has. */
    public Optional<String> column(List<String> acceptedHeaders) {
        return acceptedHeaders.stream().filter(headers::contains).findFirst();
    }
}
