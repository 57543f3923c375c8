package org.mbccds.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A metastatic line (therapy-rules §F2), its drugs, and whether it ended in progression and how sure we are. */
public record LineOfTherapy(int number, List<DrugUse> drugs, Optional<LocalDate> start, Optional<LocalDate> end,
                            boolean ongoing, Optional<Progression> progression) {

    public record Progression(Confidence confidence, Optional<LocalDate> date, List<Evidence> evidence) {
    }

    public String regimen() {
        return drugs.stream().map(d -> d.drug().name()).distinct().collect(Collectors.joining(" + "));
    }
}
