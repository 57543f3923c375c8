package org.mbccds.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jboss.logging.Logger;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.SystemAliases;
import org.mbccds.terminology.Terminology;
import org.mbccds.terminology.TerminologyProducer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a record (a Bundle or one resource) against the mbc-cds profiles and says, per entry, what the FHIR
 * validator found and what mbc-cds makes of the entry. The HAPI validator is built on the first call, never at
 * start-up and never by a hook call (seconds and hundreds of MB), and then shared: it is thread-safe.
 */
@ApplicationScoped
public class RecordValidator {
    private static final Logger LOG = Logger.getLogger(RecordValidator.class);
    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");
    private static final Pattern UNKNOWN_SYSTEM = Pattern.compile("^CodeSystem is unknown and can't be validated: (\\S+)");
    private static final Pattern FROM = Pattern.compile(" \\(from [^)]*\\)$");
    private static final Pattern PROFILE_URL = Pattern.compile("'(\\S+)'|url=(\\S+)");

    /** Outcome of one call: the report, or "busy" when the concurrency limit is reached. */
    public sealed interface Result permits Report, Busy {
    }

    public record Report(OperationOutcome outcome) implements Result {
    }

    public record Busy() implements Result {
    }

    private final FhirContext fhirContext;
    private final Path profilesDir;
    private final ProfileSelector selector;
    private final MedicationNotes medicationNotes;
    private final SystemAliases systems;
    private final Terminology terminology;
    private final ObjectMapper mapper;
    private final Semaphore running;
    private final Object buildLock = new Object();
    private volatile FhirValidator validator;

    RecordValidator(FhirContext fhirContext, TerminologyProducer.KnowledgeConfig knowledge, Terminology terminology,
                    DrugCatalog drugs, ObjectMapper mapper, ValidationConfig config) {
        this.fhirContext = fhirContext;
        this.profilesDir = knowledge.profilesDir();
        this.selector = new ProfileSelector(terminology);
        this.medicationNotes = new MedicationNotes(drugs);
        this.systems = terminology.aliases();
        this.terminology = terminology;
        this.mapper = mapper;
        this.running = new Semaphore(Math.max(1, config.maxConcurrent()));
    }

    /** For tests and the health of the hot path: true once a validation call has built the HAPI validator. */
    public boolean isBuilt() {
        return validator != null;
    }

    /**
     * @param body          the request body: a resource, a Bundle, or a Parameters with {@code resource} (and
     *                      optionally {@code profile}) as FHIR's $validate defines
     * @param pathType      the resource type named in the URL ({@code /fhir/Bundle/$validate}), if any
     * @param profile       one of our profiles (URL or id) to check every resource of its type against, instead
     *                      of choosing by content
     * @throws InvalidInputException when the body is not a FHIR resource or the profile is not ours
     */
    public Result validate(JsonNode body, Optional<String> pathType, Optional<String> profile) {
        Input input = Input.of(body, fhirContext);
        Optional<OurProfile> forced = profile.or(() -> input.profile()).map(p -> OurProfile.byUrlOrId(p)
                .orElseThrow(() -> new InvalidInputException("Unknown profile '" + p + "'; known: " + Arrays.stream(
                        OurProfile.values()).map(OurProfile::id).collect(Collectors.joining(", ")))));
        ObjectNode resource = input.resource();
        String type = resource.path("resourceType").asText();
        if (pathType.isPresent() && !pathType.get().equals(type)) {
            throw new InvalidInputException("The URL names " + pathType.get() + " but the body is a " + type + ": POST it to /fhir/"
                    + type + "/$validate (or /fhir/$validate)");
        }
        if (!running.tryAcquire()) {
            return new Busy();
        }
        try {
            return new Report(check(resource, forced));
        } finally {
            running.release();
        }
    }

    private OperationOutcome check(ObjectNode original, Optional<OurProfile> forced) {
        ObjectNode copy = original.deepCopy();
        boolean bundle = "Bundle".equals(copy.path("resourceType").asText());
        List<Entry> entries = new ArrayList<>();
        Map<String, JsonNode> medications = bundle ? medications(copy) : Map.of();
        if (bundle) {
            // A malformed Bundle (entry not an array, an entry without a resource) is left for the validator to report.
            JsonNode list = copy.path("entry");
            for (int i = 0; list.isArray() && i < list.size(); i++) {
                if (list.get(i).path("resource") instanceof ObjectNode o) {
                    entries.add(entry(Optional.of(i), o, forced, medications));
                }
            }
        } else {
            entries.add(entry(Optional.empty(), copy, forced, medications));
        }
        String json;
        try {
            json = mapper.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the record back as JSON", e);
        }
        long start = System.nanoTime();
        FhirValidator v = validator();
        List<SingleValidationMessage> messages;
        try {
            messages = v.validateWithResult(json).getMessages();
        } catch (RuntimeException e) {
            // The record is what HAPI could not process; the log names only the failure type (records may hold PHI).
            LOG.warnf("The validator failed on a record: %s", e.getClass().getName());
            OperationOutcome failed = new OperationOutcome();
            failed.addIssue().setSeverity(OperationOutcome.IssueSeverity.FATAL)
                    .setCode(OperationOutcome.IssueType.STRUCTURE)
                    .setDiagnostics("The FHIR validator could not process this record (" + e.getClass().getSimpleName()
                            + "); check that it is FHIR R4 JSON");
            return failed;
        }
        LOG.infof("Validated %s in %d ms: %d messages", bundle ? "a Bundle of " + entries.size() + " entries"
                : "one " + copy.path("resourceType").asText(), (System.nanoTime() - start) / 1_000_000, messages.size());
        return report(entries, messages, bundle, forced);
    }

    /** One resource of the record: where it is, what we check it against, what we make of it. */
    private record Entry(Optional<Integer> index, String label, Optional<OurProfile> profile, String understood) {
    }

    /** The Bundle's Medications by fullUrl and by "Medication/{id}", as medication resources reference them. */
    private static Map<String, JsonNode> medications(JsonNode bundle) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            if ("Medication".equals(r.path("resourceType").asText())) {
                if (e.path("fullUrl").isTextual()) {
                    out.put(e.path("fullUrl").asText(), r);
                }
                if (r.path("id").isTextual()) {
                    out.put("Medication/" + r.path("id").asText(), r);
                }
            }
        }
        return out;
    }

    private Entry entry(Optional<Integer> index, ObjectNode resource, Optional<OurProfile> forced,
                        Map<String, JsonNode> medications) {
        String type = resource.path("resourceType").asText("?");
        String id = resource.path("id").asText("");
        String label = index.map(i -> "entry[" + i + "] ").orElse("") + type + (id.isEmpty() ? "" : "/" + id);
        Optional<OurProfile> chosen = forced.isPresent()
                ? forced.filter(p -> p.resourceType().equals(type))
                : selector.select(resource);
        chosen.ifPresent(p -> addProfile(resource, p.url()));
        return new Entry(index, label, chosen, understood(type, resource, chosen, forced, medications));
    }

    private String understood(String type, ObjectNode resource, Optional<OurProfile> chosen, Optional<OurProfile> forced,
                              Map<String, JsonNode> medications) {
        if (chosen.isPresent()) {
            String s = "checked against " + chosen.get().id() + (forced.isPresent() ? " (as asked)"
                    : "; mbc-cds reads it as " + chosen.get().meaning());
            return type.startsWith("Medication") ? s + "; " + medicationNotes.note(resource, medications) : s;
        }
        if (forced.isPresent()) {
            return "checked against FHIR R4 only (the profile asked for is for " + forced.get().resourceType() + ")";
        }
        return switch (type) {
            case "Condition" -> "checked against FHIR R4 only: " + selector.conditionNote(resource);
            case "Observation" -> "checked against FHIR R4 only: " + selector.observationNote(resource);
            case "Medication" -> "checked against FHIR R4 only: read through the medication resources that reference it";
            default -> "checked against FHIR R4 only: mbc-cds does not read " + type + " resources";
        };
    }

    /** meta.profile is how the validator is told which profile to apply to an entry inside a Bundle. */
    private static void addProfile(ObjectNode resource, String url) {
        JsonNode meta = resource.get("meta");
        if (meta == null) {
            meta = resource.putObject("meta");
        }
        if (!(meta instanceof ObjectNode m)) {
            return; // malformed meta: the validator reports it
        }
        JsonNode profiles = m.get("profile");
        if (profiles == null) {
            profiles = m.putArray("profile");
        }
        if (profiles instanceof ArrayNode a) {
            for (JsonNode p : a) {
                if (url.equals(p.asText())) {
                    return;
                }
            }
            a.add(url);
        }
    }

    /** One validator message as we report it. */
    private record Issue(OperationOutcome.IssueSeverity severity, String text, Optional<String> location) {
    }

    /**
     * HAPI's words, except where offline validation makes them misleading: codes of the terminologies mbc-cds knows
     * cannot be checked for existence (no terminology server), which is not a problem of the record; profiles the
     * record declares but we do not ship (mCODE, US Core) are not checked, which the sender should know but is no
     * warning about the data.
     */
    private Optional<Issue> translate(SingleValidationMessage m) {
        String text = m.getMessage() == null ? "" : m.getMessage();
        Optional<String> location = Optional.ofNullable(m.getLocationString());
        Matcher unknownSystem = UNKNOWN_SYSTEM.matcher(text);
        if (unknownSystem.find()) {
            String system = unknownSystem.group(1);
            if (systems.knows(system)) {
                return Optional.empty();
            }
            return Optional.of(new Issue(OperationOutcome.IssueSeverity.INFORMATION, "code system " + system
                    + " is not one mbc-cds reads, so no code of it is matched (if it is LOINC, SNOMED CT, RxNorm,"
                    + " ICD-10-CM, ATC or HGNC, use the standard system URI)", location));
        }
        if (text.startsWith("Unable to expand ValueSet because CodeSystem could not be found")) {
            return Optional.of(new Issue(OperationOutcome.IssueSeverity.INFORMATION, text
                    + " (offline: this FHIR base binding cannot be checked)", location));
        }
        if ("Validation_VAL_Profile_Unknown".equals(m.getMessageId()) || text.startsWith("Invalid profile. Failed to retrieve profile")) {
            Matcher url = PROFILE_URL.matcher(text);
            String profile = url.find() ? (url.group(1) != null ? url.group(1) : url.group(2)) : "a profile";
            return Optional.of(new Issue(OperationOutcome.IssueSeverity.INFORMATION, "declares " + profile
                    + ", which mbc-cds does not ship, so it is not checked (FHIR R4 and mbc-cds's own profiles are)",
                    location));
        }
        return Optional.of(new Issue(severity(m), text, location));
    }

    private OperationOutcome report(List<Entry> entries, List<SingleValidationMessage> raw, boolean bundle,
                                    Optional<OurProfile> forced) {
        Map<Integer, List<Issue>> byEntry = new LinkedHashMap<>();
        List<Issue> general = new ArrayList<>();
        List<Issue> messages = dedupe(raw.stream().map(this::translate).flatMap(Optional::stream).toList());
        for (Issue m : messages) {
            Matcher at = ENTRY.matcher(m.location().orElse(""));
            if (bundle && at.find()) {
                byEntry.computeIfAbsent(Integer.parseInt(at.group(1)), k -> new ArrayList<>()).add(m);
            } else if (!bundle) {
                byEntry.computeIfAbsent(-1, k -> new ArrayList<>()).add(m);
            } else {
                general.add(m);
            }
        }
        OperationOutcome outcome = new OperationOutcome();
        long errors = messages.stream().filter(m -> m.severity().ordinal() <= OperationOutcome.IssueSeverity.ERROR.ordinal()).count();
        long warnings = messages.stream().filter(m -> m.severity() == OperationOutcome.IssueSeverity.WARNING).count();
        long ours = entries.stream().filter(e -> e.profile().isPresent()).count();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics((bundle ? entries.size() + " entries" : "1 resource") + " checked; " + errors
                        + " error(s), " + warnings + " warning(s); " + ours + " checked against mbc-cds profiles"
                        + forced.map(p -> " (" + p.id() + " asked for)").orElse("")
                        + ". Errors mean FHIR or mbc-cds cannot read the data as sent; warnings mean mbc-cds reads it"
                        + " but misses something it uses. Codes of LOINC, SNOMED CT, RxNorm, ICD-10-CM, ATC and HGNC are"
                        + " checked against mbc-cds's ValueSets, not for existence (no terminology server).");
        for (Issue m : general) {
            add(outcome, "Bundle", m);
        }
        for (Entry e : entries) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(e.label() + ": " + e.understood())
                    .addExpression(e.index().map(i -> "Bundle.entry[" + i + "].resource").orElse(e.label()));
            for (Issue m : byEntry.getOrDefault(e.index().orElse(-1), List.of())) {
                add(outcome, e.label(), m);
            }
        }
        return outcome;
    }

    /** FHIR R4 and our profile both report a missing required element; the sender needs to read it once. */
    private static List<Issue> dedupe(List<Issue> issues) {
        Map<String, Issue> unique = new LinkedHashMap<>();
        java.util.Set<String> located = new java.util.HashSet<>();
        for (Issue i : issues) {
            String text = FROM.matcher(i.text()).replaceFirst("");
            unique.putIfAbsent(i.severity() + " " + i.location().orElse("") + " " + text, i);
            i.location().ifPresent(at -> located.add(text));
        }
        // HAPI repeats some findings without a location (an unknown declared profile); the located one suffices.
        return unique.values().stream()
                .filter(i -> i.location().isPresent() || !located.contains(FROM.matcher(i.text()).replaceFirst("")))
                .toList();
    }

    private static void add(OperationOutcome outcome, String label, Issue m) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(m.severity())
                .setCode(m.severity() == OperationOutcome.IssueSeverity.INFORMATION
                        ? OperationOutcome.IssueType.INFORMATIONAL : OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(label + ": " + m.text());
        m.location().ifPresent(issue::addExpression);
    }

    private static OperationOutcome.IssueSeverity severity(SingleValidationMessage m) {
        ResultSeverityEnum s = m.getSeverity();
        return s == ResultSeverityEnum.FATAL ? OperationOutcome.IssueSeverity.FATAL
                : s == ResultSeverityEnum.ERROR ? OperationOutcome.IssueSeverity.ERROR
                : s == ResultSeverityEnum.WARNING ? OperationOutcome.IssueSeverity.WARNING
                : OperationOutcome.IssueSeverity.INFORMATION;
    }

    private FhirValidator validator() {
        FhirValidator v = validator;
        if (v != null) {
            return v;
        }
        synchronized (buildLock) {
            if (validator == null) {
                long start = System.nanoTime();
                validator = ValidatorFactory.build(fhirContext, profilesDir, terminology);
                LOG.infof("FHIR validator built in %d ms (first validation call)", (System.nanoTime() - start) / 1_000_000);
            }
            return validator;
        }
    }
}
