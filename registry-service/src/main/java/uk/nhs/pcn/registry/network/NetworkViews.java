package uk.nhs.pcn.registry.network;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the API answers about networks. */
public final class NetworkViews {

    private NetworkViews() {
    }

    /** Sums of each member's latest list size on or before the date. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Population(long registeredPatients, BigDecimal weightedPopulation, BigDecimal adjustedPopulation,
            int practicesWithoutListSize) {
    }

    public record Warning(String code, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String code, String name, String commissionerCode, LocalDate openDate, LocalDate closeDate,
            NetworkStatus status, int memberCount, Population population, List<Warning> warnings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MemberListSize")
    public record ListSizeView(LocalDate asAt, int registeredPatients, BigDecimal weightedPopulation,
            BigDecimal adjustedPopulation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String practiceCode, String practiceName, LocalDate from, LocalDate to,
            ListSizeView listSize) {
    }

    public record ClinicalDirectorView(String name, LocalDate from) {
    }

    /** A partner without an ODS code (a voluntary group, say) has no {@code odsCode} field, not a null one. */
    public record Partner(long id, PartnerOrganisation.Type type, String name,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String odsCode) {
        static Partner of(PartnerOrganisation p) {
            return new Partner(p.id, p.type, p.name, p.odsCode);
        }
    }

    /** A network as it stood on {@code asAt}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AsAt(String code, LocalDate asAt, String name, String currentName, String commissionerCode,
            LocalDate openDate, LocalDate closeDate, NetworkStatus status, ClinicalDirectorView clinicalDirector,
            List<Partner> partners, List<Member> members, Population population, List<Warning> warnings) {
    }
}
