package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a qualitative result in every encoding terminology §2.2 lists: SNOMED or LOINC answer codes,
 * v3 interpretation codes, and free text as the last resort. Says which one it used.
 */
final class ResultValues {
    record Read(ReceptorResult result, String inferredFrom) {
    }

    private static final Pattern NEGATIVE_TEXT = Pattern.compile("\\b(negative|neg|not detected|absent|not amplified)\\b");
    private static final Pattern POSITIVE_TEXT = Pattern.compile("\\b(positive|pos|detected|present|amplified)\\b");
    private static final Pattern EQUIVOCAL_TEXT = Pattern.compile("\\b(equivocal|borderline|indeterminate)\\b");

    private final CodeMatcher positive;
    private final CodeMatcher negative;
    private final CodeMatcher equivocal;
    private final CodeMatcher indeterminate;
    private final CodeMatcher present;
    private final CodeMatcher absent;

    ResultValues(Terminology t) {
        this.positive = t.matcher("positive-value");
        this.negative = t.matcher("negative-value");
        this.equivocal = t.matcher("equivocal-value");
        this.indeterminate = t.matcher("indeterminate-value");
        this.present = t.matcher("present-value");
        this.absent = t.matcher("absent-value");
    }

    /** Coded value first, then interpretation, then text; empty when nothing says positive or negative. */
    Optional<Read> read(Observation o) {
        for (CodeableConcept cc : FhirValues.valueAndInterpretation(o)) {
            for (Coding c : cc.getCoding()) {
                Optional<ReceptorResult> r = classify(c);
                if (r.isPresent()) {
                    return Optional.of(new Read(r.get(), FhirValues.label(o.getCode().getCodingFirstRep()) + " = "
                            + FhirValues.label(c) + (c.hasDisplay() ? " \"" + c.getDisplay() + "\"" : "")));
                }
            }
        }
        if (o.hasValueBooleanType() && o.getValueBooleanType().getValue() != null) {
            return Optional.of(new Read(o.getValueBooleanType().getValue() ? ReceptorResult.POSITIVE : ReceptorResult.NEGATIVE,
                    "boolean value"));
        }
        return text(o);
    }

    Optional<ReceptorResult> classify(Coding c) {
        if (positive.contains(c.getSystem(), c.getCode()) || present.contains(c.getSystem(), c.getCode())) {
            return Optional.of(ReceptorResult.POSITIVE);
        }
        if (negative.contains(c.getSystem(), c.getCode()) || absent.contains(c.getSystem(), c.getCode())) {
            return Optional.of(ReceptorResult.NEGATIVE);
        }
        if (equivocal.contains(c.getSystem(), c.getCode()) || indeterminate.contains(c.getSystem(), c.getCode())) {
            return Optional.of(ReceptorResult.EQUIVOCAL);
        }
        return Optional.empty();
    }

    private Optional<Read> text(Observation o) {
        String text = o.hasValueStringType() ? o.getValueStringType().getValue() : o.hasValueCodeableConcept()
                ? o.getValueCodeableConcept().getText() : null;
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String from = "text \"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
        if (EQUIVOCAL_TEXT.matcher(lower).find()) {
            return Optional.of(new Read(ReceptorResult.EQUIVOCAL, from));
        }
        if (NEGATIVE_TEXT.matcher(lower).find()) {
            return Optional.of(new Read(ReceptorResult.NEGATIVE, from));
        }
        if (POSITIVE_TEXT.matcher(lower).find()) {
            return Optional.of(new Read(ReceptorResult.POSITIVE, from));
        }
        return Optional.empty();
    }
}
