package org.mbccds.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * ER, PR and HER2 with their history (oldest first). The latest valid result decides ER/PR; HER2 follows
 * therapy-rules §A2: any HER2-positive result puts the patient on the HER2+ pathway, any HER2-low result keeps
 * T-DXd eligibility.
 */
public record ReceptorStatus(
        List<Finding> er, List<Finding> pr, List<Her2Finding> her2History,
        ReceptorResult erStatus, ReceptorResult prStatus, ReceptorResult hormoneReceptors,
        boolean erLow, boolean hormoneReceptorsNegativeOnEverySample, boolean hormoneReceptorsPositiveOnAnySample,
        Her2Category her2, Her2Category her2Latest, boolean her2EverPositive, boolean her2ZeroOnEverySample,
        List<String> notes) {

    public record Finding(ReceptorResult result, Optional<Double> percent, Optional<LocalDate> date, Evidence evidence) {
    }

    public record Her2Finding(Her2Category category, Optional<LocalDate> date, Evidence evidence) {
    }

    public Optional<Finding> latestEr() {
        return er.isEmpty() ? Optional.empty() : Optional.of(er.get(er.size() - 1));
    }

    public Optional<Finding> latestPr() {
        return pr.isEmpty() ? Optional.empty() : Optional.of(pr.get(pr.size() - 1));
    }

    public Optional<Her2Finding> latestHer2() {
        return her2History.isEmpty() ? Optional.empty() : Optional.of(her2History.get(her2History.size() - 1));
    }
}
