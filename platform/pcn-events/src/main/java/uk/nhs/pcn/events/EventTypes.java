package uk.nhs.pcn.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import uk.nhs.pcn.events.funding.ArrsSumExceeded;
import uk.nhs.pcn.events.funding.EntitlementRecalculated;
import uk.nhs.pcn.events.funding.MonthConfirmed;
import uk.nhs.pcn.events.funding.PaymentAdjustmentRaised;
import uk.nhs.pcn.events.referral.CaseloadThresholdReached;
import uk.nhs.pcn.events.referral.OutcomeRecorded;
import uk.nhs.pcn.events.referral.ReferralAccepted;
import uk.nhs.pcn.events.referral.ReferralAssigned;
import uk.nhs.pcn.events.referral.ReferralDeclined;
import uk.nhs.pcn.events.referral.ReferralDischarged;
import uk.nhs.pcn.events.referral.ReferralQueued;
import uk.nhs.pcn.events.referral.ReferralReceived;
import uk.nhs.pcn.events.registry.ClinicalDirectorChanged;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.events.workforce.AppointmentAtRisk;
import uk.nhs.pcn.events.workforce.AppointmentEnded;
import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.events.workforce.PayChanged;
import uk.nhs.pcn.events.workforce.StaffAppointed;
import uk.nhs.pcn.events.workforce.WorkingHoursChanged;

/** The catalogue of event types in the contract, and the link from a payload class to its CloudEvents type. */
public final class EventTypes {

    /** Every payload class in the contract; a schema must exist for each. */
    public static final List<Class<? extends PcnEvent>> ALL = List.of(
            NetworkRegistered.class,
            NetworkRenamed.class,
            NetworkClosed.class,
            ClinicalDirectorChanged.class,
            PracticeJoinedNetwork.class,
            PracticeLeftNetwork.class,
            ListSizeRecorded.class,
            StaffAppointed.class,
            WorkingHoursChanged.class,
            PayChanged.class,
            AppointmentEnded.class,
            AppointmentAtRisk.class,
            MonthlyClaimCalculated.class,
            EntitlementRecalculated.class,
            PaymentAdjustmentRaised.class,
            MonthConfirmed.class,
            ArrsSumExceeded.class,
            ReferralReceived.class,
            ReferralQueued.class,
            ReferralAssigned.class,
            ReferralAccepted.class,
            ReferralDeclined.class,
            ReferralDischarged.class,
            OutcomeRecorded.class,
            CaseloadThresholdReached.class);

    private static final Map<String, Class<? extends PcnEvent>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<?> payloadClass) {
        CloudEventType annotation = payloadClass.getAnnotation(CloudEventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(payloadClass.getName() + " is not annotated with @CloudEventType");
        }
        return annotation.value();
    }

    public static Optional<Class<? extends PcnEvent>> payloadClass(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Classpath location of the JSON Schema for a CloudEvents type. */
    public static String schemaResource(String type) {
        return "/schemas/" + ContractDocuments.schemaName(type);
    }
}
