package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.mbccds.testing.Fhir.*;
import static org.mbccds.testing.KnowledgeAssertions.*;

/** Tumour-agnostic options after standard options (therapy-rules §B5): MSI-H/dMMR and TMB-H. */
class TumourAgnosticTest {
    private static final String MET = "2024-01-01";
    private static final String MSI = "agnostic.msi-high.pd1-inhibitor";
    private static final String TMB = "agnostic.tmb-high.pembrolizumab";

    /** HR+/HER2-0, postmenopausal. */
    private static PatientRecord patient(Resource... extra) {
        List<Resource> r = new ArrayList<>(List.of(woman("1960-01-01"), breastCancer("2018-03-01"), boneMetastasis(MET),
                erPositive(MET), prPositive(MET), her2Null(MET)));
        r.addAll(Arrays.asList(extra));
        return record(r, List.of());
    }

    private static Resource[] afterFirstLine() {
        return all(med("letrozole", "2024-01-15", "2025-03-01"), med("palbociclib", "2024-01-15", "2025-03-01"),
                diseaseWorsened("2025-02-20"));
    }

    @Test
    void msiHighAfterStandardFirstLine() {
        PatientRecord r = patient(all(afterFirstLine(), msiHigh("2025-03-01")));
        assertFires(MSI, r);
        assertRegimenOffers(MSI, "dostarlimab", r);
    }

    @Test
    void msiHighOptionNotInFirstLineOrWithoutMsiHigh() {
        assertSilent(MSI, patient(msiHigh("2024-01-10")));
        assertSilent(MSI, patient(afterFirstLine()));
    }

    @Test
    void tmbHighAfterStandardFirstLine() {
        assertFires(TMB, patient(all(afterFirstLine(), tmb(12, "2025-03-01"))));
    }

    @Test
    void tmbOptionNotBelowTenOrWhenMsiHighIsShownInstead() {
        assertSilent(TMB, patient(all(afterFirstLine(), tmb(5, "2025-03-01"))));
        PatientRecord both = patient(all(afterFirstLine(), tmb(12, "2025-03-01"), msiHigh("2025-03-01")));
        assertSilent(TMB, both);
        assertFires(MSI, both);
    }
}
