package org.mbccds.feedback;

import java.util.Optional;

/**
 * The override reason the user picked. The spec's Coding requires a system; the sandbox sends system and code without
 * display, older clients sometimes only a code, and Epic's extension variant a category number (stored with
 * {@link #EPIC_REASON_CATEGORY} as its system).
 */
public record ReasonCoding(Optional<String> system, String code, Optional<String> display) {
    /** Epic's feedback extension carrying the organisation's override reason category. */
    public static final String EPIC_REASON_CATEGORY = "com.epic.cdshooks.feedback.overrideReason.reasonCategory";
}
