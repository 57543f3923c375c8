package org.mbccds.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.mbccds.terminology.Terminology;

import java.util.Optional;

/**
 * Membership in our ValueSets decided by the same matchers the service reads records with: system aliases (OIDs,
 * ATC-DE, HGNC geneId), ICD-10 codes with or without dots, and the regex ranges (C50.*, C78.*...). HAPI's in-memory
 * terminology cannot evaluate a regex filter without the code system (ICD-10-CM is not available offline), and would
 * judge aliases differently from the service; this way a binding warning means exactly "mbc-cds does not read this
 * code as that".
 */
final class OurValueSetsSupport implements IValidationSupport {
    private final FhirContext fhirContext;
    private final Terminology terminology;

    OurValueSetsSupport(FhirContext fhirContext, Terminology terminology) {
        this.fhirContext = fhirContext;
        this.terminology = terminology;
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "mbc-cds ValueSets";
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String url) {
        return id(url).isPresent();
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        return valueSetUrl == null ? null : id(valueSetUrl).map(id -> check(id, system, code, display)).orElse(null);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
                                                       String system, String code, String display, IBaseResource valueSet) {
        return valueSet instanceof ValueSet vs
                ? id(vs.getUrl()).map(id -> check(id, system, code, display)).orElse(null)
                : null;
    }

    private CodeValidationResult check(String valueSetId, String system, String code, String display) {
        boolean in = system != null && code != null && terminology.matcher(valueSetId).contains(system, code);
        if (in) {
            return new CodeValidationResult().setCode(code).setDisplay(display);
        }
        return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
                .setMessage("The code " + system + "#" + code + " is not in the mbc-cds ValueSet " + valueSetId);
    }

    private Optional<String> id(String url) {
        if (url == null || !url.startsWith(Terminology.VALUESET_BASE)) {
            return Optional.empty();
        }
        int bar = url.indexOf('|');
        String id = url.substring(Terminology.VALUESET_BASE.length(), bar < 0 ? url.length() : bar);
        return terminology.has(id) ? Optional.of(id) : Optional.empty();
    }
}
