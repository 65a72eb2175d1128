package uk.nhs.pcn.referral.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import uk.nhs.pcn.referral.pathway.ReferralSnapshots;

class ReferralBundleTest {

    private static final ReferralBundle BUNDLES = new ReferralBundle();

    @Test
    void aDischargedReferralIsValidR4() {
        assertValid(BUNDLES.build(ReferralSnapshots.discharged()));
    }

    @Test
    void aReferralJustReceivedIsValidR4() {
        assertValid(BUNDLES.build(ReferralSnapshots.received()));
    }

    @ParameterizedTest
    @CsvSource({ "RECEIVED, requested", "ACCEPTED, accepted", "FIRST_CONTACT, in-progress", "PLAN_AGREED, in-progress",
            "CONNECTED, in-progress", "FOLLOW_UP, in-progress", "DISCHARGED, completed", "DECLINED, rejected",
            "DID_NOT_ATTEND, cancelled", "WITHDRAWN, cancelled" })
    void theTaskFollowsThePathway(String state, String taskStatus) {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.inState(state));
        Task task = only(bundle, Task.class);
        assertThat(task.getStatus().toCode()).isEqualTo(taskStatus);
        assertThat(task.getBusinessStatus().getText()).isEqualTo(state);
        assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
        assertThat(only(bundle, ServiceRequest.class, this::isReferral).getStatus().toCode())
                .isEqualTo(switch (taskStatus) {
                    case "completed" -> "completed";
                    case "rejected", "cancelled" -> "revoked";
                    default -> "active";
                });
        assertValid(bundle);
    }

    @Test
    void thePatientIsIdentifiedByNhsNumberAndRegisteredWithThePractice() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        Patient patient = only(bundle, Patient.class);
        assertThat(patient.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
            assertThat(id.getValue()).isEqualTo("9990000018");
        });
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Testpatient");
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Alex");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1961-04-12");
        assertThat(patient.getTelecom()).extracting(t -> t.getSystem().toCode(), t -> t.getValue())
                .containsExactly(tuple("phone", "07700 900123"),
                        tuple("email", "alex@example.org"));
        assertThat(patient.getAddressFirstRep().getText()).isEqualTo("1 Test Street, Leeds, LS1 1AA");
        Reference gp = patient.getGeneralPractitionerFirstRep();
        assertThat(gp.getIdentifier().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/ods-organization-code");
        assertThat(gp.getIdentifier().getValue()).isEqualTo("A83005");
        assertThat(resolve(bundle, gp)).isInstanceOfSatisfying(Organization.class,
                o -> assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo("A83005"));
    }

    @Test
    void theReferralIsASnomedCodedServiceRequestFromThePracticeToTheNetwork() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        ServiceRequest referral = only(bundle, ServiceRequest.class, this::isReferral);
        assertThat(referral.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(referral.getCode().getCodingFirstRep().getCode()).isEqualTo("871731000000106");
        assertThat(referral.getCode().getCodingFirstRep().getDisplay())
                .isEqualTo("Referral to social prescribing service");
        assertThat(referral.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
        assertThat(referral.getAuthoredOnElement().getValueAsString()).isEqualTo("2025-05-06");
        assertThat(resolve(bundle, referral.getSubject())).isInstanceOf(Patient.class);
        assertThat(((Organization) resolve(bundle, referral.getRequester())).getIdentifierFirstRep().getValue())
                .isEqualTo("A83005");
        assertThat(((Organization) resolve(bundle, referral.getPerformerFirstRep())).getIdentifierFirstRep()
                .getValue()).isEqualTo("U45102");
        assertThat(referral.getReasonCode()).extracting(c -> c.getCodingFirstRep().getSystem(),
                c -> c.getCodingFirstRep().getCode()).containsExactly(
                        tuple(ReferralBundle.NEED_SYSTEM, "loneliness"),
                        tuple(ReferralBundle.NEED_SYSTEM, "debt"));
        assertThat(referral.getNoteFirstRep().getText()).isEqualTo("Recently bereaved; struggling with bills.");
        assertThat(only(BUNDLES.build(ReferralSnapshots.received()), ServiceRequest.class, this::isReferral)
                .getNote()).isEmpty();
    }

    @Test
    void theTaskIsOwnedByTheLinkWorkerOnceAssigned() {
        Task task = only(BUNDLES.build(ReferralSnapshots.discharged()), Task.class);
        assertThat(task.getOwner().getType()).isEqualTo("PractitionerRole");
        assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo(ReferralSnapshots.APPOINTMENT);
        assertThat(task.getExecutionPeriod().getStartElement().getValueAsString()).isEqualTo("2025-05-07T23:30:00Z");
        assertThat(task.getExecutionPeriod().getEndElement().getValueAsString()).isEqualTo("2025-08-01T12:00:00Z");
        Task queued = only(BUNDLES.build(ReferralSnapshots.received()), Task.class);
        assertThat(queued.hasOwner()).isFalse();
        assertThat(queued.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    }

    @Test
    void aDeclinedReferralCarriesTheSnomedReason() {
        Task task = only(BUNDLES.build(ReferralSnapshots.inState("DECLINED")), Task.class);
        assertThat(task.getStatusReason().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(task.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("871711000000103");
        assertThat(task.getStatusReason().getText()).isEqualTo("Person did not want support");
        assertThat(only(BUNDLES.build(ReferralSnapshots.discharged()), Task.class).getStatusReason().hasCoding())
                .isFalse();
    }

    @Test
    void eachOutcomeIsAnObservationWithItsItemsAsComponents() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        List<Observation> observations = all(bundle, Observation.class);
        assertThat(observations).hasSize(6).allSatisfy(o -> {
            assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo(ReferralBundle.MEASURE_SYSTEM);
            assertThat(resolve(bundle, o.getSubject())).isInstanceOf(Patient.class);
            assertThat(resolve(bundle, o.getBasedOnFirstRep())).isInstanceOfSatisfying(ServiceRequest.class,
                    r -> assertThat(isReferral(r)).isTrue());
        });

        Observation ons4 = observation(bundle, "ONS4", "FIRST_CONTACT");
        assertThat(ons4.hasValue()).as("ONS4 is never summed").isFalse();
        assertThat(ons4.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode(),
                c -> ((IntegerType) c.getValue()).getValue()).containsExactly(
                        tuple("ONS4-LIFE-SATISFACTION", 4),
                        tuple("ONS4-WORTHWHILE", 5),
                        tuple("ONS4-HAPPY", 6),
                        tuple("ONS4-ANXIOUS", 8));
        assertThat(ons4.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2025-05-12T10:30:00Z");

        Observation wemwbs = observation(bundle, "WEMWBS", "DISCHARGE");
        assertThat(wemwbs.getValueIntegerType().getValue()).isEqualTo(42);
        assertThat(wemwbs.getComponent()).hasSize(14);

        Observation swemwbs = observation(bundle, "SWEMWBS", "DISCHARGE");
        Quantity metric = swemwbs.getValueQuantity();
        assertThat(metric.getValue()).isEqualTo(new BigDecimal("19.25"));
        assertThat(swemwbs.getComponent()).hasSize(8).last().satisfies(raw -> {
            assertThat(raw.getCode().getCodingFirstRep().getCode()).isEqualTo("SWEMWBS-RAW-TOTAL");
            assertThat(((IntegerType) raw.getValue()).getValue()).isEqualTo(21);
        });
        assertThat(observation(bundle, "SWEMWBS", "FIRST_CONTACT").getValueQuantity().getValue())
                .isEqualTo(new BigDecimal("15.32"));
    }

    @Test
    void connectionsAreServiceRequestsBasedOnTheReferral() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        List<ServiceRequest> connections = all(bundle, ServiceRequest.class).stream().filter(r -> !isReferral(r))
                .toList();
        assertThat(connections).extracting(r -> r.getCode().getText(), r -> r.getIntent().toCode(),
                r -> r.getStatus().toCode(), r -> r.getCategoryFirstRep().getCodingFirstRep().getCode())
                .containsExactly(
                        tuple("Leeds Walking Group", "proposal", "completed", "COMMUNITY"),
                        tuple("Citizens Advice Leeds", "order", "revoked", "VOLUNTARY"),
                        tuple("Adult Social Care", "order", "unknown", "STATUTORY"));
        assertThat(connections).allSatisfy(c -> assertThat(resolve(bundle, c.getBasedOnFirstRep()))
                .isInstanceOfSatisfying(ServiceRequest.class, r -> assertThat(isReferral(r)).isTrue()));
    }

    @Test
    void everyReferenceResolvesInsideTheBundleAndTheIdsAreStable() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl())
                .isEqualTo("urn:uuid:" + e.getResource().getIdElement().getIdPart()));
        Set<String> fullUrls = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl)
                .collect(Collectors.toSet());
        assertThat(fullUrls).hasSize(bundle.getEntry().size());
        var terser = FhirContext.forR4Cached().newTerser();
        List<String> references = bundle.getEntry().stream()
                .flatMap(e -> terser.getAllPopulatedChildElementsOfType(e.getResource(), Reference.class).stream())
                .filter(Reference::hasReference).map(Reference::getReference).toList();
        assertThat(references).isNotEmpty().allSatisfy(r -> assertThat(fullUrls).contains(r));
        assertThat(only(bundle, ServiceRequest.class, this::isReferral).getIdElement().getIdPart())
                .isEqualTo(ReferralSnapshots.ID.toString());
        assertThat(new ReferralBundle().json(ReferralSnapshots.discharged()))
                .isEqualTo(BUNDLES.json(ReferralSnapshots.discharged()));
    }

    @Test
    void theJsonIsPrettyFhirThatReadsBack() {
        String json = BUNDLES.json(ReferralSnapshots.discharged());
        assertThat(json).contains("\n  \"resourceType\": \"Bundle\"").contains("\"type\": \"collection\"");
        Bundle read = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
        assertThat(read.getEntry()).hasSize(BUNDLES.build(ReferralSnapshots.discharged()).getEntry().size());
    }

    @Test
    void theValidatorWouldCatchABrokenBundle() {
        Bundle bundle = BUNDLES.build(ReferralSnapshots.discharged());
        only(bundle, Task.class).setStatus(null);
        assertThat(errors(bundle)).anySatisfy(m -> {
            assertThat(m.getLocationString()).contains("Task");
            assertThat(m.getMessage()).contains("status");
        });
    }

    private static void assertValid(Bundle bundle) {
        assertThat(errors(bundle)).as("validation errors").isEmpty();
    }

    private static List<SingleValidationMessage> errors(Bundle bundle) {
        return FhirValidation.errors(bundle);
    }

    private boolean isReferral(ServiceRequest request) {
        return request.getCode().hasCoding();
    }

    private static Observation observation(Bundle bundle, String measure, String timepoint) {
        return all(bundle, Observation.class).stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals(measure))
                .filter(o -> ((CodeType) o.getExtensionByUrl(ReferralBundle.TIMEPOINT_EXTENSION).getValue())
                        .getValue().equals(timepoint))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + measure + " at " + timepoint);
                }).orElseThrow();
    }

    private static Resource resolve(Bundle bundle, Reference reference) {
        return bundle.getEntry().stream().filter(e -> e.getFullUrl().equals(reference.getReference()))
                .map(Bundle.BundleEntryComponent::getResource).findFirst()
                .orElseThrow(() -> new AssertionError("unresolved " + reference.getReference()));
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static <T extends Resource> T only(Bundle bundle, Class<T> type) {
        return only(bundle, type, r -> true);
    }

    private static <T extends Resource> T only(Bundle bundle, Class<T> type, Predicate<T> which) {
        List<T> found = all(bundle, type).stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
