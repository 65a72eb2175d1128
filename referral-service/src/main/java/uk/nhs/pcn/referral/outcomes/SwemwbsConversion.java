package uk.nhs.pcn.referral.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The official SWEMWBS conversion table: the raw total of the seven items (7 to 35) to the metric score that is
 * reported and compared. Shipped as data ({@code outcomes/swemwbs-conversion.json}, with the source it was taken
 * from) and read once, on first use; a file that does not cover every raw score 7 to 35 with a rising metric score of
 * two decimals is refused.
 */
public final class SwemwbsConversion {

    static final String RESOURCE = "outcomes/swemwbs-conversion.json";

    private final String source;
    private final SortedMap<Integer, BigDecimal> table;

    private SwemwbsConversion(String source, SortedMap<Integer, BigDecimal> table) {
        this.source = source;
        this.table = Collections.unmodifiableSortedMap(table);
    }

    private static final class Shipped {
        static final SwemwbsConversion TABLE = load(RESOURCE);
    }

    /** The table shipped with the service. */
    public static SwemwbsConversion shipped() {
        return Shipped.TABLE;
    }

    /** The metric score, two decimals, for a raw total of 7 to 35. */
    public BigDecimal metricScore(int rawTotal) {
        BigDecimal metric = table.get(rawTotal);
        if (metric == null) {
            throw new IllegalArgumentException("a SWEMWBS raw total is 7 to 35, not " + rawTotal);
        }
        return metric;
    }

    /** Raw total to metric score, raw 7 to 35 in order. */
    public SortedMap<Integer, BigDecimal> table() {
        return table;
    }

    /** Where the figures come from, as the data file says. */
    public String source() {
        return source;
    }

    /** The file as shipped. */
    record File(String measure, String source, List<Row> conversion) {
        record Row(Integer raw, BigDecimal metric) {
        }
    }

    static SwemwbsConversion load(String resource) {
        try (InputStream in = SwemwbsConversion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The SWEMWBS conversion table " + resource + " is missing");
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SWEMWBS conversion table " + resource, e);
        }
    }

    static SwemwbsConversion read(InputStream in, String name) throws IOException {
        File file = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(in, File.class);
        List<String> problems = new ArrayList<>();
        SortedMap<Integer, BigDecimal> table = new TreeMap<>();
        if (!"SWEMWBS".equals(file.measure())) {
            problems.add("measure is not SWEMWBS");
        }
        if (file.source() == null || file.source().isBlank()) {
            problems.add("source is missing");
        }
        for (File.Row row : file.conversion() == null ? List.<File.Row>of() : file.conversion()) {
            if (row.raw() == null || row.metric() == null) {
                problems.add("a row lacks raw or metric");
                continue;
            }
            if (row.metric().scale() > 2) {
                problems.add("raw " + row.raw() + " has more than two decimals");
            }
            if (table.put(row.raw(), row.metric().setScale(2, RoundingMode.HALF_UP)) != null) {
                problems.add("raw " + row.raw() + " is listed twice");
            }
        }
        int min = OutcomeMeasure.SWEMWBS.minTotal();
        int max = OutcomeMeasure.SWEMWBS.maxTotal();
        if (!table.keySet().equals(rangeSet(min, max))) {
            problems.add("raw scores must be exactly " + min + " to " + max);
        }
        BigDecimal previous = null;
        for (var entry : table.entrySet()) {
            if (previous != null && entry.getValue().compareTo(previous) <= 0) {
                problems.add("the metric score for raw " + entry.getKey() + " does not rise");
            }
            previous = entry.getValue();
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The SWEMWBS conversion table " + name + " is invalid: " + problems);
        }
        return new SwemwbsConversion(file.source(), table);
    }

    private static Set<Integer> rangeSet(int from, int to) {
        Set<Integer> set = new TreeSet<>();
        for (int i = from; i <= to; i++) {
            set.add(i);
        }
        return set;
    }
}
