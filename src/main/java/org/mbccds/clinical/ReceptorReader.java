package org.mbccds.clinical;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds {@link ReceptorStatus} from tumour-marker Observations, falling back to coded receptor-status Conditions. */
final class ReceptorReader {
    private static final Pattern IHC_SCORE_TEXT = Pattern.compile("(?<![\\d.])([0-3])\\s*(\\+|plus\\b)|\\bihc\\s*(?:score\\s*)?([0-3])\\b");
    private static final Pattern ULTRALOW_TEXT = Pattern.compile("ultra-?low|faint|barely perceptible|incomplete membrane|with membrane staining");
    private static final Pattern NULL_TEXT = Pattern.compile("no (membrane )?staining|without (membrane )?staining|her2-?null|her2-?0\\b|absent staining");
    private static final Pattern RATIO_TEXT = Pattern.compile("(greater|more|less|lower) than\\s*([0-9.]+)|([<>]=?)\\s*([0-9.]+)|^\\s*([0-9.]+)\\s*$");

    private static final Comparator<Optional<LocalDate>> BY_DATE =
            Comparator.comparing(d -> d.orElse(LocalDate.MIN));

    private final ClinicalDefinitions defs;
    private final ResultValues results;
    private final CodeMatcher erTest, erPercent, prTest, prPercent, hrCombined, tripleNegativeMarker;
    private final CodeMatcher her2Ihc, her2Interpretation, her2Ish, her2IshRatio;
    private final CodeMatcher ihc0, ihc1, ihc2, ihc3;
    private final CodeMatcher hrPosCond, erPosCond, erNegCond, prPosCond, prNegCond, her2PosCond, her2NegCond;
    private final CodeMatcher hrPosHer2PosCond, hrPosHer2NegCond, hrNegHer2PosCond, tripleNegCond;

    ReceptorReader(Terminology t, ClinicalDefinitions defs, ResultValues results) {
        this.defs = defs;
        this.results = results;
        erTest = t.matcher("er-test");
        erPercent = t.matcher("er-percent-test");
        prTest = t.matcher("pr-test");
        prPercent = t.matcher("pr-percent-test");
        hrCombined = t.matcher("hr-combined-test");
        tripleNegativeMarker = t.matcher("triple-negative-marker-test");
        her2Ihc = t.matcher("her2-ihc-test");
        her2Interpretation = t.matcher("her2-interpretation-test");
        her2Ish = t.matcher("her2-ish-test");
        her2IshRatio = t.matcher("her2-ish-ratio-test");
        ihc0 = t.matcher("her2-ihc-0");
        ihc1 = t.matcher("her2-ihc-1plus");
        ihc2 = t.matcher("her2-ihc-2plus");
        ihc3 = t.matcher("her2-ihc-3plus");
        hrPosCond = t.matcher("hr-positive-condition");
        erPosCond = t.matcher("er-positive-condition");
        erNegCond = t.matcher("er-negative-condition");
        prPosCond = t.matcher("pr-positive-condition");
        prNegCond = t.matcher("pr-negative-condition");
        her2PosCond = t.matcher("her2-positive-condition");
        her2NegCond = t.matcher("her2-negative-condition");
        hrPosHer2PosCond = t.matcher("hr-positive-her2-positive-condition");
        hrPosHer2NegCond = t.matcher("hr-positive-her2-negative-condition");
        hrNegHer2PosCond = t.matcher("hr-negative-her2-positive-condition");
        tripleNegCond = t.matcher("triple-negative-condition");
    }

    private record Ish(ReceptorResult result, Optional<LocalDate> date, Evidence evidence) {
    }

    ReceptorStatus read(PatientRecord record) {
        List<ReceptorStatus.Finding> er = new ArrayList<>();
        List<ReceptorStatus.Finding> pr = new ArrayList<>();
        List<ReceptorStatus.Her2Finding> her2 = new ArrayList<>();
        List<Ish> ish = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        for (Observation o : record.observations()) {
            if (!FhirValues.valid(o)) {
                continue;
            }
            Optional<LocalDate> date = FhirValues.date(o);
            String ref = PatientRecord.refOf(o);
            if (FhirValues.has(o.getCode(), erTest) || FhirValues.has(o.getCode(), erPercent)) {
                hormone(o, "ER", date, ref).ifPresent(er::add);
            } else if (FhirValues.has(o.getCode(), prTest) || FhirValues.has(o.getCode(), prPercent)) {
                hormone(o, "PR", date, ref).ifPresent(pr::add);
            } else if (FhirValues.has(o.getCode(), hrCombined) || FhirValues.has(o.getCode(), tripleNegativeMarker)) {
                combined(o, date, ref, er, pr, her2);
            } else if (FhirValues.has(o.getCode(), her2Ish) || FhirValues.has(o.getCode(), her2IshRatio)) {
                ish(o, date, ref).ifPresent(ish::add);
            } else if (FhirValues.has(o.getCode(), her2Ihc) || FhirValues.has(o.getCode(), her2Interpretation)) {
                her2(o, date, ref).ifPresent(her2::add);
            }
        }
        if (er.isEmpty() && pr.isEmpty() && her2.isEmpty() && ish.isEmpty()) {
            fromConditions(record, er, pr, her2);
        }
        er.sort(Comparator.comparing(ReceptorStatus.Finding::date, BY_DATE));
        pr.sort(Comparator.comparing(ReceptorStatus.Finding::date, BY_DATE));
        List<ReceptorStatus.Her2Finding> her2Resolved = resolveIsh(her2, ish);
        her2Resolved.sort(Comparator.comparing(ReceptorStatus.Her2Finding::date, BY_DATE));
        return summarise(er, pr, her2Resolved, notes);
    }

    private Optional<ReceptorStatus.Finding> hormone(Observation o, String marker, Optional<LocalDate> date, String ref) {
        Optional<Double> percent = FhirValues.quantity(o);
        if (percent.isPresent()) {
            double p = percent.get();
            ReceptorResult r = p >= defs.receptorPositivePercent() ? ReceptorResult.POSITIVE : ReceptorResult.NEGATIVE;
            boolean low = p >= defs.erLowMin() && p <= defs.erLowMax();
            String label = marker + (r == ReceptorResult.POSITIVE ? (low ? " low positive" : " positive") : " negative")
                    + " (" + trim(p) + "%)";
            return Optional.of(new ReceptorStatus.Finding(r, percent, date, Evidence.of(label, ref, date,
                    FhirValues.label(o.getCode().getCodingFirstRep()) + " = " + trim(p) + "%")));
        }
        return results.read(o).map(read -> new ReceptorStatus.Finding(read.result(), Optional.empty(), date,
                Evidence.of(marker + " " + read.result().name().toLowerCase(Locale.ROOT), ref, date, read.inferredFrom())));
    }

    /** Synthea's HR (10480-2) and triple-negative (21924-6) markers stand for several receptors at once. */
    private void combined(Observation o, Optional<LocalDate> date, String ref, List<ReceptorStatus.Finding> er,
                          List<ReceptorStatus.Finding> pr, List<ReceptorStatus.Her2Finding> her2) {
        Optional<ResultValues.Read> read = results.read(o);
        if (read.isEmpty()) {
            return;
        }
        boolean tripleNegativeMarker = FhirValues.has(o.getCode(), this.tripleNegativeMarker);
        if (tripleNegativeMarker && read.get().result() == ReceptorResult.NEGATIVE) {
            String from = read.get().inferredFrom() + " (triple-negative marker)";
            er.add(new ReceptorStatus.Finding(ReceptorResult.NEGATIVE, Optional.empty(), date, Evidence.of("ER negative", ref, date, from)));
            pr.add(new ReceptorStatus.Finding(ReceptorResult.NEGATIVE, Optional.empty(), date, Evidence.of("PR negative", ref, date, from)));
            her2.add(new ReceptorStatus.Her2Finding(Her2Category.NEGATIVE_SCORE_UNKNOWN, date,
                    Evidence.of("HER2 negative", ref, date, from)));
        } else if (!tripleNegativeMarker && read.get().result() != ReceptorResult.EQUIVOCAL) {
            // A combined ER+PR result: positive means at least one is positive, negative means both are.
            String label = "Hormone receptors " + read.get().result().name().toLowerCase(Locale.ROOT);
            Evidence e = Evidence.of(label, ref, date, read.get().inferredFrom() + " (combined ER+PR test)");
            er.add(new ReceptorStatus.Finding(read.get().result(), Optional.empty(), date, e));
            if (read.get().result() == ReceptorResult.NEGATIVE) {
                pr.add(new ReceptorStatus.Finding(ReceptorResult.NEGATIVE, Optional.empty(), date, e));
            }
        }
    }

    private Optional<ReceptorStatus.Her2Finding> her2(Observation o, Optional<LocalDate> date, String ref) {
        String texts = FhirValues.texts(o);
        Optional<Integer> score = ihcScore(o, texts);
        if (score.isPresent()) {
            int s = score.get();
            Her2Category category = switch (s) {
                case 3 -> Her2Category.POSITIVE;
                case 2 -> Her2Category.EQUIVOCAL;
                case 1 -> Her2Category.LOW;
                default -> ULTRALOW_TEXT.matcher(texts).find() ? Her2Category.ULTRALOW
                        : NULL_TEXT.matcher(texts).find() ? Her2Category.ZERO : Her2Category.ZERO_STAINING_UNKNOWN;
            };
            return Optional.of(new ReceptorStatus.Her2Finding(category, date, Evidence.of("HER2 IHC " + s + "+ ("
                    + category.label() + ")", ref, date, FhirValues.label(o.getCode().getCodingFirstRep()) + " score " + s)));
        }
        return results.read(o).map(read -> {
            Her2Category category = switch (read.result()) {
                case POSITIVE -> Her2Category.POSITIVE;
                case NEGATIVE -> Her2Category.NEGATIVE_SCORE_UNKNOWN;
                case EQUIVOCAL -> Her2Category.EQUIVOCAL;
                case UNKNOWN -> Her2Category.UNKNOWN;
            };
            return new ReceptorStatus.Her2Finding(category, date, Evidence.of(category.label(), ref, date, read.inferredFrom()));
        });
    }

    private Optional<Integer> ihcScore(Observation o, String texts) {
        if (o.hasValueCodeableConcept()) {
            for (Coding c : o.getValueCodeableConcept().getCoding()) {
                if (ihc3.contains(c.getSystem(), c.getCode())) {
                    return Optional.of(3);
                }
                if (ihc2.contains(c.getSystem(), c.getCode())) {
                    return Optional.of(2);
                }
                if (ihc1.contains(c.getSystem(), c.getCode())) {
                    return Optional.of(1);
                }
                if (ihc0.contains(c.getSystem(), c.getCode())) {
                    return Optional.of(0);
                }
            }
        }
        if (FhirValues.has(o.getCode(), her2Ihc)) {
            Optional<Double> q = FhirValues.quantity(o);
            if (q.isPresent() && q.get() >= 0 && q.get() <= 3 && q.get() == Math.floor(q.get())) {
                return Optional.of(q.get().intValue());
            }
            Matcher m = IHC_SCORE_TEXT.matcher(texts);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3)));
            }
        }
        return Optional.empty();
    }

    private Optional<Ish> ish(Observation o, Optional<LocalDate> date, String ref) {
        Optional<Double> ratio = FhirValues.quantity(o);
        String from = FhirValues.label(o.getCode().getCodingFirstRep());
        if (ratio.isEmpty() && (o.hasValueStringType() || o.hasValueQuantity())) {
            // Synthea writes the ratio as a string: "greater than 2.2", "less than 1.8".
            String text = o.hasValueStringType() ? o.getValueStringType().getValue()
                    : o.getValueQuantity().getComparator() + " " + o.getValueQuantity().getValue();
            ratio = ratioFromText(text == null ? "" : text.toLowerCase(Locale.ROOT));
            from = from + " text \"" + text + "\"";
        }
        if (ratio.isPresent() && FhirValues.has(o.getCode(), her2IshRatio) || ratio.isPresent() && !o.hasValueCodeableConcept()) {
            ReceptorResult r = ratio.get() >= defs.her2IshPositiveRatio() ? ReceptorResult.POSITIVE : ReceptorResult.NEGATIVE;
            return Optional.of(new Ish(r, date, Evidence.of("HER2 ISH " + (r == ReceptorResult.POSITIVE ? "amplified" : "not amplified")
                    + " (ratio " + trim(ratio.get()) + ")", ref, date, from)));
        }
        String f = from;
        return results.read(o).filter(r -> r.result() != ReceptorResult.UNKNOWN).map(read -> new Ish(read.result(), date,
                Evidence.of("HER2 ISH " + (read.result() == ReceptorResult.POSITIVE ? "amplified" : read.result() == ReceptorResult.NEGATIVE
                        ? "not amplified" : "equivocal"), ref, date, read.inferredFrom().isEmpty() ? f : read.inferredFrom())));
    }

    private static Optional<Double> ratioFromText(String text) {
        Matcher m = RATIO_TEXT.matcher(text.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            if (m.group(2) != null) {
                double v = Double.parseDouble(m.group(2));
                // "greater than 2.2" is above the cut-off; "less than 1.8" below it: the bound itself decides.
                return Optional.of(m.group(1).startsWith("g") || m.group(1).startsWith("m") ? v + 0.001 : v - 0.001);
            }
            if (m.group(4) != null) {
                double v = Double.parseDouble(m.group(4));
                return Optional.of(m.group(3).startsWith(">") ? v + 0.001 : v - 0.001);
            }
            return Optional.of(Double.parseDouble(m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** IHC 2+ is resolved by the nearest ISH result; an ISH result alone is a HER2 result of its own. */
    private static List<ReceptorStatus.Her2Finding> resolveIsh(List<ReceptorStatus.Her2Finding> her2, List<Ish> ish) {
        List<ReceptorStatus.Her2Finding> out = new ArrayList<>();
        List<Ish> unused = new ArrayList<>(ish);
        for (ReceptorStatus.Her2Finding f : her2) {
            if (f.category() != Her2Category.EQUIVOCAL || unused.isEmpty()) {
                out.add(f);
                continue;
            }
            Ish nearest = unused.stream().min(Comparator.comparingLong(i -> Math.abs(
                    i.date().orElse(LocalDate.MIN).toEpochDay() - f.date().orElse(LocalDate.MIN).toEpochDay()))).orElseThrow();
            unused.remove(nearest);
            Her2Category category = nearest.result() == ReceptorResult.POSITIVE ? Her2Category.POSITIVE
                    : nearest.result() == ReceptorResult.NEGATIVE ? Her2Category.LOW : Her2Category.EQUIVOCAL;
            out.add(new ReceptorStatus.Her2Finding(category, f.date(), Evidence.of("HER2 IHC 2+ with "
                    + nearest.evidence().statement() + " (" + category.label() + ")", f.evidence().source(), f.date(),
                    f.evidence().inferredFrom() + " + " + nearest.evidence().source())));
        }
        for (Ish i : unused) {
            if (i.result() == ReceptorResult.POSITIVE) {
                out.add(new ReceptorStatus.Her2Finding(Her2Category.POSITIVE, i.date(), i.evidence()));
            } else if (i.result() == ReceptorResult.NEGATIVE && her2.isEmpty()) {
                out.add(new ReceptorStatus.Her2Finding(Her2Category.NEGATIVE_SCORE_UNKNOWN, i.date(), i.evidence()));
            }
        }
        return out;
    }

    private void fromConditions(PatientRecord record, List<ReceptorStatus.Finding> er, List<ReceptorStatus.Finding> pr,
                                List<ReceptorStatus.Her2Finding> her2) {
        for (Condition c : record.conditions()) {
            if (!FhirValues.valid(c)) {
                continue;
            }
            Optional<LocalDate> date = FhirValues.date(c);
            String ref = PatientRecord.refOf(c);
            for (Coding coding : c.getCode().getCoding()) {
                String from = FhirValues.label(coding) + " (coded condition; no lab result in the record)";
                String s = coding.getSystem();
                String code = coding.getCode();
                boolean hrPos = hrPosCond.contains(s, code) || erPosCond.contains(s, code) || hrPosHer2PosCond.contains(s, code) || hrPosHer2NegCond.contains(s, code);
                boolean hrNeg = hrNegHer2PosCond.contains(s, code) || tripleNegCond.contains(s, code);
                boolean h2Pos = her2PosCond.contains(s, code) || hrPosHer2PosCond.contains(s, code) || hrNegHer2PosCond.contains(s, code);
                boolean h2Neg = her2NegCond.contains(s, code) || hrPosHer2NegCond.contains(s, code) || tripleNegCond.contains(s, code);
                if (hrPos) {
                    er.add(new ReceptorStatus.Finding(ReceptorResult.POSITIVE, Optional.empty(), date, Evidence.of("Hormone receptor positive", ref, date, from)));
                }
                if (hrNeg || erNegCond.contains(s, code)) {
                    er.add(new ReceptorStatus.Finding(ReceptorResult.NEGATIVE, Optional.empty(), date, Evidence.of("ER negative", ref, date, from)));
                }
                if (hrNeg || prNegCond.contains(s, code)) {
                    pr.add(new ReceptorStatus.Finding(ReceptorResult.NEGATIVE, Optional.empty(), date, Evidence.of("PR negative", ref, date, from)));
                }
                if (prPosCond.contains(s, code)) {
                    pr.add(new ReceptorStatus.Finding(ReceptorResult.POSITIVE, Optional.empty(), date, Evidence.of("PR positive", ref, date, from)));
                }
                if (h2Pos) {
                    her2.add(new ReceptorStatus.Her2Finding(Her2Category.POSITIVE, date, Evidence.of("HER2 positive", ref, date, from)));
                } else if (h2Neg) {
                    her2.add(new ReceptorStatus.Her2Finding(Her2Category.NEGATIVE_SCORE_UNKNOWN, date,
                            Evidence.of("HER2 negative", ref, date, from)));
                }
            }
        }
    }

    private ReceptorStatus summarise(List<ReceptorStatus.Finding> er, List<ReceptorStatus.Finding> pr,
                                     List<ReceptorStatus.Her2Finding> her2, List<String> notes) {
        ReceptorResult erStatus = er.isEmpty() ? ReceptorResult.UNKNOWN : er.get(er.size() - 1).result();
        ReceptorResult prStatus = pr.isEmpty() ? ReceptorResult.UNKNOWN : pr.get(pr.size() - 1).result();
        ReceptorResult hr;
        if (erStatus == ReceptorResult.POSITIVE || prStatus == ReceptorResult.POSITIVE) {
            hr = ReceptorResult.POSITIVE;
        } else if (erStatus == ReceptorResult.NEGATIVE && prStatus == ReceptorResult.NEGATIVE) {
            hr = ReceptorResult.NEGATIVE;
        } else if (erStatus == ReceptorResult.EQUIVOCAL || prStatus == ReceptorResult.EQUIVOCAL) {
            hr = ReceptorResult.EQUIVOCAL;
        } else {
            hr = ReceptorResult.UNKNOWN;
        }
        boolean erLow = !er.isEmpty() && er.get(er.size() - 1).percent()
                .filter(p -> p >= defs.erLowMin() && p <= defs.erLowMax()).isPresent();
        if (erStatus == ReceptorResult.NEGATIVE && prStatus == ReceptorResult.POSITIVE) {
            notes.add("ER-negative / PR-positive is rare: re-testing is recommended (therapy-rules §A1)");
        }
        boolean anyPositive = er.stream().anyMatch(f -> f.result() == ReceptorResult.POSITIVE)
                || pr.stream().anyMatch(f -> f.result() == ReceptorResult.POSITIVE);
        boolean everyNegative = !er.isEmpty() && !pr.isEmpty()
                && er.stream().allMatch(f -> f.result() == ReceptorResult.NEGATIVE)
                && pr.stream().allMatch(f -> f.result() == ReceptorResult.NEGATIVE);

        Her2Category latest = her2.isEmpty() ? Her2Category.UNKNOWN : her2.get(her2.size() - 1).category();
        boolean everPositive = her2.stream().anyMatch(f -> f.category() == Her2Category.POSITIVE);
        boolean anyLow = her2.stream().anyMatch(f -> f.category() == Her2Category.LOW);
        boolean anyUltralow = her2.stream().anyMatch(f -> f.category() == Her2Category.ULTRALOW);
        boolean allZero = !her2.isEmpty() && her2.stream().allMatch(f -> f.category() == Her2Category.ZERO);
        Her2Category effective;
        if (everPositive) {
            effective = Her2Category.POSITIVE;
            if (latest != Her2Category.POSITIVE) {
                notes.add("HER2 results differ between samples: an earlier or other sample was HER2-positive, so the"
                        + " HER2-positive pathway applies (therapy-rules §A2)");
            }
        } else if (anyLow && latest != Her2Category.EQUIVOCAL) {
            effective = Her2Category.LOW;
            if (latest != Her2Category.LOW) {
                notes.add("HER2: the latest result is " + latest.label() + " but a sample was HER2-low; HER2-low"
                        + " eligibility is kept (therapy-rules §A2, ESMO consensus [M])");
            }
        } else if (anyUltralow && latest != Her2Category.EQUIVOCAL) {
            effective = Her2Category.ULTRALOW;
        } else {
            effective = latest;
        }
        return new ReceptorStatus(List.copyOf(er), List.copyOf(pr), List.copyOf(her2), erStatus, prStatus, hr, erLow,
                everyNegative, anyPositive, effective, latest, everPositive, allZero, List.copyOf(notes));
    }

    private static String trim(double d) {
        return d == Math.floor(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
