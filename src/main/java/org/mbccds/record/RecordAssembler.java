package org.mbccds.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds the {@link PatientRecord} of one hook call. Per prefetch key: a value is used as sent; JSON null means
 * "no data" and is never re-read; an absent key or an OperationOutcome is read from the FHIR server (all such keys
 * at once), or, with no server, is a 412 for required keys and a reported gap for the others.
 */
@ApplicationScoped
public class RecordAssembler {

    private final PrefetchCatalog catalog;
    private final ResourceReader reader;
    private final FhirServerClient server;
    private final int maxResources;

    /** Outside the container (command-line tool, benchmarks): the same assembler with its own FHIR client. */
    public static RecordAssembler standalone(PrefetchCatalog catalog, FhirContext fhirContext,
                                             com.fasterxml.jackson.databind.ObjectMapper mapper, RecordConfig config) {
        return new RecordAssembler(catalog, fhirContext, new FhirServerClient(mapper, fhirContext, config));
    }

    RecordAssembler(PrefetchCatalog catalog, FhirContext fhirContext, FhirServerClient server) {
        this(catalog, fhirContext, server, Limits.DEFAULT_MAX_RESOURCES);
    }

    @Inject
    RecordAssembler(PrefetchCatalog catalog, FhirContext fhirContext, FhirServerClient server, Limits limits) {
        this(catalog, fhirContext, server, limits.maxResources());
    }

    RecordAssembler(PrefetchCatalog catalog, FhirContext fhirContext, FhirServerClient server, int maxResources) {
        this.catalog = catalog;
        this.reader = new ResourceReader(fhirContext);
        this.server = server;
        this.maxResources = maxResources;
    }

    /**
     * @throws NotFhirException            a prefetch value or the draft orders are not FHIR (a 400 naming the key)
     * @throws RecordUnavailableException required keys are missing and there is no FHIR server (412)
     */
    public PatientRecord assemble(RecordRequest request) {
        Collected collected = new Collected(request.patientId());
        Map<PrefetchKey, String> toFetch = new LinkedHashMap<>();
        List<String> pagedKeys = new ArrayList<>();
        // Counted on the JSON before any HAPI parsing, so an oversized prefetch costs a walk of the tree, no more.
        int sent = 0;
        for (Map.Entry<String, JsonNode> e : request.prefetch().entrySet()) {
            sent += resourceCount(e.getValue());
            if (sent > maxResources) {
                throw new RecordTooLargeException(e.getKey(), maxResources);
            }
        }
        if (request.draftOrders().isPresent() && sent + resourceCount(request.draftOrders().get()) > maxResources) {
            throw new RecordTooLargeException("context.draftOrders", maxResources);
        }

        for (PrefetchKey key : catalog.keys()) {
            if (!request.prefetch().containsKey(key.name())) {
                toFetch.put(key, "not in the prefetch");
                continue;
            }
            ResourceReader.Value value = reader.read(key.name(), request.prefetch().get(key.name()));
            if (value instanceof ResourceReader.Outcome o) {
                toFetch.put(key, "the client could not prefetch it: " + o.summary());
            } else if (value instanceof ResourceReader.Resources r) {
                collected.addAll(r.resources());
                collected.addFullUrls(r.byFullUrl());
                r.skipped().forEach(s -> collected.notes.add(s + " in '" + key.name() + "' could not be read as FHIR R4"));
                r.nextPage().ifPresent(next -> pagedKeys.add(key.name() + "\n" + next));
            }
        }
        // Keys we did not ask for: the data is still the patient's, so use it rather than drop it.
        request.prefetch().forEach((name, value) -> {
            if (catalog.key(name).isEmpty() && reader.read(name, value) instanceof ResourceReader.Resources r) {
                collected.addAll(r.resources());
                collected.addFullUrls(r.byFullUrl());
            }
        });
        readDraftOrders(request, collected);

        if (request.fhirServer().isEmpty()) {
            List<String> missingRequired = toFetch.keySet().stream()
                    .filter(k -> k.missingPolicy() == PrefetchKey.MissingPolicy.REQUIRED).map(PrefetchKey::name).toList();
            if (!missingRequired.isEmpty()) {
                throw new RecordUnavailableException(missingRequired);
            }
            toFetch.forEach((key, why) -> {
                collected.gaps.add(new DataGap(key.resourceType() + " data ('" + key.name() + "')",
                        why + ", and the request names no FHIR server"));
                collected.incomplete.add(key.resourceType());
            });
            pagedKeys.forEach(p -> {
                String name = p.split("\n")[0];
                collected.gaps.add(new DataGap("'" + name + "'", "only the first page was sent and there is no FHIR server to read the rest"));
                catalog.key(name).ifPresent(k -> collected.incomplete.add(k.resourceType()));
            });
        } else {
            fetchMissing(request, toFetch, pagedKeys, collected);
        }
        resolveMedications(request, collected);
        return collected.toRecord();
    }

    private static int resourceCount(JsonNode value) {
        if (value == null || !value.isObject()) {
            return 0;
        }
        JsonNode entries = value.get("entry");
        return entries != null && entries.isArray() ? entries.size() : 1;
    }

    private void fetchMissing(RecordRequest request, Map<PrefetchKey, String> toFetch, List<String> pagedKeys,
                              Collected collected) {
        URI base = request.fhirServer().orElseThrow();
        Map<String, CompletableFuture<FhirServerClient.Fetch>> futures = new LinkedHashMap<>();
        Map<String, String> requiredKeys = new LinkedHashMap<>();
        Map<String, String> resourceTypes = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        toFetch.keySet().forEach(key -> {
            String what = key.resourceType() + " data ('" + key.name() + "')";
            resourceTypes.put(what, key.resourceType());
            sources.put(what, key.name());
            futures.put(what, server.get(base, PrefetchCatalog.render(key, request.patientId()), request.bearerToken(),
                    request.deadline()));
            if (key.missingPolicy() == PrefetchKey.MissingPolicy.REQUIRED) {
                requiredKeys.put(what, key.name());
            }
        });
        for (String paged : pagedKeys) {
            String[] parts = paged.split("\n", 2);
            futures.put("later pages of '" + parts[0] + "'",
                    server.nextPages(base, parts[1], request.bearerToken(), request.deadline()));
            sources.put("later pages of '" + parts[0] + "'", parts[0]);
            catalog.key(parts[0]).ifPresent(k -> resourceTypes.put("later pages of '" + parts[0] + "'", k.resourceType()));
        }
        await(futures, requiredKeys, sources, request.deadline(), collected);
        // Any gap left by a search (failed, late or read in part) makes that resource type incomplete.
        collected.gaps.stream().map(DataGap::what).filter(resourceTypes::containsKey)
                .forEach(what -> collected.incomplete.add(resourceTypes.get(what)));
    }

    private void resolveMedications(RecordRequest request, Collected collected) {
        Set<String> unresolved = new LinkedHashSet<>();
        for (DomainResource owner : collected.medicationOwners()) {
            medicationReference(owner).filter(Reference::hasReference)
                    .map(Reference::getReference)
                    .filter(ref -> !ref.startsWith("#") && !collected.medications.containsKey(ref))
                    .map(ResourceRefs::relative)
                    .filter(ref -> ref.startsWith("Medication/") && !collected.medications.containsKey(ref))
                    .ifPresent(unresolved::add);
        }
        if (unresolved.isEmpty()) {
            return;
        }
        if (request.fhirServer().isEmpty()) {
            unresolved.forEach(ref -> collected.notes.add(ref + " is referenced but was not sent; its name on the"
                    + " reference is used instead"));
            return;
        }
        Map<String, CompletableFuture<FhirServerClient.Fetch>> futures = new LinkedHashMap<>();
        unresolved.forEach(ref -> futures.put(ref, server.get(request.fhirServer().get(), ref, request.bearerToken(),
                request.deadline())));
        await(futures, Map.of(), Map.of(), request.deadline(), collected);
    }

    /**
     * @param requiredKeys the REQUIRED prefetch key behind each future, so a total failure is marked on its gap
     * @param sources      the prefetch key behind each future (absent: a referenced Medication)
     */
    private void await(Map<String, CompletableFuture<FhirServerClient.Fetch>> futures, Map<String, String> requiredKeys,
                       Map<String, String> sources, Instant deadline, Collected collected) {
        long waitMs = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Each future is inspected below; a late one becomes a gap.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        futures.forEach((what, future) -> {
            String source = sources.getOrDefault(what, FetchFailure.MEDICATION);
            if (!future.isDone()) {
                future.cancel(true);
                collected.gaps.add(new DataGap(what, "the FHIR server did not answer within the request budget",
                        Optional.ofNullable(requiredKeys.get(what)),
                        Optional.of(new FetchFailure(source, FetchFailure.Kind.TIMEOUT))));
                return;
            }
            FhirServerClient.Fetch fetch = future.join();
            if (fetch instanceof FhirServerClient.Fetched f) {
                int room = maxResources - collected.size();
                if (f.resources().size() > room) {
                    collected.addAll(f.resources().subList(0, Math.max(0, room)));
                    collected.gaps.add(new DataGap(what, "read in part: the record reached " + maxResources
                            + " resources (mbc.limits.max-resources)", Optional.ofNullable(requiredKeys.get(what))));
                    f.notes().forEach(n -> collected.gaps.add(new DataGap(what, n)));
                    return;
                }
                collected.addAll(f.resources());
                // Notes without a failure (pages not followed, entries skipped) are gaps but not fetch errors.
                Optional<FetchFailure> failure = f.partialFailure().map(kind -> new FetchFailure(source, kind));
                f.notes().forEach(n -> collected.gaps.add(new DataGap(what, n, Optional.empty(),
                        n.startsWith("read in part: ") ? failure : Optional.empty())));
            } else if (fetch instanceof FhirServerClient.Failed f) {
                collected.gaps.add(new DataGap(what, f.reason(), Optional.ofNullable(requiredKeys.get(what)),
                        Optional.of(new FetchFailure(source, f.kind()))));
            }
        });
    }

    private void readDraftOrders(RecordRequest request, Collected collected) {
        if (request.draftOrders().isEmpty()) {
            return;
        }
        JsonNode bundle = request.draftOrders().get();
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new NotFhirException("context.draftOrders", "expected a Bundle");
        }
        if (!(reader.read("context.draftOrders", bundle) instanceof ResourceReader.Resources r)) {
            return;
        }
        collected.addFullUrls(r.byFullUrl());
        Set<String> selections = new HashSet<>(request.selections());
        for (Resource resource : r.resources()) {
            if (resource instanceof MedicationRequest mr) {
                String ref = "MedicationRequest/" + mr.getIdElement().getIdPart();
                collected.drafts.add(new DraftOrder(mr, selections.isEmpty() || selections.contains(ref)));
            } else if (resource instanceof Medication m) {
                collected.medications.put("Medication/" + m.getIdElement().getIdPart(), m);
            }
        }
        for (String skipped : r.skipped()) {
            collected.gaps.add(new DataGap("draft order " + skipped, skipped.startsWith("MedicationOrder")
                    ? "it is a DSTU2 MedicationOrder; this service reads FHIR R4 orders (MedicationRequest)"
                    : "it could not be read as FHIR R4"));
        }
    }

    private static Optional<Reference> medicationReference(DomainResource r) {
        if (r instanceof MedicationRequest mr && mr.hasMedicationReference()) {
            return Optional.of(mr.getMedicationReference());
        }
        if (r instanceof MedicationStatement ms && ms.hasMedicationReference()) {
            return Optional.of(ms.getMedicationReference());
        }
        if (r instanceof MedicationAdministration ma && ma.hasMedicationReference()) {
            return Optional.of(ma.getMedicationReference());
        }
        return Optional.empty();
    }

    /** Mutable collector for one call; turned into the immutable record at the end. */
    private static final class Collected {
        private final String patientId;
        private Patient patient;
        private final Map<String, Resource> byRef = new LinkedHashMap<>();
        private final Map<String, Medication> medications = new LinkedHashMap<>();
        private final List<DraftOrder> drafts = new ArrayList<>();
        private final List<DataGap> gaps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<String> incomplete = new java.util.HashSet<>();
        private int otherPatients;

        Collected(String patientId) {
            this.patientId = patientId;
        }

        int size() {
            return byRef.size() + medications.size() + drafts.size() + otherPatients + (patient == null ? 0 : 1);
        }

        /** Medications referenced as urn:uuid: inside transaction bundles (Synthea). */
        void addFullUrls(Map<String, Resource> byFullUrl) {
            byFullUrl.forEach((url, r) -> {
                if (r instanceof Medication m) {
                    medications.put(url, m);
                }
            });
        }

        void addAll(List<Resource> resources) {
            for (Resource r : resources) {
                if (r instanceof Medication m) {
                    medications.put("Medication/" + m.getIdElement().getIdPart(), m);
                } else if (r instanceof Patient p) {
                    if (patientId.equals(p.getIdElement().getIdPart())) {
                        patient = p;
                    } else {
                        otherPatients++;
                    }
                } else if (!belongsToPatient(r)) {
                    otherPatients++;
                } else {
                    String id = r.getIdElement().getIdPart();
                    // Prefetch and server reads may overlap; resources without an id are kept apart.
                    byRef.putIfAbsent(id == null ? r.fhirType() + "#" + byRef.size() : r.fhirType() + "/" + id, r);
                }
            }
        }

        private boolean belongsToPatient(Resource r) {
            Reference subject = null;
            if (r instanceof Condition c) {
                subject = c.getSubject();
            } else if (r instanceof Observation o) {
                subject = o.getSubject();
            } else if (r instanceof Procedure p) {
                subject = p.getSubject();
            } else if (r instanceof MedicationStatement ms) {
                subject = ms.getSubject();
            } else if (r instanceof MedicationRequest mr) {
                subject = mr.getSubject();
            } else if (r instanceof MedicationAdministration ma) {
                subject = ma.getSubject();
            }
            if (subject == null || !subject.hasReference()) {
                return true;
            }
            String ref = ResourceRefs.relative(subject.getReference());
            return !ref.startsWith("Patient/") || ResourceRefs.idPart(ref).equals(patientId);
        }

        List<DomainResource> medicationOwners() {
            List<DomainResource> owners = new ArrayList<>();
            byRef.values().forEach(r -> {
                if (r instanceof MedicationRequest || r instanceof MedicationStatement || r instanceof MedicationAdministration) {
                    owners.add((DomainResource) r);
                }
            });
            drafts.forEach(d -> owners.add(d.request()));
            return owners;
        }

        <T extends Resource> List<T> ofType(Class<T> type) {
            return byRef.values().stream().filter(type::isInstance).map(type::cast).toList();
        }

        PatientRecord toRecord() {
            if (otherPatients > 0) {
                notes.add(otherPatients + " resource(s) about another patient were ignored");
            }
            return new PatientRecord(patientId, Optional.ofNullable(patient), ofType(Condition.class),
                    ofType(Observation.class), ofType(Procedure.class), ofType(MedicationStatement.class),
                    ofType(MedicationRequest.class), ofType(MedicationAdministration.class), medications, drafts,
                    gaps, notes, incomplete);
        }
    }
}
