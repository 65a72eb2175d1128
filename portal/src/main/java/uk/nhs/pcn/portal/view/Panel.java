package uk.nhs.pcn.portal.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.qute.TemplateData;
import uk.nhs.pcn.portal.services.Answer;

/**
 * One panel of a page, filled from one service. When that service is down or slow, the panel says which service and
 * since when ({@code unavailable}) and the rest of the page renders.
 */
@TemplateData
public record Panel(String id, String title, String service, String unavailable, List<Fact> facts,
        List<BarChart> charts, List<Table> tables, List<String> notes, List<String> warnings) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'on' d MMMM yyyy", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    @TemplateData
    public record Fact(String id, String label, String value) {
    }

    public static Panel of(String id, String title, String service, List<Fact> facts, List<BarChart> charts,
            List<Table> tables, List<String> notes) {
        return of(id, title, service, facts, charts, tables, notes, List.of());
    }

    /** {@code warnings}: shown as GOV.UK warning text (an icon and the word "Warning" for screen readers). */
    public static Panel of(String id, String title, String service, List<Fact> facts, List<BarChart> charts,
            List<Table> tables, List<String> notes, List<String> warnings) {
        return new Panel(id, title, service, null, facts, charts, tables, notes, List.copyOf(warnings));
    }

    /** The panel of a service that did not answer, or refused this user. */
    public static Panel missing(String id, String title, Answer answer) {
        String text;
        if (answer.unavailable()) {
            text = answer.api().serviceName() + " is not answering (" + answer.detail() + ") since "
                    + TIME.format(answer.downSince()) + ". The rest of the page is up to date; this part will "
                    + "fill in when the service is back.";
        } else if (answer.forbidden()) {
            text = "Your sign-in does not allow " + answer.api().serviceName() + " to show you this"
                    + (answer.detail() == null ? "." : ": " + answer.detail());
        } else {
            text = answer.api().serviceName() + " answered " + answer.status()
                    + (answer.detail() == null ? "." : ": " + answer.detail());
        }
        return new Panel(id, title, answer.api().serviceName(), text, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
