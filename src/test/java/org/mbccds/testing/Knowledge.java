package org.mbccds.testing;

import ca.uhn.fhir.context.FhirContext;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.ClinicalPictureFactory;
import org.mbccds.clinical.ClinicalDefinitions;
import org.mbccds.knowledge.DecisionEngine;
import org.mbccds.knowledge.Decisions;
import org.mbccds.knowledge.KnowledgeBase;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.Terminology;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The real fhir-profiles/ and cards/ of the repository, loaded once for plain JUnit tests (no Quarkus). Immutable.
 */
public final class Knowledge {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    public static final FhirContext FHIR = FhirContext.forR4();
    public static final Terminology TERMINOLOGY = Terminology.load(Path.of("fhir-profiles"), FHIR);
    public static final DrugCatalog DRUGS = DrugCatalog.from(TERMINOLOGY);
    public static final ClinicalPictureFactory PICTURES = new ClinicalPictureFactory(TERMINOLOGY, DRUGS,
            ClinicalDefinitions.load(Path.of("cards/clinical-definitions.yaml")));
    public static final KnowledgeBase RULES = KnowledgeBase.load(Path.of("cards"), DRUGS, true);
    public static final DecisionEngine ENGINE = new DecisionEngine(RULES);

    private Knowledge() {
    }

    public static ClinicalPicture picture(PatientRecord record) {
        return PICTURES.build(record, TODAY);
    }

    public static Decisions forPatient(PatientRecord record) {
        return ENGINE.forPatient(picture(record));
    }

    public static Decisions forOrders(PatientRecord record) {
        return ENGINE.forOrders(picture(record));
    }

    /** Ids of the therapy options, best rank first. */
    public static List<String> optionIds(PatientRecord record) {
        return forPatient(record).options().stream().map(o -> o.rule().id()).toList();
    }

    /** Ids of the options that matched but were ruled out ("why not"). */
    public static List<String> ruledOutIds(PatientRecord record) {
        return forPatient(record).ruledOut().stream().map(o -> o.rule().id()).toList();
    }

    /** Ids of the order-check findings on the draft orders, most severe first. */
    public static List<String> findingIds(PatientRecord record) {
        return forOrders(record).orderFindings().stream().map(f -> f.rule().id()).toList();
    }

    /** The option of this rule, if it fired. */
    public static java.util.Optional<Decisions.TherapyOption> option(PatientRecord record, String ruleId) {
        return forPatient(record).options().stream().filter(o -> o.rule().id().equals(ruleId)).findFirst();
    }
}
