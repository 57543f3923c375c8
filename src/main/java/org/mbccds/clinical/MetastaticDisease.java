package org.mbccds.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the record shows distant (stage IV) disease, since when, and where (terminology §1.3-1.4, therapy-rules
 * §F1). Regional nodes (C77.3) are not stage IV; skin, chest wall or breast secondaries need confirmation.
 */
public record MetastaticDisease(boolean metastatic, Optional<LocalDate> since, Set<Site> sites, List<Evidence> evidence,
                                List<Evidence> toConfirm) {
    public enum Site {
        BONE, BRAIN, LEPTOMENINGEAL, LIVER, LUNG, PLEURA, PERITONEUM;

        public boolean visceral() {
            return this == LIVER || this == LUNG || this == PLEURA || this == PERITONEUM;
        }
    }
}
