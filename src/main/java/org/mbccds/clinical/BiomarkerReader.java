package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.record.PatientRecord;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gene variants (Genomics Reporting variant Observations and older single-gene tests), germline BRCA findings,
 * MSI, TMB and PD-L1 CPS. A variant of uncertain significance or benign is not a detected alteration.
 */
final class BiomarkerReader {
    enum Gene { PIK3CA, ESR1, AKT1, PTEN, BRCA1, BRCA2, PALB2 }

    enum Origin { GERMLINE, SOMATIC, UNKNOWN }

    private static final Pattern CPS_TEXT = Pattern.compile("(cps|combined positive score)\\D{0,20}?([0-9]+(?:\\.[0-9]+)?)");

    private final ClinicalDefinitions defs;
    private final ResultValues results;
    private final CodeMatcher variantObs, geneComponent, sourceComponent, germline, somatic, significanceComponent;
    private final CodeMatcher pathogenic, benignOrUncertain, present, absent;
    private final Map<Gene, CodeMatcher> geneCodes = new EnumMap<>(Gene.class);
    private final Map<Gene, CodeMatcher> singleGeneTests = new EnumMap<>(Gene.class);
    private final CodeMatcher brcaTest, brcaGermlinePositive, brcaGermlineNegative;
    private final CodeMatcher msiTest, msiHigh, tmbTest, pdl1Test;

    BiomarkerReader(Terminology t, ClinicalDefinitions defs, ResultValues results) {
        this.defs = defs;
        this.results = results;
        variantObs = t.matcher("genomic-variant-observation");
        geneComponent = t.matcher("gene-studied-component");
        sourceComponent = t.matcher("genomic-source-class-component");
        germline = t.matcher("germline-value");
        somatic = t.matcher("somatic-value");
        significanceComponent = t.matcher("clinical-significance-component");
        pathogenic = t.matcher("pathogenic-value");
        benignOrUncertain = t.matcher("benign-or-uncertain-value");
        present = t.matcher("present-value");
        absent = t.matcher("absent-value");
        for (Gene g : Gene.values()) {
            geneCodes.put(g, t.matcher("gene-" + g.name().toLowerCase(java.util.Locale.ROOT)));
        }
        singleGeneTests.put(Gene.PIK3CA, t.matcher("pik3ca-test"));
        singleGeneTests.put(Gene.PTEN, t.matcher("pten-test"));
        singleGeneTests.put(Gene.BRCA1, t.matcher("brca1-test"));
        singleGeneTests.put(Gene.BRCA2, t.matcher("brca2-test"));
        singleGeneTests.put(Gene.PALB2, t.matcher("palb2-test"));
        brcaTest = t.matcher("brca-test");
        brcaGermlinePositive = t.matcher("brca-germline-finding-positive");
        brcaGermlineNegative = t.matcher("brca-germline-finding-negative");
        msiTest = t.matcher("msi-test");
        msiHigh = t.matcher("msi-high-value");
        tmbTest = t.matcher("tmb-test");
        pdl1Test = t.matcher("pdl1-test");
    }

    private record GeneResult(Gene gene, boolean detected, Origin origin, Evidence evidence) {
    }

    Biomarkers read(PatientRecord record) {
        List<GeneResult> genes = new ArrayList<>();
        Map<Biomarkers.Marker, Biomarkers.Status> status = new EnumMap<>(Biomarkers.Marker.class);
        Map<Biomarkers.Marker, List<Evidence>> evidence = new EnumMap<>(Biomarkers.Marker.class);
        Optional<Double> cps = Optional.empty();
        List<Evidence> cpsEvidence = new ArrayList<>();

        for (Observation o : record.observations()) {
            if (!FhirValues.valid(o)) {
                continue;
            }
            Optional<LocalDate> date = FhirValues.date(o);
            String ref = PatientRecord.refOf(o);
            if (FhirValues.has(o.getCode(), variantObs)) {
                variant(o, date, ref).ifPresent(genes::add);
            } else if (FhirValues.has(o.getCode(), msiTest)) {
                boolean high = FhirValues.valueAndInterpretation(o).stream().anyMatch(cc -> FhirValues.has(cc, msiHigh))
                        || results.read(o).filter(r -> r.result() == ReceptorResult.POSITIVE).isPresent();
                boolean known = high || results.read(o).isPresent();
                if (known) {
                    put(status, evidence, Biomarkers.Marker.MSI_HIGH, high, Evidence.of(high ? "MSI-high" : "MSI not high",
                            ref, date, FhirValues.codes(o.getCode()) + " = " + valueLabel(o)));
                }
            } else if (FhirValues.has(o.getCode(), tmbTest)) {
                Optional<Double> q = FhirValues.quantity(o);
                if (q.isPresent()) {
                    boolean high = q.get() >= defs.tmbHigh();
                    put(status, evidence, Biomarkers.Marker.TMB_HIGH, high, Evidence.of("TMB " + q.get() + " mut/Mb",
                            ref, date, FhirValues.codes(o.getCode())));
                }
            } else if (FhirValues.has(o.getCode(), pdl1Test) || FhirValues.texts(o).contains("pd-l1")) {
                Optional<Double> value = cpsValue(o);
                if (value.isPresent() && cps.isEmpty() || value.isPresent() && date.isPresent()) {
                    cps = value;
                    cpsEvidence.clear();
                    cpsEvidence.add(Evidence.of("PD-L1 CPS " + trim(value.get()), ref, date,
                            "value read as a combined positive score because the observation says CPS"));
                }
            } else {
                singleGene(o, date, ref).ifPresent(genes::add);
            }
        }
        for (Gene g : List.of(Gene.PIK3CA, Gene.ESR1, Gene.AKT1, Gene.PTEN)) {
            genes.stream().filter(r -> r.gene() == g).forEach(r ->
                    put(status, evidence, Biomarkers.Marker.valueOf(g.name()), r.detected(), r.evidence()));
        }
        combinePathway(status, evidence);
        for (GeneResult r : genes) {
            boolean brca = r.gene() == Gene.BRCA1 || r.gene() == Gene.BRCA2;
            if (brca && r.origin() == Origin.GERMLINE) {
                put(status, evidence, Biomarkers.Marker.GERMLINE_BRCA, r.detected(), r.evidence());
            } else if (brca && r.origin() == Origin.SOMATIC) {
                put(status, evidence, Biomarkers.Marker.SOMATIC_BRCA, r.detected(), r.evidence());
            } else if (brca) {
                put(status, evidence, Biomarkers.Marker.BRCA_ORIGIN_UNKNOWN, r.detected(), r.evidence());
            } else if (r.gene() == Gene.PALB2 && r.origin() != Origin.SOMATIC) {
                // mCODE's PALB2 example does not state the origin; a PALB2 finding is read as germline, and said so.
                put(status, evidence, Biomarkers.Marker.GERMLINE_PALB2, r.detected(), r.evidence());
            }
        }
        return new Biomarkers(Map.copyOf(status), Map.copyOf(evidence), cps, List.copyOf(cpsEvidence));
    }

    private Optional<GeneResult> variant(Observation o, Optional<LocalDate> date, String ref) {
        Optional<Gene> gene = Optional.empty();
        Origin origin = Origin.UNKNOWN;
        boolean notActionable = false;
        String geneLabel = "";
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            if (FhirValues.has(c.getCode(), geneComponent) && c.hasValueCodeableConcept()) {
                for (Coding coding : c.getValueCodeableConcept().getCoding()) {
                    for (Gene g : Gene.values()) {
                        if (geneCodes.get(g).contains(coding.getSystem(), coding.getCode())) {
                            gene = Optional.of(g);
                            geneLabel = coding.getCode();
                        }
                    }
                }
            } else if (FhirValues.has(c.getCode(), sourceComponent) && c.hasValueCodeableConcept()) {
                origin = FhirValues.has(c.getValueCodeableConcept(), germline) ? Origin.GERMLINE
                        : FhirValues.has(c.getValueCodeableConcept(), somatic) ? Origin.SOMATIC : Origin.UNKNOWN;
            } else if (FhirValues.has(c.getCode(), significanceComponent) && c.hasValueCodeableConcept()) {
                notActionable = FhirValues.has(c.getValueCodeableConcept(), benignOrUncertain);
            }
        }
        if (gene.isEmpty()) {
            return Optional.empty();
        }
        CodeableConcept value = o.hasValueCodeableConcept() ? o.getValueCodeableConcept() : new CodeableConcept();
        boolean absentValue = FhirValues.has(value, absent);
        boolean detected = !absentValue && !notActionable;
        String why = absentValue ? "variant absent" : notActionable ? "variant benign or of uncertain significance" : "variant present";
        Origin finalOrigin = origin;
        String originLabel = finalOrigin == Origin.UNKNOWN ? "" : " " + finalOrigin.name().toLowerCase(java.util.Locale.ROOT);
        return Optional.of(new GeneResult(gene.get(), detected, origin, Evidence.of(gene.get() + (detected
                ? originLabel + " alteration detected" : " not altered (" + why + ")"), ref, date,
                "LOINC 69548-6 gene " + geneLabel + ", " + why)));
    }

    private Optional<GeneResult> singleGene(Observation o, Optional<LocalDate> date, String ref) {
        // A SNOMED germline finding ("BRCA1 mutation negative") says more than the test code it sits on.
        boolean germlinePositive = FhirValues.valueAndInterpretation(o).stream().anyMatch(cc -> FhirValues.has(cc, brcaGermlinePositive));
        boolean germlineNegative = FhirValues.valueAndInterpretation(o).stream().anyMatch(cc -> FhirValues.has(cc, brcaGermlineNegative));
        if (germlinePositive || germlineNegative) {
            return Optional.of(new GeneResult(Gene.BRCA1, germlinePositive, Origin.GERMLINE, Evidence.of("BRCA1/2 germline "
                    + (germlinePositive ? "pathogenic variant" : "no pathogenic variant"), ref, date,
                    FhirValues.codes(o.getCode()) + " = " + valueLabel(o))));
        }
        for (Map.Entry<Gene, CodeMatcher> e : singleGeneTests.entrySet()) {
            if (FhirValues.has(o.getCode(), e.getValue())) {
                return results.read(o).filter(r -> r.result() != ReceptorResult.EQUIVOCAL).map(r -> {
                    boolean detected = r.result() == ReceptorResult.POSITIVE;
                    Origin origin = e.getKey() == Gene.BRCA1 || e.getKey() == Gene.BRCA2 || e.getKey() == Gene.PALB2
                            ? Origin.UNKNOWN : Origin.SOMATIC;
                    return new GeneResult(e.getKey(), detected, origin, Evidence.of(e.getKey() + (detected
                            ? " alteration detected" : " not altered"), ref, date, r.inferredFrom()));
                });
            }
        }
        if (FhirValues.has(o.getCode(), brcaTest)) {
            return results.read(o).filter(r -> r.result() != ReceptorResult.EQUIVOCAL).map(r -> new GeneResult(Gene.BRCA1,
                    r.result() == ReceptorResult.POSITIVE, Origin.UNKNOWN, Evidence.of("BRCA1/2 " + (r.result()
                    == ReceptorResult.POSITIVE ? "pathogenic variant" : "no pathogenic variant"), ref, date, r.inferredFrom())));
        }
        return Optional.empty();
    }

    private static void combinePathway(Map<Biomarkers.Marker, Biomarkers.Status> status,
                                       Map<Biomarkers.Marker, List<Evidence>> evidence) {
        List<Biomarkers.Marker> parts = List.of(Biomarkers.Marker.PIK3CA, Biomarkers.Marker.AKT1, Biomarkers.Marker.PTEN);
        List<Evidence> ev = new ArrayList<>();
        parts.forEach(p -> ev.addAll(evidence.getOrDefault(p, List.of())));
        Biomarkers.Status combined;
        if (parts.stream().anyMatch(p -> status.get(p) == Biomarkers.Status.DETECTED)) {
            combined = Biomarkers.Status.DETECTED;
        } else if (parts.stream().allMatch(p -> status.get(p) == Biomarkers.Status.NOT_DETECTED)) {
            combined = Biomarkers.Status.NOT_DETECTED;
        } else {
            combined = Biomarkers.Status.UNKNOWN;
        }
        if (combined != Biomarkers.Status.UNKNOWN) {
            status.put(Biomarkers.Marker.PIK3CA_AKT1_PTEN, combined);
            evidence.put(Biomarkers.Marker.PIK3CA_AKT1_PTEN, List.copyOf(ev));
        }
    }

    /** Any detected finding wins over negative ones (a later test may miss what an earlier one found). */
    private static void put(Map<Biomarkers.Marker, Biomarkers.Status> status, Map<Biomarkers.Marker, List<Evidence>> evidence,
                            Biomarkers.Marker marker, boolean detected, Evidence e) {
        Biomarkers.Status s = detected ? Biomarkers.Status.DETECTED : Biomarkers.Status.NOT_DETECTED;
        if (status.get(marker) != Biomarkers.Status.DETECTED) {
            status.put(marker, s);
        }
        List<Evidence> list = new ArrayList<>(evidence.getOrDefault(marker, List.of()));
        list.add(e);
        evidence.put(marker, List.copyOf(list));
    }

    private static Optional<Double> cpsValue(Observation o) {
        String texts = FhirValues.texts(o) + " " + (o.hasValueQuantity() ? o.getValueQuantity().getUnit() + " " + o.getValueQuantity().getCode() : "")
                + " " + (o.hasMethod() ? o.getMethod().getText() : "");
        if (!texts.contains("cps") && !texts.contains("combined positive")) {
            return Optional.empty();
        }
        Optional<Double> q = FhirValues.quantity(o);
        if (q.isPresent()) {
            return q;
        }
        Matcher m = CPS_TEXT.matcher(texts);
        return m.find() ? Optional.of(Double.parseDouble(m.group(2))) : Optional.empty();
    }

    private static String valueLabel(Observation o) {
        if (o.hasValueCodeableConcept()) {
            return FhirValues.codes(o.getValueCodeableConcept());
        }
        return o.hasValue() ? o.getValue().primitiveValue() == null ? o.getValue().fhirType() : o.getValue().primitiveValue() : "no value";
    }

    private static String trim(double d) {
        return d == Math.floor(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
