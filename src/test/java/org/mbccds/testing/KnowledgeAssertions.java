package org.mbccds.testing;

import org.hl7.fhir.r4.model.Resource;
import org.mbccds.knowledge.Decisions;
import org.mbccds.record.PatientRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on rule ids for the knowledge tests, with the decisions in the failure message. */
public final class KnowledgeAssertions {
    private KnowledgeAssertions() {
    }

    /** Flattens resources and arrays of resources (record fragments such as a line of therapy) into one array. */
    public static Resource[] all(Object... parts) {
        List<Resource> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Resource r) {
                out.add(r);
            } else if (p instanceof Resource[] rs) {
                out.addAll(Arrays.asList(rs));
            } else {
                throw new IllegalArgumentException("not a resource: " + p);
            }
        }
        return out.toArray(new Resource[0]);
    }

    private static String describe(PatientRecord r) {
        Decisions d = Knowledge.forPatient(r);
        return "options " + d.options().stream().map(o -> o.rule().id() + "#" + o.rule().rank()).toList()
                + "; ruled out " + d.ruledOut().stream().map(o -> o.rule().id() + " (" + o.reason() + ")").toList()
                + "; next line " + d.picture().therapy().nextLine() + ", subtype " + d.picture().subtype();
    }

    public static void assertFires(String ruleId, PatientRecord r) {
        assertTrue(Knowledge.optionIds(r).contains(ruleId), () -> ruleId + " should be an option: " + describe(r));
    }

    public static void assertSilent(String ruleId, PatientRecord r) {
        assertFalse(Knowledge.optionIds(r).contains(ruleId), () -> ruleId + " must not be an option: " + describe(r));
    }

    /** The rule matched but was ruled out, with a reason containing the fragment. */
    public static void assertRuledOut(String ruleId, String reasonFragment, PatientRecord r) {
        assertSilent(ruleId, r);
        List<Decisions.RuledOut> out = Knowledge.forPatient(r).ruledOut().stream()
                .filter(o -> o.rule().id().equals(ruleId)).toList();
        assertEquals(1, out.size(), () -> ruleId + " should be ruled out: " + describe(r));
        assertTrue(out.get(0).reason().contains(reasonFragment),
                () -> "reason '" + out.get(0).reason() + "' should contain '" + reasonFragment + "'");
    }

    /** The option fired with a caution containing the fragment. */
    public static void assertCaution(String ruleId, String cautionFragment, PatientRecord r) {
        Decisions.TherapyOption o = Knowledge.option(r, ruleId)
                .orElseThrow(() -> new AssertionError(ruleId + " should be an option: " + describe(r)));
        assertTrue(o.cautions().stream().anyMatch(c -> c.contains(cautionFragment)),
                () -> ruleId + " cautions " + o.cautions() + " should contain '" + cautionFragment + "'");
    }

    /** The option fired with one of its regimen components offering this drug id. */
    public static void assertRegimenOffers(String ruleId, String drugId, PatientRecord r) {
        Decisions.TherapyOption o = Knowledge.option(r, ruleId)
                .orElseThrow(() -> new AssertionError(ruleId + " should be an option: " + describe(r)));
        assertTrue(o.regimen().stream().anyMatch(c -> c.choices().stream().anyMatch(d -> d.id().equals(drugId))),
                () -> ruleId + " regimen should offer " + drugId);
    }

    public static void assertFinding(String ruleId, PatientRecord r) {
        List<String> ids = Knowledge.findingIds(r);
        assertTrue(ids.contains(ruleId), () -> ruleId + " should be a finding: " + ids);
    }

    public static void assertNoFinding(String ruleId, PatientRecord r) {
        List<String> ids = Knowledge.findingIds(r);
        assertFalse(ids.contains(ruleId), () -> ruleId + " must not be a finding: " + ids);
    }
}
