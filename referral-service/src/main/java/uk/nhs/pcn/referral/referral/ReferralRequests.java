package uk.nhs.pcn.referral.referral;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import uk.nhs.pcn.platform.ods.OdsCodes;

/** Request bodies of the referral endpoints. */
public final class ReferralRequests {

    private ReferralRequests() {
    }

    /** The person referred: patient-identifiable, kept only in this service's database. */
    public record ReferredPerson(
            @NotBlank String nhsNumber,
            @NotBlank @Size(max = 100) String givenName,
            @NotBlank @Size(max = 100) String familyName,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @Size(max = 40) @Pattern(regexp = "^[0-9+() -]*$", message = "must be a telephone number (digits, space, + ( ) -)") String phone,
            @Size(max = 200) @Email String email,
            @Size(max = 500) String address) {
    }

    /**
     * A new referral. {@code practiceCode} is the referring practice, or for a self-referral the practice the person
     * is registered with. {@code referralDate} defaults to today.
     */
    public record NewReferral(
            @NotNull @Valid ReferredPerson person,
            @NotNull @Pattern(regexp = OdsCodes.PRACTICE, message = "must be a GP practice ODS code: a letter and 5 digits, e.g. A81001") String practiceCode,
            @NotNull ReferralSource source,
            @NotEmpty @Size(max = 14) List<@NotNull Need> needs,
            @Size(max = 4000) String referrerNotes,
            @NotNull Boolean consentToShare,
            @PastOrPresent LocalDate referralDate) {
    }

    public record Decline(@NotNull DeclineReason reason, @Size(max = 4000) String note) {
    }

    public enum DeclineReason { NOT_APPROPRIATE, PERSON_DECLINED, NOT_ANSWERED_IN_TIME, DUPLICATE, OTHER }

    /** Accepting needs nothing but may carry a note. */
    public record Accept(@Size(max = 4000) String note) {
    }

    /** The first contact and "what matters to me" conversation. */
    public record FirstContact(@NotBlank @Size(max = 4000) String whatMatters, @Size(max = 4000) String note) {
    }

    /** The personalised care and support plan agreed with the person. */
    public record AgreePlan(@NotBlank @Size(max = 4000) String plan) {
    }

    public record Connect(
            @NotBlank @Size(max = 200) String serviceName,
            @NotNull Connection.ServiceType serviceType,
            @NotNull Connection.Mode mode,
            @PastOrPresent LocalDate connectedOn,
            Boolean attended) {
    }

    public record Attendance(@NotNull Boolean attended) {
    }

    public record FollowUp(@Size(max = 4000) String note) {
    }

    public enum DischargeReason { GOALS_MET, NO_FURTHER_SUPPORT_NEEDED, MOVED_AWAY, REFERRED_ELSEWHERE, DIED, OTHER }

    public record Discharge(@NotNull DischargeReason reason, @Size(max = 4000) String note) {
    }

    /** Did not attend, or withdrawn: the note says what happened. */
    public record Close(@Size(max = 4000) String note) {
    }

    /** When an outcome measure is taken: at the first contact, and at discharge. */
    public enum Timepoint { FIRST_CONTACT, DISCHARGE }

    public record RecordOutcome(
            @NotNull uk.nhs.pcn.referral.outcomes.OutcomeMeasure measure,
            @NotNull Timepoint timepoint,
            @NotEmpty @Size(max = 14) List<@NotNull Integer> items) {
    }
}
