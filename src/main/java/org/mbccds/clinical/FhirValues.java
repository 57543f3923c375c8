package org.mbccds.clinical;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.mbccds.terminology.CodeMatcher;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading dates, codes and texts out of messy FHIR data, the same way everywhere. */
final class FhirValues {
    private FhirValues() {
    }

    static Optional<LocalDate> date(Type value) {
        if (value instanceof BaseDateTimeType dt && dt.getValue() != null) {
            return Optional.of(toLocalDate(dt));
        }
        if (value instanceof Period p) {
            return p.hasStart() ? date(p.getStartElement()) : date(p.getEndElement());
        }
        return Optional.empty();
    }

    static Optional<LocalDate> end(Type value) {
        if (value instanceof Period p && p.hasEnd()) {
            return date(p.getEndElement());
        }
        return Optional.empty();
    }

    static LocalDate toLocalDate(BaseDateTimeType dt) {
        return dt.getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    static Optional<LocalDate> date(Observation o) {
        Optional<LocalDate> d = date(o.getEffective());
        if (d.isEmpty() && o.getIssued() != null) {
            d = Optional.of(o.getIssued().toInstant().atZone(ZoneOffset.UTC).toLocalDate());
        }
        return d;
    }

    static Optional<LocalDate> date(Condition c) {
        Optional<LocalDate> d = date(c.getOnset());
        if (d.isEmpty() && c.hasRecordedDateElement() && c.getRecordedDateElement().getValue() != null) {
            d = Optional.of(toLocalDate(c.getRecordedDateElement()));
        }
        return d;
    }

    static boolean valid(Observation o) {
        Observation.ObservationStatus s = o.getStatus();
        return s != Observation.ObservationStatus.ENTEREDINERROR && s != Observation.ObservationStatus.CANCELLED
                && !o.hasDataAbsentReason();
    }

    static boolean valid(Condition c) {
        String v = c.getVerificationStatus().getCodingFirstRep().getCode();
        return !"entered-in-error".equals(v) && !"refuted".equals(v);
    }

    /** Hot: called for every coding of every resource against each ValueSet, so a plain loop. */
    static boolean has(CodeableConcept cc, CodeMatcher matcher) {
        if (cc == null) {
            return false;
        }
        for (Coding c : cc.getCoding()) {
            if (matcher.contains(c.getSystem(), c.getCode())) {
                return true;
            }
        }
        return false;
    }

    static Optional<Coding> first(CodeableConcept cc, CodeMatcher matcher) {
        if (cc == null) {
            return Optional.empty();
        }
        for (Coding c : cc.getCoding()) {
            if (matcher.contains(c.getSystem(), c.getCode())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "LOINC 85319-2" style label of the first coding, for "inferred from". */
    static String label(Coding c) {
        String system = c.getSystem() == null ? "" : c.getSystem();
        String name = system.contains("loinc") ? "LOINC" : system.contains("snomed") ? "SNOMED"
                : system.contains("icd-10") ? "ICD-10" : system.contains("rxnorm") ? "RxNorm"
                : system.contains("ObservationInterpretation") ? "interpretation" : system;
        return (name + " " + c.getCode()).trim();
    }

    /** Every human-readable text on an observation, lower-cased: value string, code text, notes. */
    static String texts(Observation o) {
        StringBuilder sb = new StringBuilder();
        if (o.hasValueStringType()) {
            sb.append(o.getValueStringType().getValue()).append(' ');
        }
        if (o.hasValueCodeableConcept()) {
            sb.append(o.getValueCodeableConcept().getText()).append(' ');
            o.getValueCodeableConcept().getCoding().forEach(c -> sb.append(c.getDisplay()).append(' '));
        }
        sb.append(o.getCode().getText()).append(' ');
        o.getNote().stream().map(Annotation::getText).forEach(t -> sb.append(t).append(' '));
        o.getInterpretation().forEach(i -> sb.append(i.getText()).append(' '));
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    static Optional<Double> quantity(Observation o) {
        if (o.hasValueQuantity() && o.getValueQuantity().hasValue()) {
            return Optional.of(o.getValueQuantity().getValue().doubleValue());
        }
        if (o.hasValueIntegerType() && o.getValueIntegerType().getValue() != null) {
            return Optional.of(o.getValueIntegerType().getValue().doubleValue());
        }
        return Optional.empty();
    }

    static String codes(CodeableConcept cc) {
        return cc.getCoding().stream().map(FhirValues::label).collect(Collectors.joining(", "));
    }

    static List<CodeableConcept> valueAndInterpretation(Observation o) {
        List<CodeableConcept> list = new java.util.ArrayList<>();
        if (o.hasValueCodeableConcept()) {
            list.add(o.getValueCodeableConcept());
        }
        list.addAll(o.getInterpretation());
        return list;
    }
}
