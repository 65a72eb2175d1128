package uk.nhs.pcn.portal.view;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV of a {@link Table}: the headings, then each row's values (raw numbers, ISO dates). */
public final class Csv {

    private Csv() {
    }

    public static String of(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns().stream().map(Table.Column::heading).toList());
        for (List<Table.Cell> row : table.rows()) {
            line(out, row.stream().map(Table.Cell::value).toList());
        }
        if (table.footer() != null) {
            line(out, table.footer().stream().map(Table.Cell::value).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values) {
        out.append(values.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String field(String value) {
        String v = value == null ? "" : value;
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        return v.matches(".*[\",\\r\\n].*") || v.startsWith("'") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
