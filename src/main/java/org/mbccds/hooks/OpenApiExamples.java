package org.mbccds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Puts the example requests of examples/ into the OpenAPI document, where META-INF/openapi.yaml names them with
 * {@code externalValue: examples/<file>}. The files themselves are the examples (copied to the class path as
 * openapi-examples/ by the build), so the document cannot drift from what README and curl use. Runs once, at build.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiExamples implements OASFilter {
    private static final String PREFIX = "examples/";
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().getMediaTypes() != null) {
                op.getRequestBody().getContent().getMediaTypes().values().forEach(this::inline);
            }
        }));
    }

    private void inline(MediaType media) {
        if (media.getExamples() == null) {
            return;
        }
        for (Example example : media.getExamples().values()) {
            String external = example.getExternalValue();
            if (external != null && external.startsWith(PREFIX)) {
                example.setValue(read("openapi-examples/" + external.substring(PREFIX.length())));
                example.setExternalValue(null);
            }
        }
    }

    private Object read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // A renamed example must fail the build, not publish a document with a dangling reference.
                throw new IllegalStateException("META-INF/openapi.yaml names " + resource + ", which is not on the"
                        + " class path (pom.xml copies examples/*.json there)");
            }
            return mapper.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
