package org.mbccds.terminology;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drug concepts and classes from the drug-* and drug-class-* ValueSets: product and ingredient codes (RxNorm IN,
 * PIN, SCD, SBD, BN...), ATC codes, and names for the free-text fallback.
 */
public final class DrugCatalog {
    static final String DRUG_PREFIX = "drug-";
    static final String CLASS_PREFIX = "drug-class-";
    static final String ORDER_CODING_EXT = "https://mbc-cds.org/fhir/StructureDefinition/order-coding";
    static final String DESIGNATION_USE = "https://mbc-cds.org/fhir/CodeSystem/designation-use";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";

    private record CodeEntry(DrugConcept concept, String caveat) {
    }

    /** Free text is scanned up to here: drug names sit at the start of a display, and the scan costs per character. */
    static final int TEXT_SCAN_LIMIT = 4096;
    /** byText answers for short texts are remembered (the same displays recur in every record); bounded. */
    private static final int TEXT_CACHE_MAX_KEY = 256;
    private static final int TEXT_CACHE_MAX_ENTRIES = 4096;

    private final Map<String, DrugConcept> conceptsById;
    private final Map<Code, List<CodeEntry>> byCode;
    private final Pattern synonymPattern;
    private final Map<String, DrugConcept> bySynonym;
    private final Set<String> classIds;
    private final SystemAliases aliases;
    private final ConcurrentHashMap<String, List<DrugMatch>> byTextCache = new ConcurrentHashMap<>();

    private DrugCatalog(Map<String, DrugConcept> conceptsById, Map<Code, List<CodeEntry>> byCode,
                        Map<String, DrugConcept> bySynonym, Set<String> classIds, SystemAliases aliases) {
        this.conceptsById = Map.copyOf(conceptsById);
        this.byCode = Map.copyOf(byCode);
        this.bySynonym = Map.copyOf(bySynonym);
        this.classIds = Set.copyOf(classIds);
        this.aliases = aliases;
        // Longest synonym first so "trastuzumab deruxtecan" wins over any shorter name.
        List<String> names = new ArrayList<>(bySynonym.keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        this.synonymPattern = names.isEmpty() ? Pattern.compile("(?!)") : Pattern.compile(
                "(?<![\\p{L}\\p{N}])(" + String.join("|", names.stream().map(Pattern::quote).toList())
                        + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static DrugCatalog from(Terminology terminology) {
        Map<String, Set<String>> classesByDrugId = new HashMap<>();
        Set<String> classIds = new HashSet<>();
        for (ValueSet vs : terminology.valueSets()) {
            String id = vs.getIdElement().getIdPart();
            if (id.startsWith(CLASS_PREFIX)) {
                classIds.add(id.substring(CLASS_PREFIX.length()));
                for (String drugId : memberDrugs(terminology, id, new HashSet<>())) {
                    classesByDrugId.computeIfAbsent(drugId, k -> new HashSet<>()).add(id.substring(CLASS_PREFIX.length()));
                }
            }
        }
        Map<String, DrugConcept> concepts = new LinkedHashMap<>();
        Map<Code, List<CodeEntry>> byCode = new HashMap<>();
        Map<String, DrugConcept> bySynonym = new HashMap<>();
        for (ValueSet vs : terminology.valueSets()) {
            String vsId = vs.getIdElement().getIdPart();
            if (!vsId.startsWith(DRUG_PREFIX) || vsId.startsWith(CLASS_PREFIX)) {
                continue;
            }
            String id = vsId.substring(DRUG_PREFIX.length());
            Optional<DrugConcept.OrderCoding> orderCoding = Optional.ofNullable(vs.getExtensionByUrl(ORDER_CODING_EXT))
                    .map(ext -> (Coding) ext.getValue())
                    .map(c -> new DrugConcept.OrderCoding(c.getSystem(), c.getCode(), c.getDisplay()));
            List<String> synonyms = new ArrayList<>();
            for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
                for (ValueSet.ConceptReferenceComponent c : include.getConcept()) {
                    for (ValueSet.ConceptReferenceDesignationComponent d : c.getDesignation()) {
                        if (DESIGNATION_USE.equals(d.getUse().getSystem()) && "synonym".equals(d.getUse().getCode())) {
                            synonyms.add(d.getValue());
                        }
                    }
                }
            }
            String name = orderCoding.map(DrugConcept.OrderCoding::display).orElse(id.replace('-', ' '));
            if (!synonyms.contains(name)) {
                synonyms.add(0, name);
            }
            DrugConcept concept = new DrugConcept(id, name, orderCoding,
                    Set.copyOf(classesByDrugId.getOrDefault(id, Set.of())), List.copyOf(synonyms));
            concepts.put(id, concept);
            for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
                if (!include.hasSystem()) {
                    continue;
                }
                for (ValueSet.ConceptReferenceComponent c : include.getConcept()) {
                    String caveat = c.getDesignation().stream()
                            .filter(d -> DESIGNATION_USE.equals(d.getUse().getSystem()) && "caveat".equals(d.getUse().getCode()))
                            .map(ValueSet.ConceptReferenceDesignationComponent::getValue).findFirst().orElse("");
                    byCode.computeIfAbsent(terminology.aliases().normalise(include.getSystem(), c.getCode()),
                            k -> new ArrayList<>()).add(new CodeEntry(concept, caveat));
                }
            }
            for (String s : synonyms) {
                DrugConcept previous = bySynonym.put(s.toLowerCase(Locale.ROOT), concept);
                if (previous != null && previous != concept) {
                    throw new IllegalStateException("Drug name '" + s + "' is a synonym of both " + previous.id()
                            + " and " + id);
                }
            }
        }
        return new DrugCatalog(concepts, byCode, bySynonym, classIds, terminology.aliases());
    }

    private static Set<String> memberDrugs(Terminology terminology, String vsId, Set<String> seen) {
        Set<String> drugs = new HashSet<>();
        if (!seen.add(vsId)) {
            return drugs;
        }
        ValueSet vs = terminology.valueSets().stream().filter(v -> v.getIdElement().getIdPart().equals(vsId))
                .findFirst().orElseThrow(() -> new IllegalStateException("Unknown drug ValueSet " + vsId));
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            for (var member : include.getValueSet()) {
                String memberId = Terminology.idFromUrl(member.getValue());
                if (memberId.startsWith(CLASS_PREFIX)) {
                    drugs.addAll(memberDrugs(terminology, memberId, seen));
                } else if (memberId.startsWith(DRUG_PREFIX)) {
                    drugs.add(memberId.substring(DRUG_PREFIX.length()));
                } else {
                    throw new IllegalStateException(vsId + " includes " + memberId + ", which is not a drug ValueSet");
                }
            }
        }
        return drugs;
    }

    /** Every concept a coding stands for (a multi-ingredient product stands for several). */
    public List<DrugMatch> byCode(String system, String code) {
        if (system == null || code == null) {
            return List.of();
        }
        Code key = aliases.normalise(system, code);
        List<CodeEntry> entries = byCode.get(key);
        if (entries == null) {
            return List.of();
        }
        DrugMatch.Basis basis = ATC.equals(key.system()) ? DrugMatch.Basis.ATC_CODE : DrugMatch.Basis.RXNORM_CODE;
        return entries.stream().map(e -> new DrugMatch(e.concept(), basis, key.code(),
                e.caveat().startsWith("AMBIGUOUS"), e.caveat())).toList();
    }

    /** Every distinct concept named in free text; the last resort when no code is recognised. */
    public List<DrugMatch> byText(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > TEXT_CACHE_MAX_KEY) {
            return scan(text);
        }
        List<DrugMatch> cached = byTextCache.get(text);
        if (cached == null) {
            cached = scan(text);
            if (byTextCache.size() >= TEXT_CACHE_MAX_ENTRIES) {
                byTextCache.clear();
            }
            byTextCache.put(text, cached);
        }
        return cached;
    }

    private List<DrugMatch> scan(String text) {
        Matcher m = synonymPattern.matcher(text);
        // Transparent bounds: a name cut by the limit does not match as if the text ended there.
        m.region(0, Math.min(text.length(), TEXT_SCAN_LIMIT)).useTransparentBounds(true);
        Map<String, DrugMatch> found = new LinkedHashMap<>();
        while (m.find()) {
            DrugConcept c = bySynonym.get(m.group(1).toLowerCase(Locale.ROOT));
            found.putIfAbsent(c.id(), new DrugMatch(c, DrugMatch.Basis.TEXT, m.group(1), false, ""));
        }
        return List.copyOf(found.values());
    }

    public Optional<DrugConcept> concept(String id) {
        return Optional.ofNullable(conceptsById.get(id));
    }

    public Collection<DrugConcept> concepts() {
        return conceptsById.values();
    }

    /** True when the id is a known drug concept or drug class. */
    public boolean knows(String drugOrClassId) {
        return conceptsById.containsKey(drugOrClassId) || classIds.contains(drugOrClassId);
    }

    public boolean isClass(String id) {
        return classIds.contains(id);
    }
}
