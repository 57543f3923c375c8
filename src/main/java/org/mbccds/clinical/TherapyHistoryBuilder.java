package org.mbccds.clinical;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.DrugConcept;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Infers lines of therapy, progression and endocrine sensitivity from the medication record (therapy-rules §F2,
 * §B0). Every inference keeps its evidence and a confidence, and the limits of §F3 are said on the cards.
 */
final class TherapyHistoryBuilder {
    private static final String ENDOCRINE = "endocrine-therapy";
    private static final String CDK46 = "cdk46-inhibitor";
    private static final List<String> ANTI_HER2 = List.of("anti-her2-antibody", "her2-tki", "her2-adc");

    private final ClinicalDefinitions defs;
    private final MedicationReader medications;
    private final CodeMatcher diseaseStatus, progressionValue, distant;

    TherapyHistoryBuilder(Terminology t, ClinicalDefinitions defs, MedicationReader medications) {
        this.defs = defs;
        this.medications = medications;
        diseaseStatus = t.matcher("disease-status-observation");
        progressionValue = t.matcher("progression-value");
        distant = t.matcher("metastatic-distant-condition");
    }

    TherapyHistory build(PatientRecord record, MetastaticDisease mets, Optional<LocalDate> primaryDate) {
        List<DomainResource> sources = new ArrayList<>();
        sources.addAll(record.medicationStatements());
        sources.addAll(record.medicationRequests());
        sources.addAll(record.medicationAdministrations());
        List<DrugUse> raw = new ArrayList<>();
        sources.forEach(r -> raw.addAll(medications.uses(r, record)));
        Optional<LocalDate> metDate = mets.since();
        List<DrugUse> uses = merge(raw).stream().map(u -> u.withSetting(setting(u, metDate))).toList();
        List<String> notes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();

        List<Worsening> worsenings = worsenings(record);
        List<LineOfTherapy> lines = lines(uses, worsenings, notes);
        Confidence confidence = metDate.isEmpty() ? Confidence.LOW : lines.isEmpty() ? Confidence.HIGH : Confidence.MEDIUM;
        if (metDate.isEmpty() && !uses.isEmpty()) {
            notes.add("The date of metastatic diagnosis is not recorded, so (neo)adjuvant and metastatic treatment cannot"
                    + " be told apart: all recorded treatment was counted as metastatic. Please confirm the line.");
        }
        long undated = uses.stream().filter(u -> u.start().isEmpty()).count();
        if (undated > 0) {
            notes.add(undated + " medication record(s) have no date and were not placed on the timeline.");
        }

        boolean deNovo = metDate.isPresent() && primaryDate.isPresent()
                && ChronoUnit.DAYS.between(primaryDate.get(), metDate.get()) <= defs.deNovoToleranceDays();
        List<DrugUse> adjuvant = uses.stream().filter(u -> u.setting() == DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT).toList();
        boolean etRelapse12 = relapseWithin(adjuvant, ENDOCRINE, metDate, defs.adjuvantEndocrineRelapseMonths(), evidence,
                "Relapse on or within %d months of adjuvant endocrine therapy");
        boolean cdkRelapse12 = relapseWithin(adjuvant, CDK46, metDate, defs.adjuvantEndocrineRelapseMonths(), evidence,
                "Relapse on or within %d months of adjuvant CDK4/6 inhibitor");
        boolean her2Relapse6 = ANTI_HER2.stream().anyMatch(c -> relapseWithin(adjuvant, c, metDate,
                defs.adjuvantAntiHer2RelapseMonths(), evidence, "Relapse on or within %d months of (neo)adjuvant anti-HER2 therapy"));
        EndocrineResistance resistance = endocrineResistance(adjuvant, lines, metDate, evidence);

        Set<String> exposed = new HashSet<>();
        Set<String> active = new HashSet<>();
        for (DrugUse u : uses) {
            exposed.add(u.drug().id());
            exposed.addAll(u.drug().classes());
            if (u.active()) {
                active.add(u.drug().id());
                active.addAll(u.drug().classes());
            }
        }
        Set<String> progressed = new HashSet<>();
        for (LineOfTherapy l : lines) {
            if (l.progression().isPresent()) {
                l.drugs().forEach(d -> {
                    progressed.add(d.drug().id());
                    progressed.addAll(d.drug().classes());
                });
            }
        }
        return new TherapyHistory(uses, lines, lines.size() + 1, confidence, resistance, etRelapse12, cdkRelapse12,
                her2Relapse6, deNovo, Set.copyOf(exposed), Set.copyOf(progressed), Set.copyOf(active),
                List.copyOf(evidence), List.copyOf(notes));
    }

    /** One drug given again within the regimen window is one use; an MR and its MAs are one use. */
    private List<DrugUse> merge(List<DrugUse> raw) {
        Map<String, List<DrugUse>> byDrug = new LinkedHashMap<>();
        raw.forEach(u -> byDrug.computeIfAbsent(u.drug().id(), k -> new ArrayList<>()).add(u));
        List<DrugUse> merged = new ArrayList<>();
        for (List<DrugUse> list : byDrug.values()) {
            list.sort(Comparator.comparing(u -> u.start().orElse(LocalDate.MAX)));
            DrugUse current = null;
            for (DrugUse u : list) {
                if (current != null && u.start().isPresent() && current.start().isPresent()
                        && (current.active() || !u.start().get().isAfter(current.lastKnownDate().orElseThrow()
                        .plusDays(defs.regimenWindowDays())))) {
                    current = combine(current, u);
                } else {
                    if (current != null) {
                        merged.add(current);
                    }
                    current = u;
                }
            }
            merged.add(current);
        }
        merged.sort(Comparator.comparing(u -> u.start().orElse(LocalDate.MAX)));
        return merged;
    }

    private static DrugUse combine(DrugUse a, DrugUse b) {
        boolean active = a.active() || b.active();
        Optional<LocalDate> end = active ? Optional.empty() : max(a.lastKnownDate(), b.lastKnownDate());
        DrugUse.StopReason reason = b.stopReason() != DrugUse.StopReason.NOT_RECORDED ? b.stopReason() : a.stopReason();
        List<Evidence> ev = new ArrayList<>(a.evidence());
        ev.addAll(b.evidence());
        return new DrugUse(a.drug(), a.start(), end, active, reason, a.curativeIntent() || b.curativeIntent(),
                a.setting(), List.copyOf(ev));
    }

    private DrugUse.Setting setting(DrugUse u, Optional<LocalDate> metDate) {
        if (u.curativeIntent()) {
            return DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT;
        }
        if (metDate.isEmpty() || u.start().isEmpty()) {
            return DrugUse.Setting.UNDETERMINED;
        }
        return u.start().get().isBefore(metDate.get().minusDays(defs.deNovoToleranceDays()))
                ? DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT : DrugUse.Setting.METASTATIC;
    }

    private record Worsening(LocalDate date, Evidence evidence) {
    }

    /** Disease status "worsened" and new distant-metastasis conditions, the two high-confidence signs of F-6. */
    private List<Worsening> worsenings(PatientRecord record) {
        List<Worsening> list = new ArrayList<>();
        for (Observation o : record.observations()) {
            if (FhirValues.valid(o) && FhirValues.has(o.getCode(), diseaseStatus) && o.hasValueCodeableConcept()
                    && FhirValues.has(o.getValueCodeableConcept(), progressionValue)) {
                FhirValues.date(o).ifPresent(d -> list.add(new Worsening(d, Evidence.of("Disease status: worsened",
                        PatientRecord.refOf(o), Optional.of(d), FhirValues.label(o.getCode().getCodingFirstRep()) + " = "
                        + FhirValues.codes(o.getValueCodeableConcept())))));
            }
        }
        for (Condition c : record.conditions()) {
            if (FhirValues.valid(c) && FhirValues.has(c.getCode(), distant)) {
                FhirValues.date(c).ifPresent(d -> list.add(new Worsening(d, Evidence.of("New metastatic site: "
                        + MetastaticReader.display(c.getCode()), PatientRecord.refOf(c), Optional.of(d), FhirValues.codes(c.getCode())))));
            }
        }
        list.sort(Comparator.comparing(Worsening::date));
        return list;
    }

    private String lineClass(DrugConcept d) {
        return defs.lineGroupingClasses().stream().filter(d::inClass).findFirst().orElse(d.id());
    }

    private boolean countsAsLine(DrugUse u) {
        return u.setting() != DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT && u.start().isPresent()
                && u.drug().classes().stream().noneMatch(defs.notALine()::contains);
    }

    private List<LineOfTherapy> lines(List<DrugUse> uses, List<Worsening> worsenings, List<String> notes) {
        List<List<DrugUse>> groups = new ArrayList<>();
        List<DrugUse> current = null;
        Set<String> currentClasses = new HashSet<>();
        for (DrugUse u : uses) {
            if (!countsAsLine(u)) {
                continue;
            }
            boolean sameRegimen = current != null && !u.start().get().isAfter(current.get(0).start().get()
                    .plusDays(defs.regimenWindowDays()));
            boolean swap = current != null && currentClasses.contains(lineClass(u.drug()))
                    && progression(current, worsenings, Optional.empty()).isEmpty();
            if (sameRegimen || swap) {
                if (swap && !sameRegimen) {
                    boolean restart = current.stream().anyMatch(c -> c.drug().id().equals(u.drug().id()));
                    notes.add(u.drug().name() + (restart ? " restarted " : " started ") + u.start().get()
                            + (restart ? " was counted as the same line" : " was counted in the same line as "
                            + current.get(0).drug().name() + " (same drug class)")
                            + ": no evidence of progression before it (therapy-rules §F2 F-4).");
                }
                current.add(u);
                currentClasses.add(lineClass(u.drug()));
            } else {
                current = new ArrayList<>(List.of(u));
                currentClasses = new HashSet<>(Set.of(lineClass(u.drug())));
                groups.add(current);
            }
        }
        List<LineOfTherapy> lines = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<DrugUse> g = groups.get(i);
            Optional<DrugUse> nextStart = i + 1 < groups.size() ? Optional.of(groups.get(i + 1).get(0)) : Optional.empty();
            boolean ongoing = g.stream().anyMatch(DrugUse::active) && nextStart.isEmpty();
            Optional<LocalDate> end = ongoing ? Optional.empty()
                    : g.stream().map(DrugUse::lastKnownDate).flatMap(Optional::stream).max(LocalDate::compareTo);
            lines.add(new LineOfTherapy(i + 1, List.copyOf(g), g.get(0).start(), end, ongoing,
                    progression(g, worsenings, nextStart)));
        }
        return lines;
    }

    /** F-6 (a)-(d), with F-7's reasons that are not progression. */
    private Optional<LineOfTherapy.Progression> progression(List<DrugUse> line, List<Worsening> worsenings,
                                                            Optional<DrugUse> next) {
        for (DrugUse d : line) {
            if (d.stopReason() == DrugUse.StopReason.PROGRESSION) {
                return Optional.of(new LineOfTherapy.Progression(Confidence.HIGH, d.end(), List.of(Evidence.of(
                        d.drug().name() + " stopped for no response / progression", d.evidence().get(d.evidence().size() - 1).source(),
                        d.end(), "statusReason")).stream().toList()));
            }
        }
        LocalDate start = line.get(0).start().orElseThrow();
        boolean active = line.stream().anyMatch(DrugUse::active) && next.isEmpty();
        Optional<LocalDate> stop = active ? Optional.empty()
                : line.stream().map(DrugUse::lastKnownDate).flatMap(Optional::stream).max(LocalDate::compareTo);
        for (Worsening w : worsenings) {
            boolean afterStart = w.date().isAfter(start.plusDays(1));
            boolean inWindow = active ? afterStart : stop.isPresent() && afterStart
                    && !w.date().isBefore(stop.get().minusDays(defs.progressionDaysBeforeStop()))
                    && !w.date().isAfter(stop.get().plusDays(defs.progressionDaysAfterStop()));
            if (inWindow) {
                return Optional.of(new LineOfTherapy.Progression(Confidence.HIGH, Optional.of(w.date()), List.of(w.evidence())));
            }
        }
        if (next.isEmpty() || active) {
            return Optional.empty();
        }
        boolean notProgressionReason = line.stream().allMatch(d -> d.stopReason() == DrugUse.StopReason.TOXICITY
                || d.stopReason() == DrugUse.StopReason.COMPLETED || d.stopReason() == DrugUse.StopReason.PATIENT_OR_ACCESS);
        if (notProgressionReason) {
            return Optional.empty();
        }
        LocalDate nextStart = next.get().start().orElseThrow();
        boolean stopRecorded = line.stream().anyMatch(d -> d.end().isPresent());
        if (stopRecorded && stop.isPresent()
                && ChronoUnit.DAYS.between(stop.get(), nextStart) > defs.presumedProgressionDays()) {
            return Optional.empty();
        }
        Confidence c = stopRecorded ? Confidence.MEDIUM : Confidence.LOW;
        return Optional.of(new LineOfTherapy.Progression(c, stop, List.of(Evidence.derived("Presumed progression: "
                + "stopped without a recorded reason and " + next.get().drug().name() + " started " + nextStart
                + (stopRecorded ? "" : " (stop date not recorded)")))));
    }

    private boolean relapseWithin(List<DrugUse> adjuvant, String drugClass, Optional<LocalDate> metDate, int months,
                                  List<Evidence> evidence, String label) {
        if (metDate.isEmpty()) {
            return false;
        }
        for (DrugUse u : adjuvant) {
            if (!u.drug().inClass(drugClass)) {
                continue;
            }
            boolean onDrug = u.active() || u.end().isEmpty() || !u.end().get().isBefore(metDate.get());
            boolean within = u.end().isPresent() && !u.end().get().plusMonths(months).isBefore(metDate.get());
            if (onDrug || within) {
                evidence.add(Evidence.of(String.format(label, months) + ": " + u.drug().name(),
                        u.evidence().get(0).source(), u.end(), "metastatic date " + metDate.get()));
                return true;
            }
        }
        return false;
    }

    private EndocrineResistance endocrineResistance(List<DrugUse> adjuvant, List<LineOfTherapy> lines,
                                                    Optional<LocalDate> metDate, List<Evidence> evidence) {
        List<DrugUse> adjuvantEt = adjuvant.stream().filter(u -> u.drug().inClass(ENDOCRINE)).toList();
        if (!adjuvantEt.isEmpty() && metDate.isPresent()) {
            LocalDate met = metDate.get();
            LocalDate firstStart = adjuvantEt.stream().map(DrugUse::start).flatMap(Optional::stream).min(LocalDate::compareTo).orElse(met);
            Optional<LocalDate> lastEnd = adjuvantEt.stream().anyMatch(u -> u.active() || u.end().isEmpty()) ? Optional.empty()
                    : adjuvantEt.stream().map(DrugUse::end).flatMap(Optional::stream).max(LocalDate::compareTo);
            boolean onEt = lastEnd.isEmpty() || !lastEnd.get().isBefore(met);
            if (onEt) {
                boolean early = firstStart.plusYears(defs.primaryResistanceYearsOnAdjuvant()).isAfter(met);
                evidence.add(Evidence.derived("Relapse during adjuvant endocrine therapy (started " + firstStart + ")"));
                return early ? EndocrineResistance.PRIMARY : EndocrineResistance.SECONDARY;
            }
            if (!lastEnd.get().plusMonths(defs.adjuvantEndocrineRelapseMonths()).isBefore(met)) {
                evidence.add(Evidence.derived("Relapse within " + defs.adjuvantEndocrineRelapseMonths()
                        + " months of completing adjuvant endocrine therapy (" + lastEnd.get() + ")"));
                return EndocrineResistance.SECONDARY;
            }
        }
        Optional<LineOfTherapy> firstEtLine = lines.stream()
                .filter(l -> l.drugs().stream().anyMatch(d -> d.drug().inClass(ENDOCRINE))).findFirst();
        if (firstEtLine.isPresent() && firstEtLine.get().progression().isPresent()) {
            LineOfTherapy l = firstEtLine.get();
            Optional<LocalDate> pd = l.progression().get().date().or(l::end);
            if (pd.isPresent() && l.start().isPresent()) {
                boolean early = l.start().get().plusMonths(defs.primaryResistanceMonthsOnFirstLine()).isAfter(pd.get());
                evidence.add(Evidence.derived("Progression on endocrine therapy for metastatic disease ("
                        + l.regimen() + ", " + l.start().get() + " to " + pd.get() + ")"));
                return early ? EndocrineResistance.PRIMARY : EndocrineResistance.SECONDARY;
            }
            return EndocrineResistance.UNDETERMINED;
        }
        if (metDate.isEmpty() && lines.stream().anyMatch(l -> l.drugs().stream().anyMatch(d -> d.drug().inClass(ENDOCRINE)))) {
            return EndocrineResistance.UNDETERMINED;
        }
        return EndocrineResistance.SENSITIVE;
    }

    private static Optional<LocalDate> max(Optional<LocalDate> a, Optional<LocalDate> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
