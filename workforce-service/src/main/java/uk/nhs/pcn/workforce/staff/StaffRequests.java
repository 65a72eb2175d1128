package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the staff endpoints. Pay is full-time annual: salary and employer on-costs per 1.0 WTE. */
public final class StaffRequests {

    private StaffRequests() {
    }

    public record Appoint(
            @NotBlank @Size(max = 50) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 ._/-]*$", message = "must be the employer's staff reference (letters, digits, space . _ / -), not a name or NHS number") String staffReference,
            @NotBlank String roleCode,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1.0") @Digits(integer = 1, fraction = 3) BigDecimal wte,
            @NotNull LocalDate startDate,
            LocalDate endDate,
            @NotBlank @Size(max = 200) String employingOrganisation,
            @Size(max = 20) String payBand,
            @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 2) BigDecimal fullTimeAnnualSalary,
            @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 2) BigDecimal fullTimeAnnualOnCosts) {
    }

    public record ChangeHours(
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1.0") @Digits(integer = 1, fraction = 3) BigDecimal wte,
            @NotNull LocalDate from) {
    }

    public record ChangePay(
            @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 2) BigDecimal fullTimeAnnualSalary,
            @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 2) BigDecimal fullTimeAnnualOnCosts,
            @NotNull LocalDate from) {
    }

    public record End(@NotNull LocalDate lastDay) {
    }
}
