package org.mbccds.tools;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mbccds.cards.CardRenderer;
import org.mbccds.cards.CardsConfig;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.clinical.ClinicalDefinitions;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.ClinicalPictureFactory;
import org.mbccds.hooks.JacksonSetup;
import org.mbccds.knowledge.DecisionEngine;
import org.mbccds.knowledge.KnowledgeBase;
import org.mbccds.record.PatientRecord;
import org.mbccds.record.PrefetchCatalog;
import org.mbccds.record.RecordAssembler;
import org.mbccds.record.RecordConfig;
import org.mbccds.record.RecordRequest;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.Terminology;
import org.mbccds.terminology.TerminologyProducer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the cards the service would return for a patient record given as a FHIR Bundle file, with no EHR and no
 * server: the same knowledge, record reading, rules and rendering. Draft MedicationRequests in the Bundle
 * (status draft) are the orders checked by order-select/order-sign. Run with bin/cards-for-bundle.
 */
public final class CardsForBundle {
    private static final Map<String, String> KEY_BY_TYPE = Map.of("Condition", "conditions", "Observation", "observations",
            "MedicationStatement", "medStatements", "MedicationRequest", "medRequests", "Medication", "medRequests",
            "MedicationAdministration", "medAdministrations", "Procedure", "conditions");

    private CardsForBundle() {
    }

    public static void main(String[] args) throws IOException {
        Optional<Path> bundle = Optional.empty();
        String hook = "";
        boolean json = false;
        Path knowledge = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hook" -> hook = args[++i];
                case "--json" -> json = true;
                case "--knowledge" -> knowledge = Path.of(args[++i]);
                default -> bundle = Optional.of(Path.of(args[i]));
            }
        }
        if (bundle.isEmpty()) {
            System.err.println("usage: bin/cards-for-bundle BUNDLE.json [--hook patient-view|order-select|order-sign] [--json]"
                    + " [--knowledge DIR-with-cards-and-fhir-profiles]");
            System.exit(2);
        }
        System.exit(run(bundle.get(), hook, json, knowledge, System.out));
    }

    static int run(Path bundlePath, String hookArg, boolean json, Path knowledgeDir, PrintStream out) throws IOException {
        // The service's own FHIR settings: the same lenient reading, and no parser warnings quoting record content.
        FhirContext fhir = TerminologyProducer.configure(FhirContext.forR4());
        ObjectMapper mapper = new ObjectMapper();
        new JacksonSetup(fhir).customize(mapper);
        Terminology terminology = Terminology.load(knowledgeDir.resolve("fhir-profiles"), fhir);
        DrugCatalog drugs = DrugCatalog.from(terminology);
        ClinicalPictureFactory pictures = new ClinicalPictureFactory(terminology, drugs,
                ClinicalDefinitions.load(knowledgeDir.resolve("cards/clinical-definitions.yaml")));
        DecisionEngine engine = new DecisionEngine(KnowledgeBase.load(knowledgeDir.resolve("cards"), drugs, true));
        CardRenderer renderer = new CardRenderer(new CardsConfig() {
            @Override
            public Optional<String> iconUrl() {
                return Optional.empty();
            }

            @Override
            public String trialSearchUrl() {
                return "https://clinicaltrials.gov/search";
            }
        });
        RecordAssembler assembler = RecordAssembler.standalone(new PrefetchCatalog(terminology), fhir, mapper, new RecordConfig() {
            @Override
            public Duration queryTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int maxPages() {
                return 1;
            }
        });

        JsonNode bundle = mapper.readTree(bundlePath.toFile());
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            System.err.println(bundlePath + " is not a FHIR Bundle");
            return 2;
        }
        String patientId = "";
        Map<String, ArrayNode> entries = new LinkedHashMap<>();
        ArrayNode drafts = mapper.createArrayNode();
        List<String> selections = new ArrayList<>();
        ObjectNode patient = null;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText();
            if (type.equals("Patient")) {
                patient = (ObjectNode) resource;
                patientId = resource.path("id").asText();
            } else if (type.equals("MedicationRequest") && "draft".equals(resource.path("status").asText())) {
                drafts.add(entry);
                selections.add("MedicationRequest/" + resource.path("id").asText());
            } else if (KEY_BY_TYPE.containsKey(type)) {
                entries.computeIfAbsent(KEY_BY_TYPE.get(type), k -> mapper.createArrayNode()).add(entry);
            }
        }
        if (patient == null) {
            System.err.println(bundlePath + " has no Patient entry");
            return 2;
        }
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        prefetch.put("patient", patient);
        for (String key : List.of("conditions", "observations", "medStatements", "medRequests", "medAdministrations")) {
            ObjectNode searchset = mapper.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
            searchset.set("entry", entries.getOrDefault(key, mapper.createArrayNode()));
            prefetch.put(key, searchset);
        }
        String hook = hookArg.isEmpty() ? (drafts.isEmpty() ? "patient-view" : "order-sign") : hookArg;
        Optional<JsonNode> draftOrders = hook.equals("patient-view") ? Optional.empty()
                : Optional.of(mapper.createObjectNode().put("resourceType", "Bundle").put("type", "collection").set("entry", drafts));
        PatientRecord record = assembler.assemble(new RecordRequest(patientId, Optional.empty(), Optional.empty(), prefetch,
                draftOrders, hook.equals("order-select") ? selections : List.of(), Instant.now().plusSeconds(5)));
        ClinicalPicture picture = pictures.build(record, LocalDate.now());
        List<Card> cards = hook.equals("patient-view") ? renderer.patientCards(engine.forPatient(picture))
                : renderer.orderCards(engine.forOrders(picture));
        if (json) {
            out.println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CdsServiceResponse.of(cards)));
            return 0;
        }
        out.println(hook + ": " + cards.size() + " card(s) for " + bundlePath.getFileName());
        for (Card c : cards) {
            out.println();
            out.println("[" + c.indicator().json().toUpperCase() + "] " + c.summary());
            out.println("  source: " + c.source().label() + (c.source().url() == null ? "" : " <" + c.source().url() + ">")
                    + (c.source().topic() == null ? "" : "  (" + c.source().topic().code() + ")"));
            c.suggestions().forEach(s -> out.println("  suggestion: " + s.label()));
            c.links().forEach(l -> out.println("  link: " + l.label() + " <" + l.url() + ">"));
            if (c.detail() != null) {
                c.detail().lines().forEach(line -> out.println("    " + line));
            }
        }
        return 0;
    }
}
