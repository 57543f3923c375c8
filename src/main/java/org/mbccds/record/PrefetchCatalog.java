package org.mbccds.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mbccds.terminology.Code;
import org.mbccds.terminology.Terminology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * The prefetch templates every service declares. Observations are restricted to the codes the service recognises
 * (ValueSet prefetch-observation-codes), because a patient's full Observation list (vitals, labs) can be thousands
 * of resources; conditions and medications are fetched whole so no history the rules need is filtered away.
 */
@ApplicationScoped
public class PrefetchCatalog {
    static final String PATIENT_TOKEN = "{{context.patientId}}";

    private final List<PrefetchKey> keys;

    @Inject
    public PrefetchCatalog(Terminology terminology) {
        this(observationCodes(terminology));
    }

    PrefetchCatalog(String observationCodes) {
        this.keys = List.of(
                new PrefetchKey("patient", "Patient", "Patient/" + PATIENT_TOKEN, PrefetchKey.MissingPolicy.REQUIRED),
                new PrefetchKey("conditions", "Condition", "Condition?patient=" + PATIENT_TOKEN,
                        PrefetchKey.MissingPolicy.REQUIRED),
                new PrefetchKey("observations", "Observation",
                        "Observation?patient=" + PATIENT_TOKEN + "&code=" + observationCodes,
                        PrefetchKey.MissingPolicy.REQUIRED),
                new PrefetchKey("medStatements", "MedicationStatement",
                        "MedicationStatement?patient=" + PATIENT_TOKEN + "&_include=MedicationStatement:medication",
                        PrefetchKey.MissingPolicy.REQUIRED),
                new PrefetchKey("medRequests", "MedicationRequest",
                        "MedicationRequest?patient=" + PATIENT_TOKEN + "&_include=MedicationRequest:medication",
                        PrefetchKey.MissingPolicy.REQUIRED),
                new PrefetchKey("medAdministrations", "MedicationAdministration",
                        "MedicationAdministration?patient=" + PATIENT_TOKEN
                                + "&_include=MedicationAdministration:medication",
                        PrefetchKey.MissingPolicy.GAP));
    }

    private static String observationCodes(Terminology terminology) {
        return terminology.matcher("prefetch-observation-codes").explicitCodes().stream()
                .map(Code::code)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
    }

    public List<PrefetchKey> keys() {
        return keys;
    }

    public Optional<PrefetchKey> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The discovery document's prefetch object. */
    public Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        keys.forEach(k -> templates.put(k.name(), k.template()));
        return templates;
    }

    /** The template as a relative URL for this patient; the id is URL-encoded so it cannot change the query. */
    static String render(PrefetchKey key, String patientId) {
        return key.template().replace(PATIENT_TOKEN,
                java.net.URLEncoder.encode(patientId, java.nio.charset.StandardCharsets.UTF_8));
    }
}
