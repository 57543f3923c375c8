package org.mbccds.clinical;

import java.util.List;
import java.util.Set;

/**
 * The treatment history read from medications: (neo)adjuvant use, metastatic lines with progression and its
 * evidence, endocrine sensitivity, and exposure flags (therapy-rules §F, §B0). Line numbers are advisory and carry
 * a confidence; below HIGH the cards ask the clinician to confirm.
 *
 * @param exposedTo    drug and class ids used in any setting (F-9)
 * @param progressedOn drug and class ids of lines that ended in inferred progression
 * @param active       drug and class ids in current use
 */
public record TherapyHistory(List<DrugUse> uses, List<LineOfTherapy> lines, int nextLine, Confidence lineConfidence,
                             EndocrineResistance endocrineResistance, boolean adjuvantEndocrineRelapseWithin12Months,
                             boolean adjuvantCdk46RelapseWithin12Months, boolean antiHer2RelapseWithin6Months,
                             boolean deNovo, Set<String> exposedTo, Set<String> progressedOn, Set<String> active,
                             List<Evidence> evidence, List<String> notes) {

    public boolean exposedTo(String drugOrClass) {
        return exposedTo.contains(drugOrClass);
    }

    public boolean progressedOn(String drugOrClass) {
        return progressedOn.contains(drugOrClass);
    }

    public boolean onNow(String drugOrClass) {
        return active.contains(drugOrClass);
    }
}
