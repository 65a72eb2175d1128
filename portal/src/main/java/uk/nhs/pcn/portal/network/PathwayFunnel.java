package uk.nhs.pcn.portal.network;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.BarChart;
import uk.nhs.pcn.portal.view.Format;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * The pathway funnel as a cohort: of the referrals received from 1 April to the chosen date (the financial year to
 * date), how many had been accepted, had a first contact, agreed a plan and been discharged by that date, from
 * referral-service's {@code /reports/pathway} (counts only). Referrals received late in the period have had less
 * time to move on; the caption says so.
 */
public record PathwayFunnel(LocalDate from, LocalDate to, List<Step> steps, long declined, long didNotAttend,
        long withdrawn, long open) {

    public record Step(String name, long count) {
    }

    public static PathwayFunnel of(JsonNode cohort) {
        List<Step> steps = List.of(new Step("Received", cohort.path("received").asLong()),
                new Step("Accepted", cohort.path("accepted").asLong()),
                new Step("First contact", cohort.path("firstContact").asLong()),
                new Step("Plan agreed", cohort.path("planAgreed").asLong()),
                new Step("Discharged", cohort.path("discharged").asLong()));
        return new PathwayFunnel(LocalDate.parse(cohort.path("from").asText()), LocalDate.parse(cohort.path("to")
                .asText()), steps, cohort.path("declined").asLong(), cohort.path("didNotAttend").asLong(),
                cohort.path("withdrawn").asLong(), cohort.path("open").asLong());
    }

    public long received() {
        return steps.get(0).count();
    }

    String period() {
        return Format.date(from.toString()) + " to " + Format.date(to.toString());
    }

    /** "40%" of the received, or "" when nothing was received. */
    String share(long n) {
        return received() == 0 ? "" : BigDecimal.valueOf(n * 100).divide(BigDecimal.valueOf(received()), 0,
                RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public BarChart chart() {
        List<BarChart.Row> rows = new ArrayList<>();
        for (Step s : steps) {
            rows.add(new BarChart.Row(s.name(), Format.count(s.count()) + (received() == 0 ? "" : " (" + share(s
                    .count()) + ")"), List.of(BigDecimal.valueOf(s.count()))));
        }
        StringBuilder summary = new StringBuilder("Of " + Format.count(received()) + " referrals received from "
                + period() + ", ");
        List<String> parts = new ArrayList<>();
        for (Step s : steps.subList(1, steps.size())) {
            parts.add(Format.count(s.count()) + " " + s.name().toLowerCase(java.util.Locale.UK)
                    .replace("first contact", "had a first contact").replace("plan agreed", "agreed a plan")
                    .replace("accepted", "were accepted").replace("discharged", "were discharged"));
        }
        summary.append(String.join(", ", parts)).append(" by ").append(Format.date(to.toString()))
                .append(". The pathway funnel table gives the same figures.");
        return BarChart.of("pathway-chart", "Pathway funnel: referrals received from " + period(), summary
                .toString(), rows, List.of(), null, null);
    }

    public Table table() {
        Table.Builder table = Table.builder("pathway", "Pathway funnel: of the referrals received from " + period()
                + ", how many reached each step by " + Format.date(to.toString())).column("Step")
                .numeric("Referrals").numeric("Of those received");
        for (Step s : steps) {
            table.row(Cell.text(s.name()), Cell.number(BigDecimal.valueOf(s.count()), Format.count(s.count())),
                    Cell.text(share(s.count())));
        }
        for (Object[] other : new Object[][] { { "Declined", declined }, { "Did not attend", didNotAttend },
                { "Withdrew", withdrawn }, { "Still open", open } }) {
            long n = (Long) other[1];
            table.row(Cell.text(other[0] + " (left the funnel or not yet through it)"), Cell.number(BigDecimal
                    .valueOf(n), Format.count(n)), Cell.text(share(n)));
        }
        return table.build();
    }
}
