package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonValue;

public enum SelectionBehavior {
    ANY("any"), AT_MOST_ONE("at-most-one");

    private final String json;

    SelectionBehavior(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
