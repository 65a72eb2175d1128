package uk.nhs.pcn.funding.rules;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.time.FinancialYear;

/** The DES rule set in force: components, rates (or 'unknown'), sources and revisions, for anyone signed in. */
@Path("/api/v1/des-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "DES rule set")
@Authenticated
public class RulesResource {

    @Inject
    DesRules rules;

    public record RulesView(String location, String fingerprint, DesRuleSet.YearRules rules) {
    }

    @GET
    @Operation(operationId = "getDesRules", summary = "A financial year's DES rules as in force today: components, "
            + "rates ('unknown' where not confirmed), bases, sources and revisions")
    public RulesView year(@Parameter(description = "e.g. 2024/25", required = true) @RestQuery String financialYear) {
        FinancialYear year = QueryParams.financialYear("financialYear", financialYear);
        DesRuleSet.YearRules yearRules = rules.knownOn(QueryParams.today()).year(year)
                .orElseThrow(() -> ProblemException.notFound("DES rule set for", year.toString()));
        return new RulesView(rules.location(), DesRules.fingerprint(yearRules), yearRules);
    }
}
