package uk.nhs.pcn.referral.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import uk.nhs.pcn.referral.outcomes.Ons4Item;
import uk.nhs.pcn.referral.outcomes.OutcomeMeasure;
import uk.nhs.pcn.referral.outcomes.OutcomeScore;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot;

/**
 * A referral as FHIR R4: a {@code collection} Bundle of
 * <ul>
 * <li>the {@code Patient} (NHS number, name, date of birth, contact details; registered practice as
 * {@code generalPractitioner});</li>
 * <li>the {@code ServiceRequest} for the referral (SNOMED CT 871731000000106 referral to social prescribing service;
 * requested by the practice, performed by the network; the needs as reasons);</li>
 * <li>the {@code Task} that tracks it through the pathway (the closed-loop referral pattern: requested, accepted,
 * in progress, then completed, rejected or cancelled; {@code businessStatus} is the pathway state; owner the link
 * worker's appointment);</li>
 * <li>one {@code ServiceRequest} per connection to a community, voluntary or statutory service, based on the
 * referral (intent {@code order} when the link worker referred, {@code proposal} when they signposted);</li>
 * <li>one {@code Observation} per well-being measure recorded (items as components);</li>
 * <li>the practice's and the network's {@code Organization}, identified by ODS code.</li>
 * </ul>
 * A collection, not a BaRS {@code message}: this is the referral's record as it stands, read on request, not a
 * message sent to a named receiver (a message Bundle needs a MessageHeader with the sender's and receiver's
 * endpoints and a BaRS event, which belong to a BaRS integration, not to a read).
 * <p>
 * Entries are addressed by {@code urn:uuid:} full URLs; the ids are derived from the referral id (the organisations'
 * from their ODS codes), so the same referral gives the same Bundle every time.
 */
@ApplicationScoped
public class ReferralBundle {

    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String SNOMED_SYSTEM = "http://snomed.info/sct";
    public static final String REFERRAL_ID_SYSTEM = "https://pcn.nhs.uk/fhir/Id/referral";
    public static final String APPOINTMENT_ID_SYSTEM = "https://pcn.nhs.uk/fhir/Id/workforce-appointment";
    public static final String NEED_SYSTEM = "https://pcn.nhs.uk/fhir/CodeSystem/social-prescribing-need";
    public static final String SERVICE_TYPE_SYSTEM = "https://pcn.nhs.uk/fhir/CodeSystem/community-service-type";
    public static final String MEASURE_SYSTEM = "https://pcn.nhs.uk/fhir/CodeSystem/wellbeing-measure";
    /** Extension on an outcome Observation: when in the episode it was recorded, FIRST_CONTACT or DISCHARGE. */
    public static final String TIMEPOINT_EXTENSION = "https://pcn.nhs.uk/fhir/StructureDefinition/outcome-timepoint";
    public static final String TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code";
    public static final String OBSERVATION_CATEGORY_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/observation-category";

    public static final String REFERRAL_TO_SOCIAL_PRESCRIBING = "871731000000106";
    public static final String REFERRAL_TO_SOCIAL_PRESCRIBING_DISPLAY = "Referral to social prescribing service";
    public static final String SOCIAL_PRESCRIBING_DECLINED = "871711000000103";
    public static final String SOCIAL_PRESCRIBING_DECLINED_DISPLAY = "Social prescribing declined";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirContext fhir = FhirContext.forR4Cached();

    /** The referral as a FHIR Bundle. */
    public Bundle build(ReferralSnapshot referral) {
        Objects.requireNonNull(referral.id(), "referral id");
        Organization practice = organization(referral.practiceCode());
        Organization network = organization(referral.networkCode());
        Patient patient = patient(referral, practice);
        ServiceRequest request = serviceRequest(referral, patient, practice, network);
        Task task = task(referral, patient, request, practice);

        Bundle bundle = new Bundle();
        bundle.setId(uuid(referral, "Bundle"));
        bundle.setType(Bundle.BundleType.COLLECTION);
        add(bundle, patient);
        add(bundle, request);
        add(bundle, task);
        List<ReferralSnapshot.Connection> connections = referral.connections();
        for (int i = 0; i < connections.size(); i++) {
            add(bundle, connection(referral, i, connections.get(i), patient, request));
        }
        List<ReferralSnapshot.Outcome> outcomes = referral.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            add(bundle, observation(referral, i, outcomes.get(i), patient, request));
        }
        add(bundle, practice);
        if (!network.getId().equals(practice.getId())) {
            add(bundle, network);
        }
        return bundle;
    }

    /** The Bundle as pretty-printed FHIR JSON. */
    public String json(ReferralSnapshot referral) {
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(build(referral));
    }

    /** The FHIR context this builder uses (R4), for callers that parse or validate what it builds. */
    public FhirContext context() {
        return fhir;
    }

    /**
     * The Task status for a pathway state: RECEIVED requested; ACCEPTED accepted; FIRST_CONTACT to FOLLOW_UP
     * in-progress; DISCHARGED completed; DECLINED rejected; DID_NOT_ATTEND and WITHDRAWN cancelled.
     */
    public static Task.TaskStatus taskStatus(String state) {
        return switch (state) {
            case "RECEIVED" -> Task.TaskStatus.REQUESTED;
            case "ACCEPTED" -> Task.TaskStatus.ACCEPTED;
            case "FIRST_CONTACT", "PLAN_AGREED", "CONNECTED", "FOLLOW_UP" -> Task.TaskStatus.INPROGRESS;
            case "DISCHARGED" -> Task.TaskStatus.COMPLETED;
            case "DECLINED" -> Task.TaskStatus.REJECTED;
            case "DID_NOT_ATTEND", "WITHDRAWN" -> Task.TaskStatus.CANCELLED;
            default -> throw new IllegalArgumentException("unknown referral state " + state);
        };
    }

    /**
     * The referral's ServiceRequest status: active while on the pathway, completed when discharged, revoked when
     * it ended early (declined, did not attend, withdrawn).
     */
    public static ServiceRequest.ServiceRequestStatus serviceRequestStatus(String state) {
        return switch (taskStatus(state)) {
            case COMPLETED -> ServiceRequest.ServiceRequestStatus.COMPLETED;
            case REJECTED, CANCELLED -> ServiceRequest.ServiceRequestStatus.REVOKED;
            default -> ServiceRequest.ServiceRequestStatus.ACTIVE;
        };
    }

    private Patient patient(ReferralSnapshot referral, Organization practice) {
        ReferralSnapshot.Person person = referral.person();
        Patient patient = new Patient();
        patient.setId(uuid(referral, "Patient"));
        patient.addIdentifier().setSystem(NHS_NUMBER_SYSTEM).setValue(person.nhsNumber().value());
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(person.familyName());
        if (present(person.givenName())) {
            name.addGiven(person.givenName());
        }
        if (person.dateOfBirth() != null) {
            patient.setBirthDateElement(new DateType(person.dateOfBirth().toString()));
        }
        if (present(person.phone())) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(person.phone());
        }
        if (present(person.email())) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(person.email());
        }
        if (present(person.address())) {
            patient.addAddress().setText(person.address());
        }
        patient.addGeneralPractitioner(organizationReference(practice));
        return patient;
    }

    private ServiceRequest serviceRequest(ReferralSnapshot referral, Patient patient, Organization practice,
            Organization network) {
        ServiceRequest request = new ServiceRequest();
        request.setId(referral.id().toString());
        request.addIdentifier().setSystem(REFERRAL_ID_SYSTEM).setValue(referral.id().toString());
        request.setStatus(serviceRequestStatus(referral.state()));
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(snomed(REFERRAL_TO_SOCIAL_PRESCRIBING, REFERRAL_TO_SOCIAL_PRESCRIBING_DISPLAY));
        request.setSubject(reference(patient));
        if (referral.referralDate() != null) {
            request.setAuthoredOnElement(new DateTimeType(referral.referralDate().toString()));
        }
        request.setRequester(organizationReference(practice));
        request.addPerformer(organizationReference(network));
        for (String need : referral.needs()) {
            request.addReasonCode(new CodeableConcept(new Coding(NEED_SYSTEM, need, null)).setText(need));
        }
        if (present(referral.referrerNotes())) {
            request.addNote().setText(referral.referrerNotes());
        }
        return request;
    }

    private Task task(ReferralSnapshot referral, Patient patient, ServiceRequest request, Organization practice) {
        Task task = new Task();
        task.setId(uuid(referral, "Task"));
        task.setStatus(taskStatus(referral.state()));
        task.setBusinessStatus(new CodeableConcept().setText(referral.state()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(TASK_CODE_SYSTEM, "fulfill", "Fulfill the focal request")));
        task.setFocus(reference(request));
        task.setFor(reference(patient));
        task.setRequester(organizationReference(practice));
        if (referral.receivedAt() != null) {
            task.setAuthoredOnElement(dateTime(referral.receivedAt()));
        }
        lastModified(referral).ifPresent(at -> task.setLastModifiedElement(dateTime(at)));
        if (present(referral.appointmentId())) {
            task.setOwner(new Reference().setType("PractitionerRole").setIdentifier(
                    new Identifier().setSystem(APPOINTMENT_ID_SYSTEM).setValue(referral.appointmentId())));
        }
        if ("DECLINED".equals(referral.state())) {
            CodeableConcept reason = snomed(SOCIAL_PRESCRIBING_DECLINED, SOCIAL_PRESCRIBING_DECLINED_DISPLAY);
            if (present(referral.closeReason())) {
                reason.setText(referral.closeReason());
            }
            task.setStatusReason(reason);
        } else if (!referral.isOpen() && present(referral.closeReason())) {
            task.setStatusReason(new CodeableConcept().setText(referral.closeReason()));
        }
        Instant acceptedAt = referral.firstStep("ACCEPTED").map(ReferralSnapshot.Step::at).orElse(null);
        if (acceptedAt != null || referral.closedAt() != null) {
            Period period = new Period();
            if (acceptedAt != null) {
                period.setStartElement(dateTime(acceptedAt));
            }
            if (referral.closedAt() != null && !referral.isOpen()) {
                period.setEndElement(dateTime(referral.closedAt()));
            }
            task.setExecutionPeriod(period);
        }
        return task;
    }

    private ServiceRequest connection(ReferralSnapshot referral, int index, ReferralSnapshot.Connection connection,
            Patient patient, ServiceRequest referralRequest) {
        ServiceRequest request = new ServiceRequest();
        request.setId(uuid(referral, "Connection/" + index));
        request.addBasedOn(reference(referralRequest));
        request.setStatus(connection.attended() == null
                ? (referral.isOpen() ? ServiceRequest.ServiceRequestStatus.ACTIVE
                        : ServiceRequest.ServiceRequestStatus.UNKNOWN)
                : connection.attended() ? ServiceRequest.ServiceRequestStatus.COMPLETED
                        : ServiceRequest.ServiceRequestStatus.REVOKED);
        request.setIntent("REFERRED".equals(connection.mode()) ? ServiceRequest.ServiceRequestIntent.ORDER
                : ServiceRequest.ServiceRequestIntent.PROPOSAL);
        if (present(connection.serviceType())) {
            request.addCategory(new CodeableConcept(new Coding(SERVICE_TYPE_SYSTEM, connection.serviceType(), null)));
        }
        request.setCode(new CodeableConcept().setText(connection.serviceName()));
        request.setSubject(reference(patient));
        if (connection.on() != null) {
            request.setOccurrence(new DateTimeType(connection.on().toString()));
            request.setAuthoredOnElement(new DateTimeType(connection.on().toString()));
        }
        if (present(referral.appointmentId())) {
            request.setRequester(new Reference().setType("PractitionerRole").setIdentifier(
                    new Identifier().setSystem(APPOINTMENT_ID_SYSTEM).setValue(referral.appointmentId())));
        }
        return request;
    }

    private Observation observation(ReferralSnapshot referral, int index, ReferralSnapshot.Outcome outcome,
            Patient patient, ServiceRequest request) {
        OutcomeScore score = outcome.score();
        OutcomeMeasure measure = score.measure();
        Observation observation = new Observation();
        observation.setId(uuid(referral, "Observation/" + index));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY_SYSTEM, "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding(MEASURE_SYSTEM, measure.name(), measure.title()))
                .setText(measure.title()));
        if (present(outcome.timepoint())) {
            observation.addExtension(TIMEPOINT_EXTENSION, new CodeType(outcome.timepoint()));
        }
        observation.setSubject(reference(patient));
        observation.addBasedOn(reference(request));
        if (outcome.recordedAt() != null) {
            observation.setEffective(dateTime(outcome.recordedAt()));
        }
        List<Integer> items = score.items();
        for (int i = 0; i < items.size(); i++) {
            Coding code = measure == OutcomeMeasure.ONS4
                    ? new Coding(MEASURE_SYSTEM, Ons4Item.values()[i].code(), Ons4Item.values()[i].label())
                    : new Coding(MEASURE_SYSTEM, measure.name() + "-ITEM-" + (i + 1),
                            measure.name() + " item " + (i + 1));
            observation.addComponent().setCode(new CodeableConcept(code)).setValue(new IntegerType(items.get(i)));
        }
        switch (measure) {
            case ONS4 -> {
                // never summed: the four components are the observation
            }
            case WEMWBS -> observation.setValue(new IntegerType(score.total()));
            case SWEMWBS -> {
                observation.addComponent()
                        .setCode(new CodeableConcept(new Coding(MEASURE_SYSTEM, "SWEMWBS-RAW-TOTAL",
                                "SWEMWBS raw total")))
                        .setValue(new IntegerType(score.total()));
                observation.setValue(new Quantity().setValue(score.metricScore()).setUnit("metric score"));
            }
        }
        return observation;
    }

    private static Organization organization(String odsCode) {
        Organization organization = new Organization();
        organization.setId(UUID.nameUUIDFromBytes(("ods:" + odsCode).getBytes(StandardCharsets.UTF_8)).toString());
        organization.addIdentifier().setSystem(ODS_SYSTEM).setValue(odsCode);
        return organization;
    }

    private static Reference organizationReference(Organization organization) {
        return reference(organization).setIdentifier(organization.getIdentifierFirstRep().copy());
    }

    private static Reference reference(Resource resource) {
        return new Reference("urn:uuid:" + resource.getId()).setType(resource.fhirType());
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("urn:uuid:" + resource.getId()).setResource(resource);
    }

    private static CodeableConcept snomed(String code, String display) {
        return new CodeableConcept(new Coding(SNOMED_SYSTEM, code, display)).setText(display);
    }

    private static DateTimeType dateTime(Instant at) {
        DateTimeType dateTime = new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, UTC);
        dateTime.setTimeZoneZulu(true);
        return dateTime;
    }

    private static Optional<Instant> lastModified(ReferralSnapshot referral) {
        return Stream.concat(Stream.of(referral.receivedAt(), referral.closedAt()),
                referral.steps().stream().map(ReferralSnapshot.Step::at))
                .filter(Objects::nonNull).max(Instant::compareTo);
    }

    private static String uuid(ReferralSnapshot referral, String what) {
        return UUID.nameUUIDFromBytes(("referral:" + referral.id() + ":" + what).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
