package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A change the client may apply. The resource stays a HAPI object; the HTTP layer writes it with the FHIR parser.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(Type type, String description, IBaseResource resource, String resourceId) {
    public enum Type {
        CREATE, UPDATE, DELETE;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
