package org.mbccds.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.ValueSet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The codes the service recognises, loaded once from the FHIR ValueSets and NamingSystems in fhir-profiles/.
 * Java code asks for a ValueSet by id; which codes are in it is data, reviewed with the clinical content.
 */
public final class Terminology {
    public static final String VALUESET_BASE = "https://mbc-cds.org/fhir/ValueSet/";

    private final Map<String, ValueSet> valueSetsById;
    private final Map<String, CodeMatcher> matchers;
    private final SystemAliases aliases;

    private Terminology(Map<String, ValueSet> valueSetsById, SystemAliases aliases) {
        this.valueSetsById = Map.copyOf(valueSetsById);
        this.aliases = aliases;
        Map<String, CodeMatcher> built = new HashMap<>();
        for (String id : valueSetsById.keySet()) {
            built.put(id, expand(id));
        }
        this.matchers = Map.copyOf(built);
    }

    /** Loads every NamingSystem-*.json and ValueSet-*.json below {@code dir}; fails with the file name on bad data. */
    public static Terminology load(Path dir, FhirContext fhirContext) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FHIR profiles directory not found: " + dir.toAbsolutePath()
                    + " (set mbc.knowledge.profiles-dir)");
        }
        IParser parser = fhirContext.newJsonParser();
        Map<String, String> canonicalBySystem = new HashMap<>();
        Map<String, ValueSet> valueSets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("NamingSystem-") && name.endsWith(".json")) {
                    readNamingSystem(parse(parser, file, NamingSystem.class), canonicalBySystem);
                } else if (name.startsWith("ValueSet-") && name.endsWith(".json")) {
                    ValueSet vs = parse(parser, file, ValueSet.class);
                    String id = vs.getIdElement().getIdPart();
                    if (id == null || valueSets.put(id, vs) != null) {
                        throw new IllegalStateException("ValueSet without id or with a duplicate id in " + file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FHIR profiles from " + dir, e);
        }
        return new Terminology(valueSets, new SystemAliases(canonicalBySystem));
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(IParser parser, Path file, Class<T> type) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parser.parseResource(type, reader);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Invalid " + type.getSimpleName() + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readNamingSystem(NamingSystem ns, Map<String, String> canonicalBySystem) {
        String preferred = ns.getUniqueId().stream()
                .filter(u -> u.getType() == NamingSystem.NamingSystemIdentifierType.URI && u.getPreferred())
                .map(NamingSystem.NamingSystemUniqueIdComponent::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("NamingSystem " + ns.getName() + " has no preferred uri"));
        for (NamingSystem.NamingSystemUniqueIdComponent u : ns.getUniqueId()) {
            String value = u.getValue();
            if (u.getType() == NamingSystem.NamingSystemIdentifierType.OID) {
                canonicalBySystem.put("urn:oid:" + value, preferred);
            }
            canonicalBySystem.put(value, preferred);
        }
    }

    public CodeMatcher matcher(String valueSetId) {
        CodeMatcher m = matchers.get(valueSetId);
        if (m == null) {
            throw new IllegalStateException("Unknown ValueSet id '" + valueSetId + "' (no ValueSet-" + valueSetId
                    + ".json in fhir-profiles)");
        }
        return m;
    }

    public boolean has(String valueSetId) {
        return matchers.containsKey(valueSetId);
    }

    public SystemAliases aliases() {
        return aliases;
    }

    public Collection<ValueSet> valueSets() {
        return valueSetsById.values();
    }

    static String idFromUrl(String url) {
        return url.startsWith(VALUESET_BASE) ? url.substring(VALUESET_BASE.length()) : url;
    }

    private CodeMatcher expand(String id) {
        Set<Code> codes = new HashSet<>();
        List<CodeMatcher.RegexFilter> filters = new ArrayList<>();
        Set<Code> excluded = new HashSet<>();
        collect(id, codes, filters, excluded, new HashSet<>());
        return new CodeMatcher(id, codes, filters, excluded, aliases);
    }

    private void collect(String id, Set<Code> codes, List<CodeMatcher.RegexFilter> filters, Set<Code> excluded,
                         Set<String> visiting) {
        if (!visiting.add(id)) {
            throw new IllegalStateException("ValueSet include cycle through " + id);
        }
        ValueSet vs = valueSetsById.get(id);
        if (vs == null) {
            throw new IllegalStateException("ValueSet includes unknown ValueSet " + id);
        }
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            for (var included : include.getValueSet()) {
                collect(idFromUrl(included.getValue()), codes, filters, excluded, visiting);
            }
            if (!include.hasSystem()) {
                continue;
            }
            for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                codes.add(aliases.normalise(include.getSystem(), concept.getCode()));
            }
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                if (!"regex".equals(filter.getOp().toCode())) {
                    throw new IllegalStateException("ValueSet " + id + ": only regex filters are supported");
                }
                filters.add(new CodeMatcher.RegexFilter(aliases.canonical(include.getSystem()),
                        Pattern.compile(filter.getValue())));
            }
        }
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            for (ValueSet.ConceptReferenceComponent concept : exclude.getConcept()) {
                excluded.add(aliases.normalise(exclude.getSystem(), concept.getCode()));
            }
        }
        visiting.remove(id);
    }
}
