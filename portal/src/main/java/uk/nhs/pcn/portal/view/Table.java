package uk.nhs.pcn.portal.view;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * A table as the page shows it and as its CSV download gives it: the same columns and rows. {@code id} names the
 * download ({@code <page>/tables/<id>.csv}).
 */
@TemplateData
public record Table(String id, String caption, List<Column> columns, List<List<Cell>> rows, List<Cell> footer,
        List<String> marks) {

    /**
     * The mark of row {@code index} (a class suffix such as {@code over-cap}), or null. A mark only adds emphasis:
     * the row's own text must say the same.
     */
    public String mark(int index) {
        return index < marks.size() ? marks.get(index) : null;
    }

    @TemplateData
    public record Column(String heading, boolean numeric) {
    }

    /** {@code text} as shown, {@code value} as downloaded and sorted (raw number, ISO date), {@code href} a link. */
    @TemplateData
    public record Cell(String text, String value, String href) {

        public static Cell text(String text) {
            return new Cell(text == null ? "" : text, text == null ? "" : text, null);
        }

        public static Cell link(String text, String href) {
            return new Cell(text, text, href);
        }

        public static Cell number(java.math.BigDecimal number, String text) {
            return new Cell(text, number == null ? "" : number.toPlainString(), null);
        }
    }

    public boolean empty() {
        return rows.isEmpty();
    }

    public static Builder builder(String id, String caption) {
        return new Builder(id, caption);
    }

    public static final class Builder {
        private final String id;
        private final String caption;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();
        private final List<String> marks = new ArrayList<>();
        private List<Cell> footer;

        private Builder(String id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        public Builder column(String heading) {
            columns.add(new Column(heading, false));
            return this;
        }

        public Builder numeric(String heading) {
            columns.add(new Column(heading, true));
            return this;
        }

        public Builder row(Cell... cells) {
            return markedRow(null, cells);
        }

        /** A row with a mark (see {@link Table#mark(int)}), or none when {@code mark} is null. */
        public Builder markedRow(String mark, Cell... cells) {
            rows.add(List.of(cells));
            marks.add(mark);
            return this;
        }

        public Builder footer(Cell... cells) {
            footer = List.of(cells);
            return this;
        }

        public Table build() {
            return new Table(id, caption, List.copyOf(columns), List.copyOf(rows), footer,
                    java.util.Collections.unmodifiableList(new ArrayList<>(marks)));
        }
    }
}
