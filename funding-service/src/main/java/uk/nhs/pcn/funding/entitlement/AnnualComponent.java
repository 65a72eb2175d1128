package uk.nhs.pcn.funding.entitlement;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.rules.Basis;

/** A component paid once after the year on achievement (IIF): listed with its rate, not scheduled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnualComponent(String component, String componentName, Basis basis, String rate, String source,
        String note) {
}
