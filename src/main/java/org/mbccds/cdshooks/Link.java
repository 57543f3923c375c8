package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(String label, String url, String type, String appContext) {
    public static Link absolute(String label, String url) {
        return new Link(label, url, "absolute", null);
    }
}
