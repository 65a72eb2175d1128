package uk.nhs.pcn.portal.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * A horizontal bar chart drawn as SVG: each bar carries its value as text (meaning never by colour alone), the
 * figure has a title and a text summary, and a table on the page gives the same figures. A bar may be stacked from
 * segments, each with its own pattern named in the legend. An optional marker draws a reference line (a cap, a sum).
 */
@TemplateData
public record BarChart(String id, String title, String summary, List<Bar> bars, List<String> legend, String markerLabel,
        BigDecimal markerPercent, int height) {

    public static final int ROW = 34;
    public static final int TOP = 8;

    /** Where bars start and how wide 100% is, in the SVG's user units (its viewBox is 1000 wide). */
    public static final int PLOT_X = 330;
    public static final int PLOT_WIDTH = 480;

    /** One bar: {@code valueX} is where its value text goes, just past its end; {@code textY} the text baseline. */
    @TemplateData
    public record Bar(String label, String valueText, List<Segment> segments, int y, String valueX, int textY) {
    }

    /** A stacked part: x and width in user units, and the fill pattern (0 solid, 1 hatched, ...). */
    @TemplateData
    public record Segment(String x, String width, int style) {
    }

    public String markerX() {
        return markerPercent == null ? null : units(markerPercent);
    }

    static String units(BigDecimal percent) {
        return BigDecimal.valueOf(PLOT_X).add(percent.multiply(BigDecimal.valueOf(PLOT_WIDTH))
                .divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP)).toPlainString();
    }

    /** One row: the label, its value as shown, and the stacked parts (non-negative) in order. */
    public record Row(String label, String valueText, List<BigDecimal> parts) {
    }

    /** Bar lengths are percentages of the chart's plot width (the longest bar or the marker, whichever is more). */
    public static BarChart of(String id, String title, String summary, List<Row> rows, List<String> legend,
            String markerLabel, BigDecimal marker) {
        BigDecimal max = marker == null ? BigDecimal.ZERO : marker;
        for (Row row : rows) {
            BigDecimal total = row.parts().stream().map(p -> p.max(BigDecimal.ZERO)).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            max = max.max(total);
        }
        List<Bar> bars = new ArrayList<>();
        int y = TOP + (marker == null ? 0 : 20);
        for (Row row : rows) {
            List<Segment> segments = new ArrayList<>();
            BigDecimal x = BigDecimal.ZERO;
            int style = 0;
            for (BigDecimal part : row.parts()) {
                BigDecimal width = percent(part.max(BigDecimal.ZERO), max);
                segments.add(new Segment(units(x), width.multiply(BigDecimal.valueOf(PLOT_WIDTH))
                        .divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP).toPlainString(), style++));
                x = x.add(width);
            }
            String label = row.label().length() > 38 ? row.label().substring(0, 37) + "…" : row.label();
            bars.add(new Bar(label, row.valueText(), segments, y, BigDecimal.valueOf(8).add(new BigDecimal(
                    units(x))).toPlainString(), y + 17));
            y += ROW;
        }
        return new BarChart(id, title, summary, bars, legend, markerLabel,
                marker == null ? null : percent(marker, max), y + TOP);
    }

    private static BigDecimal percent(BigDecimal value, BigDecimal max) {
        return max.signum() == 0 ? BigDecimal.ZERO
                : value.multiply(BigDecimal.valueOf(100)).divide(max, 2, RoundingMode.HALF_UP);
    }
}
