package uk.nhs.pcn.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwemwbsConversionTest {

    /** The whole table, as the domain reference gives it (from the Warwick SWEMWBS user guide). */
    @ParameterizedTest
    @CsvSource({ "7, 7.00", "8, 9.51", "9, 11.25", "10, 12.40", "11, 13.33", "12, 14.08", "13, 14.75", "14, 15.32",
            "15, 15.84", "16, 16.36", "17, 16.88", "18, 17.43", "19, 17.98", "20, 18.59", "21, 19.25", "22, 19.98",
            "23, 20.73", "24, 21.54", "25, 22.35", "26, 23.21", "27, 24.11", "28, 25.03", "29, 26.02", "30, 27.03",
            "31, 28.13", "32, 29.31", "33, 30.70", "34, 32.55", "35, 35.00" })
    void aSevenItemScoreIsReportedAsItsMetricScore(int raw, String metric) {
        OutcomeScore score = OutcomeScore.of(OutcomeMeasure.SWEMWBS, itemsAddingUpTo(raw));
        assertThat(score.total()).isEqualTo(raw);
        assertThat(score.metricScore()).isEqualTo(new BigDecimal(metric)).hasScaleOf(2);
        assertThat(SwemwbsConversion.shipped().metricScore(raw)).isEqualTo(new BigDecimal(metric));
    }

    @Test
    void theShippedTableCoversEveryRawScoreAndNamesItsSource() {
        SwemwbsConversion table = SwemwbsConversion.shipped();
        assertThat(table.table()).hasSize(29);
        assertThat(table.table().firstKey()).isEqualTo(7);
        assertThat(table.table().lastKey()).isEqualTo(35);
        assertThat(table.source()).contains("Warwick").contains("SWEMWBS user guide");
        assertThatThrownBy(() -> table.metricScore(36)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTableWithAGapIsRefusedAtLoad() throws IOException {
        String shipped = shipped();
        String broken = shipped.replace("{\"raw\": 20, \"metric\": 18.59},", "");
        assertThat(broken).isNotEqualTo(shipped);
        assertThatThrownBy(() -> SwemwbsConversion.read(stream(broken), "broken"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("raw scores must be exactly 7 to 35");
    }

    @Test
    void aTableWhoseScoresDoNotRiseIsRefusedAtLoad() throws IOException {
        String broken = shipped().replace("\"metric\": 18.59}", "\"metric\": 17.59}");
        assertThatThrownBy(() -> SwemwbsConversion.read(stream(broken), "broken"))
                .hasMessageContaining("the metric score for raw 20 does not rise");
    }

    private static String shipped() throws IOException {
        try (InputStream in = SwemwbsConversionTest.class.getClassLoader()
                .getResourceAsStream(SwemwbsConversion.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Seven items of 1 to 5 adding up to {@code raw}. */
    static List<Integer> itemsAddingUpTo(int raw) {
        List<Integer> items = new ArrayList<>();
        int left = raw;
        for (int i = 7; i > 0; i--) {
            int item = Math.min(5, left - (i - 1));
            items.add(item);
            left -= item;
        }
        return items;
    }
}
