package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Source(String label, String url, String icon, Coding topic) {
}
