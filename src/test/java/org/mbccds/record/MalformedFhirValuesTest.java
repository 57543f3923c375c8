package org.mbccds.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbccds.testing.Cards;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real records hold values FHIR does not allow (a birth date "not-a-date", a number as text). HAPI reads them
 * leniently and keeps the raw text; the service must then treat the value as unknown and use the rest of the record,
 * never fail with a 500 (and not refuse the whole request over one bad field).
 */
@QuarkusTest
class MalformedFhirValuesTest {
    private static final String ER = "mCODETrialMatchingTumorMarkerPatientExample01";
    private static final String PRIMARY = "mCODETrialMatchingPrimaryCancerConditionExample01";
    private static final String ECOG = "mCODETrialMatchingECOGPerformanceStatusPatientExample01";
    private static final String FULVESTRANT = "mCODETrialMatchingCancerMedicationStatementPatientExample01";

    record Change(String name, Consumer<ObjectNode> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Change> changes() {
        return Stream.of(
                new Change("Patient.birthDate 'not-a-date'", p -> patient(p).put("birthDate", "not-a-date")),
                new Change("Patient.gender 'femme'", p -> patient(p).put("gender", "femme")),
                new Change("ER Observation.effectiveDateTime 'yesterday'", p -> resource(p, "observations", ER)
                        .put("effectiveDateTime", "yesterday")),
                new Change("ER Observation.issued 'soon'", p -> resource(p, "observations", ER).put("issued", "soon")),
                new Change("ER % Observation.valueQuantity.value \"high\"", p -> {
                    ObjectNode percent = resource(p, "observations", ER).deepCopy();
                    percent.put("id", "er-percent");
                    percent.remove("valueCodeableConcept");
                    percent.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org")
                            .put("code", "85329-1");
                    percent.putObject("valueQuantity").put("value", "high").put("unit", "%");
                    ((ObjectNode) p.get("observations")).withArray("entry").addObject().set("resource", percent);
                }),
                new Change("ECOG Observation.valueInteger \"one\"", p -> resource(p, "observations", ECOG)
                        .put("valueInteger", "one")),
                new Change("Condition.onsetDateTime '2019-13-45'", p -> resource(p, "conditions", PRIMARY)
                        .put("onsetDateTime", "2019-13-45")),
                new Change("Condition.recordedDate 'someday'", p -> resource(p, "conditions", PRIMARY)
                        .put("recordedDate", "someday")),
                new Change("MedicationStatement.effectiveDateTime 'last spring'", p -> resource(p, "medStatements",
                        FULVESTRANT).put("effectiveDateTime", "last spring")),
                new Change("MedicationStatement.effectivePeriod.end 'never'", p -> {
                    ObjectNode ms = resource(p, "medStatements", FULVESTRANT);
                    ms.remove("effectiveDateTime");
                    ms.putObject("effectivePeriod").put("start", "2019-04-01").put("end", "never");
                }),
                new Change("MedicationStatement.status 'taking'", p -> resource(p, "medStatements", FULVESTRANT)
                        .put("status", "taking")),
                new Change("MedicationRequest.status 'ok' and intent 'yes'", p -> add(p, "medRequests",
                        medication("MedicationRequest").put("status", "ok").put("intent", "yes")
                                .put("authoredOn", "2020-01-06"))),
                new Change("MedicationAdministration.status 'given'", p -> add(p, "medAdministrations",
                        medication("MedicationAdministration").put("status", "given")
                                .put("effectiveDateTime", "2020-01-06"))));
    }

    /** A capecitabine resource of this type for patient 01. */
    private static ObjectNode medication(String type) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("resourceType", type);
        r.put("id", "bad-" + type);
        r.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "http://www.nlm.nih.gov/research/umls/rxnorm").put("code", "194000");
        r.putObject("subject").put("reference", "Patient/mCODETrialMatchingPatientExample01");
        return r;
    }

    private static void add(ObjectNode prefetch, String key, ObjectNode resource) {
        ((ObjectNode) prefetch.get(key)).withArray("entry").addObject().set("resource", resource);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aBadValueCostsOnlyThatValue(Change change) {
        ObjectNode body = RequestBodies.patientViewWithPrefetchFrom("trial-matching/TrialMatching_Patient01.json");
        change.apply().accept((ObjectNode) body.get("prefetch"));
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", body));
        Cards.assertWellFormed(answer);
        String summary = Cards.summaryCard(answer).path("summary").asText();
        assertTrue(summary.contains("HR+/HER2-") && summary.contains("metastatic breast cancer"), summary);
    }

    private static ObjectNode patient(ObjectNode prefetch) {
        return (ObjectNode) prefetch.get("patient");
    }

    private static ObjectNode resource(ObjectNode prefetch, String key, String id) {
        for (JsonNode entry : prefetch.path(key).path("entry")) {
            if (id.equals(entry.path("resource").path("id").asText())) {
                return (ObjectNode) entry.get("resource");
            }
        }
        throw new AssertionError("no " + id + " in " + key);
    }
}
