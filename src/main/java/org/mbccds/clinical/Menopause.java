package org.mbccds.clinical;

import java.util.List;

/**
 * Menopausal status with its basis. Unknown status in a woman under the age threshold is handled as premenopausal
 * for safety (therapy-rules §A3): endocrine therapy other than tamoxifen needs ovarian function suppression.
 */
public record Menopause(Status status, boolean treatAsPremenopausal, boolean ovarianSuppression, List<Evidence> evidence) {
    public enum Status { PREMENOPAUSAL, POSTMENOPAUSAL, UNKNOWN, NOT_APPLICABLE }
}
