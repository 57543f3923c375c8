package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum Indicator {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
