package uk.nhs.pcn.portal.network;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.qute.TemplateData;
import uk.nhs.pcn.portal.view.Panel;
import uk.nhs.pcn.portal.view.Table;

/** Everything the network page shows, panel by panel. */
@TemplateData
public record NetworkPage(String code, String name, LocalDate asAt, boolean today, String financialYear,
        List<Panel> panels) {

    public Optional<Table> table(String id) {
        return panels.stream().flatMap(p -> p.tables().stream()).filter(t -> t.id().equals(id)).findFirst();
    }

    public Stream<Table> tables() {
        return panels.stream().flatMap(p -> p.tables().stream());
    }
}
