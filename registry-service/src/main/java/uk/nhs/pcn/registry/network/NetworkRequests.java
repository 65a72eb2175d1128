package uk.nhs.pcn.registry.network;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pcn.platform.ods.OdsCodes;

/** Request bodies of the network endpoints. */
public final class NetworkRequests {

    private NetworkRequests() {
    }

    @Schema(name = "RegisterNetworkRequest")
    public record Register(
            @NotNull @Pattern(regexp = OdsCodes.NETWORK, message = "must be a PCN ODS code: U followed by 5 digits") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = OdsCodes.COMMISSIONER, message = "must be a 3-character sub-ICB location code") String commissionerCode,
            @NotNull LocalDate openDate,
            @Pattern(regexp = OdsCodes.POSTCODE, message = "must be a UK postcode in capitals") String postcode) {
    }

    public record Rename(@NotBlank @Size(max = 200) String name, @NotNull LocalDate effectiveDate) {
    }

    public record Close(@NotNull LocalDate closeDate) {
    }

    public record AppointClinicalDirector(@NotBlank @Size(max = 200) String name, @NotNull LocalDate from) {
    }

    public record AddPartner(@NotNull PartnerOrganisation.Type type, @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "^[A-Z0-9]{3,10}$", message = "must be an ODS code: 3 to 10 capital letters or digits") String odsCode) {
    }
}
