package org.mbccds.record;

import org.hl7.fhir.r4.model.MedicationRequest;

/** An unsigned medication order of the ordering session, with whether the user selected it. */
public record DraftOrder(MedicationRequest request, boolean selected) {
    public String reference() {
        return "MedicationRequest/" + request.getIdElement().getIdPart();
    }
}
