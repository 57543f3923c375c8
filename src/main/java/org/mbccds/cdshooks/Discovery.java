package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

public record Discovery(@JsonInclude(JsonInclude.Include.ALWAYS) List<ServiceDescriptor> services) {
}
