package uk.nhs.pcn.portal.commissioner;

import java.util.List;

import io.quarkus.qute.TemplateData;
import uk.nhs.pcn.portal.view.Panel;
import uk.nhs.pcn.portal.view.Table;

/** The commissioner page: one table of networks, or the registry's absence. */
@TemplateData
public record CommissionerView(String code, String name, String financialYear, Panel missing, Table table,
        List<String> notes) {
}
