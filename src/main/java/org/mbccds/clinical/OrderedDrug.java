package org.mbccds.clinical;

import org.mbccds.terminology.DrugMatch;

import java.util.List;

/**
 * A draft order read as drugs. {@code reference} is the order's relative reference ("MedicationRequest/123"),
 * used by the cards to suggest deleting it.
 */
public record OrderedDrug(String reference, boolean selected, String text, List<DrugMatch> drugs) {
}
