package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pcn.platform.ods.OdsCodes;

/** Request bodies of the practice endpoints. */
public final class PracticeRequests {

    private PracticeRequests() {
    }

    @Schema(name = "RegisterPracticeRequest")
    public record Register(
            @NotNull @Pattern(regexp = OdsCodes.PRACTICE, message = "must be a GP practice ODS code: a letter followed by 5 digits") String code,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = OdsCodes.POSTCODE, message = "must be a UK postcode in capitals") String postcode,
            @NotNull @Pattern(regexp = OdsCodes.COMMISSIONER, message = "must be a 3-character sub-ICB location code") String commissionerCode) {
    }

    /** Populations as at a date. Registered is required; weighted and adjusted are optional. */
    public record RecordListSize(
            @NotNull LocalDate asAt,
            @NotNull @Min(0) @Max(1_000_000) Integer registeredPatients,
            @DecimalMin("0") @Digits(integer = 9, fraction = 2) BigDecimal weightedPopulation,
            @DecimalMin("0") @Digits(integer = 9, fraction = 2) BigDecimal adjustedPopulation) {
    }

    public record Join(
            @NotNull @Pattern(regexp = OdsCodes.NETWORK, message = "must be a PCN ODS code: U followed by 5 digits") String networkCode,
            @NotNull LocalDate from,
            LocalDate to) {
    }

    public record Leave(@NotNull LocalDate to) {
    }

    public record Move(
            @NotNull @Pattern(regexp = OdsCodes.NETWORK, message = "must be a PCN ODS code: U followed by 5 digits") String networkCode,
            @NotNull LocalDate from) {
    }
}
