package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.DrugMatch;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises the drugs in a medication resource, in the order of terminology §5.3: RxNorm and ATC codings (on the
 * resource or its Medication, ingredients included), then the names in texts and displays.
 */
final class MedicationReader {
    private final DrugCatalog catalog;
    private final CodeMatcher progression, toxicity, completed, patientOrAccess, curative;

    MedicationReader(Terminology t, DrugCatalog catalog) {
        this.catalog = catalog;
        progression = t.matcher("stop-reason-progression");
        toxicity = t.matcher("stop-reason-toxicity");
        completed = t.matcher("stop-reason-completed");
        patientOrAccess = t.matcher("stop-reason-patient-or-access");
        curative = t.matcher("curative-intent");
    }

    /** The drugs a medication (concept or reference) stands for, each with how it was recognised. */
    List<DrugMatch> drugs(Optional<CodeableConcept> concept, Optional<Reference> reference, DomainResource owner,
                          PatientRecord record) {
        List<CodeableConcept> codes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        concept.ifPresent(codes::add);
        reference.ifPresent(ref -> {
            Optional<Medication> med = record.medication(ref, owner);
            med.ifPresent(m -> {
                codes.add(m.getCode());
                m.getIngredient().stream().filter(i -> i.hasItemCodeableConcept())
                        .forEach(i -> codes.add(i.getItemCodeableConcept()));
            });
            if (ref.hasDisplay()) {
                texts.add(ref.getDisplay());
            }
        });
        Map<String, DrugMatch> found = new LinkedHashMap<>();
        for (CodeableConcept cc : codes) {
            for (Coding c : cc.getCoding()) {
                for (DrugMatch m : catalog.byCode(c.getSystem(), c.getCode())) {
                    found.merge(m.concept().id(), m, (a, b) -> a.ambiguous() && !b.ambiguous() ? b : a);
                }
            }
        }
        if (!found.isEmpty()) {
            return List.copyOf(found.values());
        }
        for (CodeableConcept cc : codes) {
            texts.add(cc.getText());
            cc.getCoding().forEach(c -> texts.add(c.getDisplay()));
        }
        for (String text : texts) {
            catalog.byText(text).forEach(m -> found.putIfAbsent(m.concept().id(), m));
        }
        return List.copyOf(found.values());
    }

    /** Drug uses from one resource; empty when the resource is not a record of use (entered in error, not taken). */
    List<DrugUse> uses(DomainResource r, PatientRecord record) {
        Source s = source(r);
        if (s == null) {
            return List.of();
        }
        List<DrugMatch> drugs = drugs(s.concept, s.reference, r, record);
        List<DrugUse> uses = new ArrayList<>();
        DrugUse.StopReason reason = stopReason(s.statusReasons);
        boolean curativeIntent = r.getExtension().stream().map(Extension::getValue)
                .anyMatch(v -> v instanceof CodeableConcept cc && FhirValues.has(cc, curative));
        for (DrugMatch m : drugs) {
            String statement = m.concept().name() + " (" + r.fhirType() + " " + s.status + ")";
            uses.add(new DrugUse(m.concept(), s.start, s.end, s.active, reason, curativeIntent, DrugUse.Setting.UNDETERMINED,
                    List.of(Evidence.of(statement, PatientRecord.refOf(r), s.start, m.describe()
                            + (reason != DrugUse.StopReason.NOT_RECORDED ? "; stop reason " + reason.name().toLowerCase() : "")))));
        }
        return uses;
    }

    private record Source(Optional<CodeableConcept> concept, Optional<Reference> reference, Optional<LocalDate> start,
                          Optional<LocalDate> end, boolean active, String status, List<CodeableConcept> statusReasons) {
    }

    /** Codes are read with getX() != null, not hasX(): an invalid code HAPI kept as text has no enum value. */
    private static Source source(DomainResource r) {
        if (r instanceof MedicationStatement ms) {
            String status = ms.getStatus() != null ? ms.getStatus().toCode() : "unknown";
            if (List.of("entered-in-error", "not-taken", "intended").contains(status)) {
                return null;
            }
            Optional<LocalDate> start = FhirValues.date(ms.getEffective());
            if (start.isEmpty() && ms.hasDateAssertedElement() && ms.getDateAssertedElement().getValue() != null) {
                start = Optional.of(FhirValues.toLocalDate(ms.getDateAssertedElement()));
            }
            return new Source(ms.hasMedicationCodeableConcept() ? Optional.of(ms.getMedicationCodeableConcept()) : Optional.empty(),
                    ms.hasMedicationReference() ? Optional.of(ms.getMedicationReference()) : Optional.empty(),
                    start, FhirValues.end(ms.getEffective()), "active".equals(status) || "on-hold".equals(status), status,
                    ms.getStatusReason());
        }
        if (r instanceof MedicationRequest mr) {
            String status = mr.getStatus() != null ? mr.getStatus().toCode() : "unknown";
            String intent = mr.getIntent() != null ? mr.getIntent().toCode() : "order";
            if (List.of("entered-in-error", "cancelled", "draft").contains(status) || List.of("proposal", "plan").contains(intent)) {
                return null;
            }
            Optional<LocalDate> start = Optional.empty();
            Optional<LocalDate> end = Optional.empty();
            if (mr.hasDosageInstruction() && mr.getDosageInstructionFirstRep().getTiming().getRepeat().hasBoundsPeriod()) {
                var bounds = mr.getDosageInstructionFirstRep().getTiming().getRepeat().getBoundsPeriod();
                start = FhirValues.date(bounds);
                end = FhirValues.end(bounds);
            }
            if (start.isEmpty() && mr.hasAuthoredOnElement() && mr.getAuthoredOnElement().getValue() != null) {
                start = Optional.of(FhirValues.toLocalDate(mr.getAuthoredOnElement()));
            }
            if (end.isEmpty() && mr.getDispenseRequest().hasValidityPeriod()) {
                end = FhirValues.end(mr.getDispenseRequest().getValidityPeriod());
            }
            return new Source(mr.hasMedicationCodeableConcept() ? Optional.of(mr.getMedicationCodeableConcept()) : Optional.empty(),
                    mr.hasMedicationReference() ? Optional.of(mr.getMedicationReference()) : Optional.empty(),
                    start, end, "active".equals(status) || "on-hold".equals(status), status,
                    mr.hasStatusReason() ? List.of(mr.getStatusReason()) : List.of());
        }
        if (r instanceof MedicationAdministration ma) {
            String status = ma.getStatus() != null ? ma.getStatus().toCode() : "unknown";
            if (List.of("entered-in-error", "not-done").contains(status)) {
                return null;
            }
            return new Source(ma.hasMedicationCodeableConcept() ? Optional.of(ma.getMedicationCodeableConcept()) : Optional.empty(),
                    ma.hasMedicationReference() ? Optional.of(ma.getMedicationReference()) : Optional.empty(),
                    FhirValues.date(ma.getEffective()), FhirValues.end(ma.getEffective()).or(() -> FhirValues.date(ma.getEffective())),
                    "in-progress".equals(status), status, ma.getStatusReason());
        }
        return null;
    }

    private DrugUse.StopReason stopReason(List<CodeableConcept> reasons) {
        for (CodeableConcept cc : reasons) {
            if (FhirValues.has(cc, progression)) {
                return DrugUse.StopReason.PROGRESSION;
            }
            if (FhirValues.has(cc, toxicity)) {
                return DrugUse.StopReason.TOXICITY;
            }
            if (FhirValues.has(cc, completed)) {
                return DrugUse.StopReason.COMPLETED;
            }
            if (FhirValues.has(cc, patientOrAccess)) {
                return DrugUse.StopReason.PATIENT_OR_ACCESS;
            }
        }
        return DrugUse.StopReason.NOT_RECORDED;
    }
}
