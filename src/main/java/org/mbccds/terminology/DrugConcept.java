package org.mbccds.terminology;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A clinically distinct agent (T-DXd is not trastuzumab, nab-paclitaxel is not paclitaxel), with the classes it
 * belongs to and the RxNorm coding to use when the service suggests ordering it.
 */
public record DrugConcept(String id, String name, Optional<OrderCoding> orderCoding, Set<String> classes,
                          List<String> synonyms) {
    public record OrderCoding(String system, String code, String display) {
    }

    public boolean inClass(String classId) {
        return classes.contains(classId);
    }

    /** True when the id names this drug or one of its classes. */
    public boolean is(String drugOrClassId) {
        return id.equals(drugOrClassId) || classes.contains(drugOrClassId);
    }
}
