package org.mbccds.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import org.mbccds.clinical.Biomarkers;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.DrugUse;
import org.mbccds.clinical.EndocrineResistance;
import org.mbccds.clinical.Evidence;
import org.mbccds.clinical.Her2Category;
import org.mbccds.clinical.LineOfTherapy;
import org.mbccds.clinical.Menopause;
import org.mbccds.clinical.MetastaticDisease;
import org.mbccds.clinical.ReceptorResult;
import org.mbccds.clinical.ReceptorStatus;
import org.mbccds.clinical.Sex;
import org.mbccds.clinical.Subtype;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.DrugMatch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The vocabulary of {@code when:} in cards/*.yaml. Each key reads one fact of the clinical picture and returns the
 * evidence for it; unknown keys, values and drug names stop the service at start-up with the rule and the reason.
 * The vocabulary is documented in cards/README.md.
 */
final class CriteriaParser {
    private final DrugCatalog drugs;

    CriteriaParser(DrugCatalog drugs) {
        this.drugs = drugs;
    }

    List<Criterion> parse(JsonNode when) {
        if (when == null || when.isMissingNode() || when.isNull()) {
            return List.of();
        }
        if (!when.isObject()) {
            throw new RuleException("'when' must be a map of conditions");
        }
        List<Criterion> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            list.add(one(e.getKey(), e.getValue()));
        }
        return List.copyOf(list);
    }

    private Criterion one(String key, JsonNode v) {
        return switch (key) {
            case "metastatic" -> bool(v, key, f -> f.picture().metastaticBreastCancer(), f -> f.picture().metastatic().evidence());
            case "subtype" -> {
                Set<Subtype> set = enums(v, key, Subtype.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().subtype()), receptorEvidence(f.picture()));
            }
            case "her2" -> {
                Set<Her2Category> set = enums(v, key, Her2Category.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().receptors().her2()), her2Evidence(f.picture()));
            }
            case "her2Latest" -> {
                Set<Her2Category> set = enums(v, key, Her2Category.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().receptors().her2Latest()), her2Evidence(f.picture()));
            }
            case "her2EverPositive" -> bool(v, key, f -> f.picture().receptors().her2EverPositive(), f -> her2Evidence(f.picture()));
            case "her2ZeroOnEverySample" -> bool(v, key, f -> f.picture().receptors().her2ZeroOnEverySample(), f -> her2Evidence(f.picture()));
            case "hormoneReceptors" -> {
                Set<ReceptorResult> set = enums(v, key, ReceptorResult.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().receptors().hormoneReceptors()), hrEvidence(f.picture()));
            }
            case "erLow" -> bool(v, key, f -> f.picture().receptors().erLow(), f -> hrEvidence(f.picture()));
            case "hormoneReceptorsNegativeOnEverySample" -> bool(v, key,
                    f -> f.picture().receptors().hormoneReceptorsNegativeOnEverySample(), f -> hrEvidence(f.picture()));
            case "hormoneReceptorsPositiveOnAnySample" -> bool(v, key,
                    f -> f.picture().receptors().hormoneReceptorsPositiveOnAnySample(), f -> hrEvidence(f.picture()));
            case "nextLine" -> nextLine(v);
            case "endocrineResistance" -> {
                Set<EndocrineResistance> set = enums(v, key, EndocrineResistance.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().therapy().endocrineResistance()),
                        withDerived(f.picture().therapy().evidence(), f.picture().therapy().endocrineResistance().label()));
            }
            case "adjuvantEndocrineRelapseWithin12Months" -> bool(v, key,
                    f -> f.picture().therapy().adjuvantEndocrineRelapseWithin12Months(), f -> f.picture().therapy().evidence());
            case "adjuvantCdk46RelapseWithin12Months" -> bool(v, key,
                    f -> f.picture().therapy().adjuvantCdk46RelapseWithin12Months(), f -> f.picture().therapy().evidence());
            case "antiHer2RelapseWithin6Months" -> bool(v, key,
                    f -> f.picture().therapy().antiHer2RelapseWithin6Months(), f -> f.picture().therapy().evidence());
            case "deNovo" -> bool(v, key, f -> f.picture().therapy().deNovo(), f -> f.picture().metastatic().evidence());
            case "biomarker" -> biomarker(v);
            case "pdl1Cps" -> pdl1(v);
            case "exposedTo" -> drugSet(v, key, true, (f, id) -> f.picture().therapy().exposedTo(id), "used before");
            case "notExposedTo" -> drugSet(v, key, false, (f, id) -> f.picture().therapy().exposedTo(id), "not used before");
            case "progressedOn" -> drugSet(v, key, true, (f, id) -> f.picture().therapy().progressedOn(id), "progression on");
            case "notProgressedOn" -> drugSet(v, key, false, (f, id) -> f.picture().therapy().progressedOn(id), "no progression on");
            case "onNow" -> drugSet(v, key, true, (f, id) -> f.picture().therapy().onNow(id), "in use");
            case "notOnNow" -> drugSet(v, key, false, (f, id) -> f.picture().therapy().onNow(id), "not in use");
            case "treatAsPremenopausal" -> bool(v, key, f -> f.picture().menopause().treatAsPremenopausal(),
                    f -> f.picture().menopause().evidence());
            case "ovarianSuppression" -> bool(v, key, f -> f.picture().menopause().ovarianSuppression(),
                    f -> f.picture().menopause().evidence());
            case "menopause" -> {
                Set<Menopause.Status> set = enums(v, key, Menopause.Status.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().menopause().status()), f.picture().menopause().evidence());
            }
            case "sex" -> {
                Set<Sex> set = enums(v, key, Sex.class);
                yield f -> Criterion.holdsIf(set.contains(f.picture().sex()),
                        List.of(Evidence.derived("Sex: " + f.picture().sex().name().toLowerCase())));
            }
            case "metastaticSite" -> {
                Set<MetastaticDisease.Site> set = enums(v, key, MetastaticDisease.Site.class);
                yield f -> {
                    List<Evidence> ev = f.picture().metastatic().evidence().stream()
                            .filter(e -> set.stream().anyMatch(s -> f.picture().metastatic().sites().contains(s))).toList();
                    return Criterion.holdsIf(f.picture().metastatic().sites().stream().anyMatch(set::contains), ev);
                };
            }
            case "visceralMetastases" -> bool(v, key, f -> f.picture().metastatic().sites().stream()
                    .anyMatch(MetastaticDisease.Site::visceral), f -> f.picture().metastatic().evidence());
            case "orderedDrug" -> {
                List<String> ids = drugIds(v, key);
                yield f -> Criterion.holdsIf(f.orderedDrug().filter(d -> ids.stream().anyMatch(d::is)).isPresent(), List.of());
            }
            case "orderedDrugProgressedOn" -> bool(v, key,
                    f -> f.orderedDrug().filter(d -> f.picture().therapy().progressedOn(d.id())).isPresent(),
                    f -> progressionEvidence(f));
            case "orderedWith" -> orderedWith(v, key);
            case "notOrderedWith" -> {
                Criterion with = orderedWith(v, key);
                yield f -> with.test(f).isPresent() ? Optional.empty() : Criterion.holds(List.of());
            }
            case "observationsRead" -> bool(v, key, f -> f.picture().observationsRead(),
                    f -> List.of(Evidence.derived(f.picture().observationsRead() ? "All requested Observations were read"
                            : "Some Observations could not be read")));
            case "anyOf" -> anyOf(v);
            default -> throw new RuleException("unknown condition '" + key + "'");
        };
    }

    private Criterion bool(JsonNode v, String key, Function<Facts, Boolean> fact, Function<Facts, List<Evidence>> evidence) {
        if (!v.isBoolean()) {
            throw new RuleException("'" + key + "' takes true or false");
        }
        boolean expected = v.asBoolean();
        return f -> Criterion.holdsIf(fact.apply(f) == expected, evidence.apply(f));
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode v, String key, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        List<JsonNode> values = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(values::add);
        } else {
            values.add(v);
        }
        for (JsonNode n : values) {
            try {
                set.add(Enum.valueOf(type, n.asText()));
            } catch (IllegalArgumentException e) {
                throw new RuleException("'" + key + "': unknown value '" + n.asText() + "' (allowed: "
                        + EnumSet.allOf(type).stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (set.isEmpty()) {
            throw new RuleException("'" + key + "' needs at least one value");
        }
        return set;
    }

    private List<String> drugIds(JsonNode v, String key) {
        List<String> ids = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(n -> ids.add(n.asText()));
        } else {
            ids.add(v.asText());
        }
        for (String id : ids) {
            if (!drugs.knows(id)) {
                throw new RuleException("'" + key + "': '" + id + "' is neither a drug nor a drug class of fhir-profiles");
            }
        }
        return List.copyOf(ids);
    }

    private interface DrugFact {
        boolean test(Facts f, String id);
    }

    private Criterion drugSet(JsonNode v, String key, boolean any, DrugFact fact, String label) {
        List<String> ids = drugIds(v, key);
        return f -> {
            List<String> hits = ids.stream().filter(id -> fact.test(f, id)).toList();
            boolean holds = any ? !hits.isEmpty() : hits.isEmpty();
            List<Evidence> ev = any ? usesOf(f.picture(), hits, label) : List.of();
            return Criterion.holdsIf(holds, ev);
        };
    }

    static List<Evidence> usesOf(ClinicalPicture p, List<String> ids, String label) {
        List<Evidence> ev = new ArrayList<>();
        for (LineOfTherapy line : p.therapy().lines()) {
            if (line.drugs().stream().anyMatch(d -> ids.stream().anyMatch(d.drug()::is))) {
                ev.add(Evidence.derived(label + " line " + line.number() + ": " + line.regimen()
                        + line.start().map(s -> " from " + s).orElse("")));
                line.progression().ifPresent(pr -> ev.addAll(pr.evidence()));
            }
        }
        for (DrugUse u : p.therapy().uses()) {
            if (u.setting() == DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT && ids.stream().anyMatch(u.drug()::is)) {
                ev.add(u.evidence().get(0));
            }
        }
        return ev;
    }

    private static List<Evidence> progressionEvidence(Facts f) {
        return f.orderedDrug().map(d -> usesOf(f.picture(), List.of(d.id()), "progression on")).orElse(List.of());
    }

    private Criterion nextLine(JsonNode v) {
        int min;
        int max;
        if (v.isInt()) {
            min = max = v.asInt();
        } else if (v.isObject()) {
            min = v.path("min").asInt(1);
            max = v.path("max").asInt(Integer.MAX_VALUE);
        } else {
            throw new RuleException("'nextLine' takes a number or {min, max}");
        }
        return f -> {
            int line = f.picture().therapy().nextLine();
            return Criterion.holdsIf(line >= min && line <= max, List.of(Evidence.derived("Next line: " + line
                    + " (" + f.picture().therapy().lines().size() + " metastatic line(s) recorded, confidence "
                    + f.picture().therapy().lineConfidence().name().toLowerCase() + ")")));
        };
    }

    private Criterion biomarker(JsonNode v) {
        if (!v.isObject() || v.isEmpty()) {
            throw new RuleException("'biomarker' takes a map like {PIK3CA: [DETECTED]}");
        }
        List<Criterion> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Biomarkers.Marker marker;
            try {
                marker = Biomarkers.Marker.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new RuleException("'biomarker': unknown marker '" + e.getKey() + "'");
            }
            Set<Biomarkers.Status> set = enums(e.getValue(), "biomarker." + e.getKey(), Biomarkers.Status.class);
            parts.add(f -> {
                Biomarkers.Status s = f.picture().biomarkers().of(marker);
                List<Evidence> ev = f.picture().biomarkers().evidenceFor(marker);
                return Criterion.holdsIf(set.contains(s), ev.isEmpty()
                        ? List.of(Evidence.derived(marker + ": no result in the record")) : ev);
            });
        }
        return all(parts);
    }

    private Criterion pdl1(JsonNode v) {
        if (v.isTextual() && v.asText().equals("UNKNOWN")) {
            return f -> Criterion.holdsIf(f.picture().biomarkers().pdl1Cps().isEmpty(),
                    List.of(Evidence.derived("PD-L1 CPS: no result in the record")));
        }
        if (!v.isObject() || !(v.has("min") || v.has("below"))) {
            throw new RuleException("'pdl1Cps' takes {min: n}, {below: n} or UNKNOWN");
        }
        Optional<Double> min = v.has("min") ? Optional.of(v.get("min").asDouble()) : Optional.empty();
        Optional<Double> below = v.has("below") ? Optional.of(v.get("below").asDouble()) : Optional.empty();
        return f -> {
            Optional<Double> cps = f.picture().biomarkers().pdl1Cps();
            boolean holds = cps.isPresent() && min.map(m -> cps.get() >= m).orElse(true)
                    && below.map(b -> cps.get() < b).orElse(true);
            return Criterion.holdsIf(holds, f.picture().biomarkers().pdl1Evidence());
        };
    }

    /** Another drug of these classes is in use now or on the same set of draft orders (concurrent use). */
    private Criterion orderedWith(JsonNode v, String key) {
        List<String> ids = drugIds(v, key);
        return f -> {
            List<Evidence> ev = new ArrayList<>();
            for (DrugUse u : f.picture().therapy().uses()) {
                if (u.active() && ids.stream().anyMatch(u.drug()::is) && f.orderedDrug().filter(d -> d.id().equals(u.drug().id())).isEmpty()) {
                    ev.add(u.evidence().get(0));
                }
            }
            for (var o : f.picture().orders()) {
                for (DrugMatch m : o.drugs()) {
                    boolean sameDrug = f.orderedDrug().filter(d -> d.id().equals(m.concept().id())).isPresent()
                            && f.order().filter(x -> x.reference().equals(o.reference())).isPresent();
                    if (!sameDrug && ids.stream().anyMatch(m.concept()::is)) {
                        ev.add(Evidence.of(m.concept().name() + " on the same draft orders", o.reference(), Optional.empty(), m.describe()));
                    }
                }
            }
            return Criterion.holdsIf(!ev.isEmpty(), ev);
        };
    }

    private Criterion anyOf(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            throw new RuleException("'anyOf' takes a list of condition maps");
        }
        List<List<Criterion>> groups = new ArrayList<>();
        v.forEach(g -> groups.add(parse(g)));
        return f -> {
            for (List<Criterion> g : groups) {
                Optional<List<Evidence>> r = all(g).test(f);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        };
    }

    static Criterion all(List<Criterion> parts) {
        return f -> {
            List<Evidence> ev = new ArrayList<>();
            for (Criterion c : parts) {
                Optional<List<Evidence>> r = c.test(f);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                r.get().forEach(e -> {
                    if (!ev.contains(e)) {
                        ev.add(e);
                    }
                });
            }
            return Optional.of(ev);
        };
    }

    private static List<Evidence> withDerived(List<Evidence> ev, String statement) {
        List<Evidence> list = new ArrayList<>();
        list.add(Evidence.derived(statement));
        list.addAll(ev);
        return list;
    }

    static List<Evidence> hrEvidence(ClinicalPicture p) {
        List<Evidence> ev = new ArrayList<>();
        p.receptors().latestEr().map(ReceptorStatus.Finding::evidence).ifPresent(ev::add);
        p.receptors().latestPr().map(ReceptorStatus.Finding::evidence).ifPresent(ev::add);
        if (ev.isEmpty()) {
            ev.add(Evidence.derived("ER/PR: no result in the record"));
        }
        return ev;
    }

    static List<Evidence> her2Evidence(ClinicalPicture p) {
        List<Evidence> ev = p.receptors().her2History().stream().map(ReceptorStatus.Her2Finding::evidence).toList();
        return ev.isEmpty() ? List.of(Evidence.derived("HER2: no result in the record")) : ev;
    }

    static List<Evidence> receptorEvidence(ClinicalPicture p) {
        List<Evidence> ev = new ArrayList<>(hrEvidence(p));
        p.receptors().latestHer2().map(ReceptorStatus.Her2Finding::evidence).ifPresent(ev::add);
        return ev;
    }
}
