package org.mbccds.clinical;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Menopausal status from a menopause observation or condition, else age (therapy-rules §A3); ovarian suppression
 * from a GnRH analogue in use or on the draft orders.
 */
final class MenopauseReader {
    private final ClinicalDefinitions defs;
    private final CodeMatcher statusObs, pre, post, postCondition;

    MenopauseReader(Terminology t, ClinicalDefinitions defs) {
        this.defs = defs;
        statusObs = t.matcher("menopausal-status-observation");
        pre = t.matcher("premenopausal-value");
        post = t.matcher("postmenopausal-value");
        postCondition = t.matcher("postmenopausal-condition");
    }

    Menopause read(PatientRecord record, Sex sex, Optional<Integer> age, boolean ovarianSuppression,
                   List<Evidence> suppressionEvidence) {
        List<Evidence> evidence = new ArrayList<>(suppressionEvidence);
        if (sex == Sex.MALE) {
            return new Menopause(Menopause.Status.NOT_APPLICABLE, false, ovarianSuppression, evidence);
        }
        record CodedStatus(Menopause.Status status, Optional<LocalDate> date, Evidence evidence) {
        }
        List<CodedStatus> coded = new ArrayList<>();
        for (Observation o : record.observations()) {
            if (FhirValues.valid(o) && FhirValues.has(o.getCode(), statusObs) && o.hasValueCodeableConcept()) {
                Optional<LocalDate> d = FhirValues.date(o);
                Menopause.Status s = FhirValues.has(o.getValueCodeableConcept(), post) ? Menopause.Status.POSTMENOPAUSAL
                        : FhirValues.has(o.getValueCodeableConcept(), pre) ? Menopause.Status.PREMENOPAUSAL : null;
                if (s != null) {
                    coded.add(new CodedStatus(s, d, Evidence.of(s == Menopause.Status.POSTMENOPAUSAL ? "Postmenopausal"
                            : "Premenopausal", PatientRecord.refOf(o), d, "SNOMED 161712005 = "
                            + FhirValues.codes(o.getValueCodeableConcept()))));
                }
            }
        }
        for (Condition c : record.conditions()) {
            if (FhirValues.valid(c) && FhirValues.has(c.getCode(), postCondition)) {
                Optional<LocalDate> d = FhirValues.date(c);
                coded.add(new CodedStatus(Menopause.Status.POSTMENOPAUSAL, d, Evidence.of("Postmenopausal",
                        PatientRecord.refOf(c), d, FhirValues.codes(c.getCode()))));
            }
        }
        Optional<CodedStatus> latest = coded.stream().max(Comparator.comparing(cs -> cs.date().orElse(LocalDate.MIN)));
        if (latest.isPresent()) {
            evidence.add(latest.get().evidence());
            Menopause.Status s = latest.get().status();
            return new Menopause(s, s == Menopause.Status.PREMENOPAUSAL, ovarianSuppression, evidence);
        }
        if (age.isPresent() && age.get() >= defs.postmenopausalAge()) {
            evidence.add(Evidence.derived("Postmenopausal by age (" + age.get() + " years, threshold "
                    + defs.postmenopausalAge() + ")"));
            return new Menopause(Menopause.Status.POSTMENOPAUSAL, false, ovarianSuppression, evidence);
        }
        evidence.add(Evidence.derived("Menopausal status not recorded" + age.map(a -> " and age " + a + " is below "
                + defs.postmenopausalAge()).orElse(" and age unknown") + ": handled as premenopausal for safety"));
        return new Menopause(Menopause.Status.UNKNOWN, sex != Sex.MALE, ovarianSuppression, evidence);
    }
}
