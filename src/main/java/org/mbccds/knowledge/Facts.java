package org.mbccds.knowledge;

import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.OrderedDrug;
import org.mbccds.terminology.DrugConcept;

import java.util.Optional;

/** What a criterion looks at: the patient, and for order checks the drug being ordered and its order. */
record Facts(ClinicalPicture picture, Optional<DrugConcept> orderedDrug, Optional<OrderedDrug> order) {
    static Facts of(ClinicalPicture picture) {
        return new Facts(picture, Optional.empty(), Optional.empty());
    }
}
