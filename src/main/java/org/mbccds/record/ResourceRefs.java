package org.mbccds.record;

/** Small helpers for FHIR references written in any of the forms clients use. */
final class ResourceRefs {
    private ResourceRefs() {
    }

    /** "https://ehr/fhir/Medication/12/_history/3" and "Medication/12" both become "Medication/12". */
    static String relative(String reference) {
        String ref = reference;
        int history = ref.indexOf("/_history/");
        if (history > 0) {
            ref = ref.substring(0, history);
        }
        String[] parts = ref.split("/");
        if (parts.length >= 2) {
            return parts[parts.length - 2] + "/" + parts[parts.length - 1];
        }
        return ref;
    }

    static String idPart(String reference) {
        String rel = relative(reference);
        int slash = rel.indexOf('/');
        return slash >= 0 ? rel.substring(slash + 1) : rel;
    }
}
