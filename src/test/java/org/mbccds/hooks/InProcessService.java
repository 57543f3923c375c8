package org.mbccds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mbccds.cards.CardRenderer;
import org.mbccds.cards.CardsConfig;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.clinical.ClinicalDefinitions;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.ClinicalPictureFactory;
import org.mbccds.knowledge.DecisionEngine;
import org.mbccds.knowledge.KnowledgeBase;
import org.mbccds.record.PatientRecord;
import org.mbccds.record.PrefetchCatalog;
import org.mbccds.record.RecordAssembler;
import org.mbccds.record.RecordAssemblers;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.Terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The service's beans built directly, without Quarkus, as the producers build them (same FHIR context settings,
 * same Jackson customisation): for benchmarks and in-process tests. Immutable; thread-safe like the beans.
 */
public final class InProcessService {
    public final FhirContext fhirContext;
    public final ObjectMapper mapper;
    public final Terminology terminology;
    public final DrugCatalog drugs;
    public final ClinicalPictureFactory pictures;
    public final KnowledgeBase knowledge;
    public final DecisionEngine engine;
    public final CardRenderer renderer;
    public final RecordAssembler records;
    final ServiceCatalog catalog;
    final HookRequestValidator validator;
    final CdsServicesResource resource;
    private final Duration budget = Duration.ofSeconds(2);
    private final Clock clock = Clock.systemUTC();

    public InProcessService(Path root) {
        fhirContext = org.mbccds.terminology.TerminologyProducer.configure(FhirContext.forR4());
        mapper = new ObjectMapper();
        new JacksonSetup(fhirContext).customize(mapper);
        terminology = Terminology.load(root.resolve("fhir-profiles"), fhirContext);
        drugs = DrugCatalog.from(terminology);
        pictures = new ClinicalPictureFactory(terminology, drugs, ClinicalDefinitions.load(root.resolve("cards/clinical-definitions.yaml")));
        knowledge = KnowledgeBase.load(root.resolve("cards"), drugs, true);
        engine = new DecisionEngine(knowledge);
        renderer = new CardRenderer(new CardsConfig() {
            @Override
            public Optional<String> iconUrl() {
                return Optional.empty();
            }

            @Override
            public String trialSearchUrl() {
                return "https://clinicaltrials.gov/search";
            }
        });
        PrefetchCatalog prefetch = new PrefetchCatalog(terminology);
        records = RecordAssemblers.create(prefetch, fhirContext, mapper);
        catalog = new ServiceCatalog(prefetch);
        validator = new HookRequestValidator();
        CdsServiceHandler handler = new CdsServiceHandler(records, pictures, engine, renderer, clock,
                new HookMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog));
        resource = new CdsServicesResource(catalog, validator, handler, () -> budget, new JsonBody(mapper, 10L * 1024 * 1024));
    }

    /** Exactly what POST /cds-services/{id} does, then the JSON the HTTP layer writes. Exceptions as the resource throws them. */
    public byte[] call(String serviceId, byte[] body) {
        CdsServiceResponse response = resource.call(serviceId, body);
        try {
            return mapper.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nanoseconds spent in each step of one call, and the JSON answer. */
    public record Steps(long parseAndValidate, long record, long picture, long decide, long render, byte[] json) {
        public long total() {
            return parseAndValidate + record + picture + decide + render;
        }
    }

    /** The same flow as {@link #call}, timed step by step (what CdsServicesResource and CdsServiceHandler do). */
    public Steps timedCall(String serviceId, byte[] body) throws IOException {
        long t0 = System.nanoTime();
        ServiceCatalog.Service service = catalog.byId(serviceId).orElseThrow();
        JsonNode tree = mapper.readTree(body);
        ValidatedCall call = validator.validate(service, tree, budget);
        long t1 = System.nanoTime();
        PatientRecord record = records.assemble(call.recordRequest());
        long t2 = System.nanoTime();
        ClinicalPicture picture = pictures.build(record, LocalDate.now(clock));
        long t3 = System.nanoTime();
        List<Card> cards;
        long t4;
        if (service.kind() == ServiceCatalog.Kind.PATIENT_VIEW) {
            var decisions = engine.forPatient(picture);
            t4 = System.nanoTime();
            cards = renderer.patientCards(decisions);
        } else {
            var decisions = engine.forOrders(picture);
            t4 = System.nanoTime();
            cards = renderer.orderCards(decisions);
        }
        byte[] json = mapper.writeValueAsBytes(CdsServiceResponse.of(cards));
        long t5 = System.nanoTime();
        return new Steps(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, json);
    }
}
