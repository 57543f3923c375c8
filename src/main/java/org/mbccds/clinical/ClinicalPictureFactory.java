package org.mbccds.clinical;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.mbccds.record.DraftOrder;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.Terminology;
import org.mbccds.terminology.TerminologyProducer;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a {@link PatientRecord} into a {@link ClinicalPicture}. All lookups are prepared once, at start-up. */
/* Eager: reading cards/clinical-definitions.yaml fails at start-up, not at the first hook call. */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class ClinicalPictureFactory {
    private static final String GNRH = "gnrh-analogue";

    private final ReceptorReader receptors;
    private final BiomarkerReader biomarkers;
    private final MetastaticReader metastatic;
    private final MenopauseReader menopause;
    private final MedicationReader medications;
    private final TherapyHistoryBuilder therapy;
    private final CodeMatcher breastCancerHistory;
    private final ClinicalDefinitions definitions;

    @Inject
    public ClinicalPictureFactory(Terminology terminology, DrugCatalog catalog, TerminologyProducer.KnowledgeConfig config) {
        this(terminology, catalog, ClinicalDefinitions.load(config.cardsDir().resolve("clinical-definitions.yaml")));
    }

    public ClinicalPictureFactory(Terminology terminology, DrugCatalog catalog, ClinicalDefinitions definitions) {
        this.definitions = definitions;
        ResultValues results = new ResultValues(terminology);
        this.receptors = new ReceptorReader(terminology, definitions, results);
        this.biomarkers = new BiomarkerReader(terminology, definitions, results);
        this.metastatic = new MetastaticReader(terminology);
        this.menopause = new MenopauseReader(terminology, definitions);
        this.medications = new MedicationReader(terminology, catalog);
        this.therapy = new TherapyHistoryBuilder(terminology, definitions, medications);
        this.breastCancerHistory = terminology.matcher("breast-cancer-history");
    }

    public ClinicalDefinitions definitions() {
        return definitions;
    }

    public ClinicalPicture build(PatientRecord record, LocalDate today) {
        Optional<Patient> patient = record.patient();
        Sex sex = patient.map(p -> p.getGender() == Enumerations.AdministrativeGender.MALE ? Sex.MALE
                : p.getGender() == Enumerations.AdministrativeGender.FEMALE ? Sex.FEMALE : Sex.UNKNOWN).orElse(Sex.UNKNOWN);
        // hasBirthDate() is also true for an invalid date HAPI kept as text (getBirthDate() is then null).
        Optional<Integer> age = patient.map(Patient::getBirthDate)
                .map(b -> Period.between(b.toInstant().atZone(ZoneOffset.UTC).toLocalDate(), today).getYears());

        MetastaticDisease mets = metastatic.read(record);
        List<Evidence> breast = new ArrayList<>(metastatic.breastPrimary(record));
        if (breast.isEmpty() && mets.metastatic()) {
            record.conditions().stream().filter(c -> FhirValues.valid(c) && FhirValues.has(c.getCode(), breastCancerHistory))
                    .findFirst().ifPresent(c -> breast.add(Evidence.of("History of breast cancer with distant metastasis:"
                            + " recurrent metastatic breast cancer assumed (please confirm)", PatientRecord.refOf(c),
                            FhirValues.date(c), FhirValues.codes(c.getCode()))));
        }
        Optional<LocalDate> primaryDate = breast.stream().map(Evidence::date).flatMap(Optional::stream).min(LocalDate::compareTo);
        ReceptorStatus receptorStatus = receptors.read(record);
        TherapyHistory history = therapy.build(record, mets, primaryDate);

        List<OrderedDrug> orders = new ArrayList<>();
        for (DraftOrder d : record.draftOrders()) {
            MedicationRequest mr = d.request();
            String text = mr.hasMedicationCodeableConcept() ? Optional.ofNullable(mr.getMedicationCodeableConcept().getText())
                    .orElse(mr.getMedicationCodeableConcept().getCodingFirstRep().getDisplay())
                    : mr.getMedicationReference().getDisplay();
            orders.add(new OrderedDrug(d.reference(), d.selected(), text == null ? "" : text, medications.drugs(
                    mr.hasMedicationCodeableConcept() ? Optional.of(mr.getMedicationCodeableConcept()) : Optional.empty(),
                    mr.hasMedicationReference() ? Optional.of(mr.getMedicationReference()) : Optional.empty(), mr, record)));
        }
        List<Evidence> ofs = new ArrayList<>();
        history.uses().stream().filter(u -> u.active() && u.drug().inClass(GNRH))
                .forEach(u -> ofs.add(Evidence.of("Ovarian function suppression: " + u.drug().name() + " in use",
                        u.evidence().get(0).source(), u.start(), u.evidence().get(0).inferredFrom())));
        orders.stream().filter(o -> o.drugs().stream().anyMatch(m -> m.concept().inClass(GNRH)))
                .forEach(o -> ofs.add(Evidence.of("Ovarian function suppression ordered", o.reference(), Optional.empty(), o.text())));
        Menopause meno = menopause.read(record, sex, age, !ofs.isEmpty(), ofs);

        List<String> gaps = record.gaps().stream().map(g -> g.what() + ": " + g.reason()).toList();
        List<String> notes = new ArrayList<>(record.notes());
        notes.addAll(receptorStatus.notes());
        notes.addAll(history.notes());
        return new ClinicalPicture(record.patientId(), today, sex, age, List.copyOf(breast), mets, receptorStatus, subtype(receptorStatus),
                biomarkers.read(record), meno, history, List.copyOf(orders), gaps, List.copyOf(notes),
                record.complete("Observation"));
    }

    static Subtype subtype(ReceptorStatus r) {
        ReceptorResult hr = r.hormoneReceptors();
        if (r.her2() == Her2Category.POSITIVE) {
            return hr == ReceptorResult.POSITIVE ? Subtype.HR_POSITIVE_HER2_POSITIVE
                    : hr == ReceptorResult.NEGATIVE ? Subtype.HR_NEGATIVE_HER2_POSITIVE : Subtype.HR_UNKNOWN_HER2_POSITIVE;
        }
        if (r.her2().negative()) {
            if (hr == ReceptorResult.POSITIVE) {
                return Subtype.HR_POSITIVE_HER2_NEGATIVE;
            }
            if (hr == ReceptorResult.NEGATIVE) {
                return Subtype.TRIPLE_NEGATIVE;
            }
        }
        return Subtype.INDETERMINATE;
    }
}
