package org.mbccds.testing;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.mbccds.record.DraftOrder;
import org.mbccds.record.PatientRecord;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small named builders for FHIR test records, in the encodings real EHRs, mCODE and Synthea use. */
public final class Fhir {
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String PATIENT_ID = "p1";
    private static final AtomicInteger IDS = new AtomicInteger();

    private Fhir() {
    }

    public static String id(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    public static Patient woman(String birthDate) {
        Patient p = new Patient();
        p.setId(PATIENT_ID);
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new DateType(birthDate));
        return p;
    }

    public static Patient man(String birthDate) {
        return (Patient) woman(birthDate).setGender(Enumerations.AdministrativeGender.MALE);
    }

    public static Condition condition(String system, String code, String display, String onset) {
        Condition c = new Condition();
        c.setId(id("cond"));
        c.setSubject(new Reference("Patient/" + PATIENT_ID));
        c.setCode(new CodeableConcept().addCoding(new Coding(system, code, display)));
        if (onset != null) {
            c.setOnset(new DateTimeType(onset));
        }
        return c;
    }

    public static Condition breastCancer(String onset) {
        return condition(SNOMED, "254837009", "Malignant neoplasm of breast", onset);
    }

    public static Condition boneMetastasis(String onset) {
        return condition(ICD10, "C79.51", "Secondary malignant neoplasm of bone", onset);
    }

    public static Condition liverMetastasis(String onset) {
        return condition(SNOMED, "94381002", "Secondary malignant neoplasm of liver", onset);
    }

    public static Observation observation(String system, String code, String date) {
        Observation o = new Observation();
        o.setId(id("obs"));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/" + PATIENT_ID));
        o.setCode(new CodeableConcept().addCoding(new Coding(system, code, null)));
        if (date != null) {
            o.setEffective(new DateTimeType(date));
        }
        return o;
    }

    public static Observation coded(String loinc, String valueSystem, String valueCode, String date) {
        Observation o = observation(LOINC, loinc, date);
        o.setValue(new CodeableConcept().addCoding(new Coding(valueSystem, valueCode, null)));
        return o;
    }

    public static Observation erPositive(String date) {
        return coded("85337-4", SNOMED, "10828004", date);
    }

    public static Observation erNegative(String date) {
        return coded("85337-4", SNOMED, "260385009", date);
    }

    public static Observation prPositive(String date) {
        return coded("85339-0", SNOMED, "10828004", date);
    }

    public static Observation prNegative(String date) {
        return coded("85339-0", SNOMED, "260385009", date);
    }

    public static Observation erPercent(double percent, String date) {
        Observation o = observation(LOINC, "85329-1", date);
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(percent)).setUnit("%"));
        return o;
    }

    /** HER2 IHC score as LOINC answer: 0 -> LA6111-4, 1 -> LA11841-6, 2 -> LA11842-4, 3 -> LA11843-2. */
    public static Observation her2Ihc(int score, String date) {
        String answer = switch (score) {
            case 0 -> "LA6111-4";
            case 1 -> "LA11841-6";
            case 2 -> "LA11842-4";
            default -> "LA11843-2";
        };
        return coded("85319-2", LOINC, answer, date);
    }

    public static Observation her2Negative(String date) {
        return coded("85319-2", SNOMED, "260385009", date);
    }

    public static Observation her2Positive(String date) {
        return coded("85319-2", SNOMED, "10828004", date);
    }

    public static Observation her2IshRatio(double ratio, String date) {
        Observation o = observation(LOINC, "49683-6", date);
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(ratio)));
        return o;
    }

    public static Observation her2IshText(String text, String date) {
        Observation o = observation(LOINC, "85318-4", date);
        o.setValue(new StringType(text));
        return o;
    }

    public static Observation stageIv(String date) {
        return coded("21908-9", SNOMED, "258228008", date);
    }

    public static Observation variant(String hgnc, String sourceClass, String date) {
        Observation o = coded("69548-6", LOINC, "LA9633-4", date);
        o.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "48018-6", null)))
                .setValue(new CodeableConcept().addCoding(new Coding("http://www.genenames.org", hgnc, null)));
        if (sourceClass != null) {
            o.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "48002-0", null)))
                    .setValue(new CodeableConcept().addCoding(new Coding(LOINC, sourceClass, null)));
        }
        return o;
    }

    public static Observation pdl1Cps(double cps, String date) {
        Observation o = observation(LOINC, "83052-1", date);
        o.getCode().setText("PD-L1 22C3 combined positive score (CPS)");
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(cps)).setUnit("CPS"));
        return o;
    }

    public static Observation diseaseWorsened(String date) {
        return coded("97509-4", SNOMED, "271299001", date);
    }

    public static MedicationStatement taking(String rxnorm, String start, String end, String status) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id("ms"));
        ms.setStatus(MedicationStatement.MedicationStatementStatus.fromCode(status));
        ms.setSubject(new Reference("Patient/" + PATIENT_ID));
        ms.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, rxnorm, null)));
        ms.setEffective(new Period().setStartElement(new DateTimeType(start)).setEndElement(end == null ? null : new DateTimeType(end)));
        return ms;
    }

    public static MedicationRequest draftOrder(String rxnorm, String display) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id("order"));
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/" + PATIENT_ID));
        mr.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, rxnorm, display)));
        return mr;
    }

    public static Medication medication(String rxnorm, String display) {
        Medication m = new Medication();
        m.setId(id("med"));
        m.setCode(new CodeableConcept().addCoding(new Coding(RXNORM, rxnorm, display)));
        return m;
    }

    // --- Named helpers for the knowledge tests (therapy lines, stop reasons, sites, biomarkers, draft orders) ---

    /** mCODE TreatmentTerminationReason: no response to treatment (progression, F-6a). */
    public static final String NO_RESPONSE = "266721009";
    /** mCODE TreatmentTerminationReason: treatment not tolerated (toxicity, not progression, F-7). */
    public static final String NOT_TOLERATED = "407563006";
    public static final String HGNC_PIK3CA = "HGNC:8975";
    public static final String HGNC_ESR1 = "HGNC:3467";
    public static final String HGNC_AKT1 = "HGNC:391";
    public static final String HGNC_PTEN = "HGNC:9588";
    public static final String HGNC_BRCA1 = "HGNC:1100";
    public static final String HGNC_PALB2 = "HGNC:26144";
    public static final String GERMLINE = "LA6683-2";
    public static final String SOMATIC = "LA6684-0";

    /** The medication concept of a drug id of fhir-profiles: its RxNorm order coding, else its name as text. */
    public static CodeableConcept drug(String drugId) {
        var concept = Knowledge.DRUGS.concept(drugId).orElseThrow(() -> new IllegalArgumentException("unknown drug " + drugId));
        CodeableConcept cc = new CodeableConcept();
        concept.orderCoding().ifPresentOrElse(c -> cc.addCoding(new Coding(c.system(), c.code(), c.display())),
                () -> cc.setText(concept.name()));
        return cc;
    }

    /** A drug taken from start to end (end null: still active; otherwise completed, no stop reason). */
    public static MedicationStatement med(String drugId, String start, String end) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id("ms"));
        ms.setStatus(end == null ? MedicationStatement.MedicationStatementStatus.ACTIVE
                : MedicationStatement.MedicationStatementStatus.COMPLETED);
        ms.setSubject(new Reference("Patient/" + PATIENT_ID));
        ms.setMedication(drug(drugId));
        ms.setEffective(new Period().setStartElement(new DateTimeType(start)).setEndElement(end == null ? null : new DateTimeType(end)));
        return ms;
    }

    /** A drug stopped on end with a SNOMED stop reason (e.g. {@link #NO_RESPONSE}, {@link #NOT_TOLERATED}). */
    public static MedicationStatement stopped(String drugId, String start, String end, String reasonSnomed) {
        MedicationStatement ms = med(drugId, start, end);
        ms.setStatus(MedicationStatement.MedicationStatementStatus.STOPPED);
        ms.addStatusReason(new CodeableConcept().addCoding(new Coding(SNOMED, reasonSnomed, null)));
        return ms;
    }

    /** A draft order of a drug id (RxNorm when the drug has one, else its name as text). */
    public static MedicationRequest order(String drugId) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id("order"));
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/" + PATIENT_ID));
        mr.setMedication(drug(drugId));
        return mr;
    }

    public static Condition brainMetastasis(String onset) {
        return condition(ICD10, "C79.31", "Secondary malignant neoplasm of brain", onset);
    }

    public static Observation premenopausal(String date) {
        return menopauseFunction("22636003", date);
    }

    public static Observation postmenopausal(String date) {
        return menopauseFunction("76498008", date);
    }

    private static Observation menopauseFunction(String valueSnomed, String date) {
        Observation o = observation(SNOMED, "161712005", date);
        o.setValue(new CodeableConcept().addCoding(new Coding(SNOMED, valueSnomed, null)));
        return o;
    }

    /** HER2 IHC 0 with faint, incomplete membrane staining (HER2-ultralow). */
    public static Observation her2Ultralow(String date) {
        Observation o = her2Ihc(0, date);
        o.addNote().setText("IHC 0 with faint incomplete membrane staining in <=10% of cells (ultralow)");
        return o;
    }

    /** HER2 IHC 0 without membrane staining (HER2-0 / null). */
    public static Observation her2Null(String date) {
        Observation o = her2Ihc(0, date);
        o.addNote().setText("IHC 0, no membrane staining");
        return o;
    }

    /** A gene variant reported absent (not detected). */
    public static Observation variantAbsent(String hgnc, String sourceClass, String date) {
        Observation o = variant(hgnc, sourceClass, date);
        o.setValue(new CodeableConcept().addCoding(new Coding(LOINC, "LA9634-2", null)));
        return o;
    }

    public static Observation msiHigh(String date) {
        return coded("81695-9", LOINC, "LA26203-2", date);
    }

    public static Observation tmb(double mutationsPerMegabase, String date) {
        Observation o = observation(LOINC, "94076-7", date);
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(mutationsPerMegabase)).setUnit("/[Mb]"));
        return o;
    }

    /** A PatientRecord with these resources (draft orders are all selected). */
    public static PatientRecord record(Resource... resources) {
        return record(List.of(resources), List.of());
    }

    public static PatientRecord record(List<? extends Resource> resources, List<MedicationRequest> orders) {
        Patient patient = null;
        List<Condition> conditions = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        List<MedicationStatement> statements = new ArrayList<>();
        List<MedicationRequest> requests = new ArrayList<>();
        List<org.hl7.fhir.r4.model.MedicationAdministration> administrations = new ArrayList<>();
        Map<String, Medication> medications = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r instanceof Patient p) {
                patient = p;
            } else if (r instanceof Condition c) {
                conditions.add(c);
            } else if (r instanceof Observation o) {
                observations.add(o);
            } else if (r instanceof MedicationStatement ms) {
                statements.add(ms);
            } else if (r instanceof MedicationRequest mr) {
                requests.add(mr);
            } else if (r instanceof org.hl7.fhir.r4.model.MedicationAdministration ma) {
                administrations.add(ma);
            } else if (r instanceof Medication m) {
                medications.put("Medication/" + m.getIdElement().getIdPart(), m);
            }
        }
        return new PatientRecord(PATIENT_ID, java.util.Optional.ofNullable(patient), conditions, observations, List.of(),
                statements, requests, administrations, medications,
                orders.stream().map(o -> new DraftOrder(o, true)).toList(), List.of(), List.of());
    }

    /** Every resource of a shared example Bundle, as the record of its patient. */
    public static PatientRecord example(String path) {
        try {
            Bundle bundle = Knowledge.FHIR.newJsonParser().parseResource(Bundle.class,
                    Files.readString(Path.of("src/test/resources/examples", path)));
            List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
            Patient patient = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
            PatientRecord r = record(resources, List.of());
            return new PatientRecord(patient.getIdElement().getIdPart(), r.patient(), r.conditions(), r.observations(),
                    r.procedures(), r.medicationStatements(), r.medicationRequests(), r.medicationAdministrations(),
                    r.medications(), r.draftOrders(), r.gaps(), r.notes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
