package uk.nhs.pcn.referral.fhir;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's instance validator against base R4, offline (the core definitions ship in hapi-fhir-validation-resources-r4;
 * the FHIR package registry, and so UK Core, cannot be reached here).
 */
public final class FhirValidation {

    private static FhirValidator validator;

    private FhirValidation() {
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext fhir = FhirContext.forR4Cached();
            ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
                    new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
            validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        }
        return validator;
    }

    /** The error and fatal messages for a resource (printed, so a failing test shows them). */
    public static List<SingleValidationMessage> errors(IBaseResource resource) {
        return print(validator().validateWithResult(resource).getMessages());
    }

    /** The error and fatal messages for a resource as JSON. */
    public static List<String> errors(String json) {
        return print(validator().validateWithResult(json).getMessages()).stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }

    private static List<SingleValidationMessage> print(List<SingleValidationMessage> messages) {
        List<SingleValidationMessage> errors = messages.stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        errors.forEach(m -> System.out.println(m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage()));
        return errors;
    }
}
