package org.mbccds.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules may ask about one patient, each fact with its evidence. Built from FHIR; knows nothing of
 * HTTP or JSON.
 *
 * @param breastCancer evidence of a breast primary; empty when the record shows none
 * @param dataGaps     what could not be read, as sentences for the cards
 * @param observationsRead false when some Observations could not be read: an absent result then proves nothing
 */
public record ClinicalPicture(
        String patientId,
        LocalDate today,
        Sex sex,
        Optional<Integer> age,
        List<Evidence> breastCancer,
        MetastaticDisease metastatic,
        ReceptorStatus receptors,
        Subtype subtype,
        Biomarkers biomarkers,
        Menopause menopause,
        TherapyHistory therapy,
        List<OrderedDrug> orders,
        List<String> dataGaps,
        List<String> notes,
        boolean observationsRead) {

    public boolean metastaticBreastCancer() {
        return !breastCancer.isEmpty() && metastatic.metastatic();
    }
}
