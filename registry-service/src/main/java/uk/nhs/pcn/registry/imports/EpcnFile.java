package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.util.List;

/** The content of an ODS ePCN file, validated. Dates are inclusive; a null end or close date means current. */
public record EpcnFile(List<NetworkRow> networks, List<MembershipRow> memberships) {

    public record NetworkRow(int row, String code, String name, String commissionerCode, LocalDate openDate,
            LocalDate closeDate, String postcode) {
    }

    public record MembershipRow(int row, String practiceCode, String practiceName, String practiceCommissionerCode,
            String networkCode, LocalDate start, LocalDate end) {
    }
}
