package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the breast primary and distant metastases by every encoding of terminology §1. */
final class MetastaticReader {
    private final CodeMatcher primary, markerDisorder, notPrimary, distant, toConfirm, stageGroupObs, stageIv, mObs, m1, historyOfMets;
    private final Map<MetastaticDisease.Site, CodeMatcher> sites = new EnumMap<>(MetastaticDisease.Site.class);

    MetastaticReader(Terminology t) {
        primary = t.matcher("breast-cancer-primary");
        markerDisorder = t.matcher("breast-cancer-marker-disorder");
        notPrimary = t.matcher("breast-cancer-not-primary");
        distant = t.matcher("metastatic-distant-condition");
        toConfirm = t.matcher("metastatic-recurrence-to-confirm");
        stageGroupObs = t.matcher("stage-group-observation");
        stageIv = t.matcher("stage-iv-value");
        mObs = t.matcher("distant-metastasis-observation");
        m1 = t.matcher("m1-value");
        historyOfMets = t.matcher("history-of-metastatic-cancer-observation");
        for (MetastaticDisease.Site s : MetastaticDisease.Site.values()) {
            sites.put(s, t.matcher("metastasis-site-" + s.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Breast primary conditions (never a secondary of the breast, an in-situ or a history-only code). */
    List<Evidence> breastPrimary(PatientRecord record) {
        List<Evidence> found = new ArrayList<>();
        for (Condition c : record.conditions()) {
            if (!FhirValues.valid(c) || FhirValues.has(c.getCode(), notPrimary)) {
                continue;
            }
            Optional<org.hl7.fhir.r4.model.Coding> hit = FhirValues.first(c.getCode(), primary)
                    .or(() -> FhirValues.first(c.getCode(), markerDisorder));
            hit.ifPresent(coding -> found.add(Evidence.of("Breast cancer: " + display(c.getCode()), PatientRecord.refOf(c),
                    FhirValues.date(c), FhirValues.label(coding))));
        }
        return found;
    }

    MetastaticDisease read(PatientRecord record) {
        List<Evidence> evidence = new ArrayList<>();
        List<Evidence> confirm = new ArrayList<>();
        Set<MetastaticDisease.Site> siteSet = EnumSet.noneOf(MetastaticDisease.Site.class);
        List<LocalDate> dates = new ArrayList<>();
        for (Condition c : record.conditions()) {
            if (!FhirValues.valid(c)) {
                continue;
            }
            Optional<LocalDate> date = FhirValues.date(c);
            String ref = PatientRecord.refOf(c);
            Optional<org.hl7.fhir.r4.model.Coding> hit = FhirValues.first(c.getCode(), distant);
            if (hit.isPresent()) {
                evidence.add(Evidence.of("Distant metastasis: " + display(c.getCode()), ref, date, FhirValues.label(hit.get())));
                date.ifPresent(dates::add);
                sites.forEach((site, m) -> {
                    if (FhirValues.has(c.getCode(), m) || c.getBodySite().stream().anyMatch(b -> FhirValues.has(b, m))) {
                        siteSet.add(site);
                    }
                });
            } else if (FhirValues.has(c.getCode(), toConfirm)) {
                confirm.add(Evidence.of("Secondary of skin, chest wall or breast (recurrence to confirm, not stage IV"
                        + " by itself): " + display(c.getCode()), ref, date, FhirValues.codes(c.getCode())));
            }
            if (c.hasStage() && c.getStage().stream().anyMatch(s -> FhirValues.has(s.getSummary(), stageIv))) {
                evidence.add(Evidence.of("Stage IV on the cancer condition", ref, date, "Condition.stage.summary"));
                date.ifPresent(dates::add);
            }
        }
        for (Observation o : record.observations()) {
            if (!FhirValues.valid(o) || !o.hasValueCodeableConcept() && !o.hasValueBooleanType()) {
                continue;
            }
            Optional<LocalDate> date = FhirValues.date(o);
            String ref = PatientRecord.refOf(o);
            CodeableConcept value = o.hasValueCodeableConcept() ? o.getValueCodeableConcept() : new CodeableConcept();
            if (FhirValues.has(o.getCode(), stageGroupObs) && FhirValues.has(value, stageIv)) {
                evidence.add(Evidence.of("Stage group IV", ref, date, FhirValues.label(o.getCode().getCodingFirstRep())
                        + " = " + FhirValues.codes(value)));
                date.ifPresent(dates::add);
            } else if (FhirValues.has(o.getCode(), mObs) && FhirValues.has(value, m1)) {
                evidence.add(Evidence.of("Distant metastasis category M1", ref, date,
                        FhirValues.label(o.getCode().getCodingFirstRep()) + " = " + FhirValues.codes(value)));
                date.ifPresent(dates::add);
            } else if (FhirValues.has(o.getCode(), historyOfMets) && o.hasValueBooleanType()
                    && Boolean.TRUE.equals(o.getValueBooleanType().getValue())) {
                evidence.add(Evidence.of("History of metastatic cancer", ref, date, "mCODE HistoryOfMetastaticCancer = true"));
                date.ifPresent(dates::add);
            }
        }
        Optional<LocalDate> since = dates.stream().min(LocalDate::compareTo);
        return new MetastaticDisease(!evidence.isEmpty(), since, siteSet, List.copyOf(evidence), List.copyOf(confirm));
    }

    static String display(CodeableConcept cc) {
        if (cc.hasText()) {
            return cc.getText();
        }
        return cc.getCoding().stream().filter(c -> c.hasDisplay()).map(c -> c.getDisplay()).findFirst()
                .orElse(FhirValues.codes(cc));
    }
}
