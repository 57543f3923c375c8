package org.mbccds.terminology;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps every system URI or OID a client may send to the canonical URI (from the NamingSystems in fhir-profiles),
 * and normalises codes where systems are written loosely in the wild: ICD-10 with or without dots, HGNC with or
 * without the "HGNC:" prefix.
 */
public final class SystemAliases {
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String HGNC = "http://www.genenames.org";

    private final Map<String, String> canonicalBySystem;

    SystemAliases(Map<String, String> canonicalBySystem) {
        this.canonicalBySystem = Map.copyOf(canonicalBySystem);
    }

    static SystemAliases empty() {
        return new SystemAliases(new HashMap<>());
    }

    public String canonical(String system) {
        String trimmed = system.trim();
        return canonicalBySystem.getOrDefault(trimmed, trimmed);
    }

    /** True for a system URI or OID named by one of the NamingSystems (canonical or alias). */
    public boolean knows(String system) {
        return canonicalBySystem.containsKey(system.trim());
    }

    public Code normalise(String system, String code) {
        String canonical = canonical(system);
        String c = code.trim();
        if (ICD10CM.equals(canonical)) {
            c = c.toUpperCase(Locale.ROOT).replace(".", "").replace(" ", "");
        } else if (HGNC.equals(canonical)) {
            c = c.toUpperCase(Locale.ROOT).startsWith("HGNC:") ? c.substring(5) : c;
        }
        return new Code(canonical, c);
    }
}
