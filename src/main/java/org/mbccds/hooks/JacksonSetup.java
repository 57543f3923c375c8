package org.mbccds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.mbccds.cards.CardRenderer;
import org.mbccds.record.Limits;

import java.io.IOException;

/**
 * Jackson as the CDS Hooks JSON needs it: FHIR resources inside cards written by HAPI's own serializer; decimals
 * kept exact (HAPI reads them from the same tree); nesting bounded so a hostile body cannot exhaust the stack; content
 * after the JSON value refused.
 */
@Singleton
public class JacksonSetup implements ObjectMapperCustomizer {
    private final FhirContext fhirContext;
    private final int maxNestingDepth;

    public JacksonSetup(FhirContext fhirContext) {
        this(fhirContext, Limits.DEFAULT_MAX_NESTING_DEPTH);
    }

    @Inject
    public JacksonSetup(FhirContext fhirContext, Limits limits) {
        this(fhirContext, limits.maxNestingDepth());
    }

    private JacksonSetup(FhirContext fhirContext, int maxNestingDepth) {
        this.fhirContext = fhirContext;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // A body is one JSON value: "{...} trailing text" is malformed, not a request with an ignored tail.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build());
        SimpleModule fhir = new SimpleModule("fhir-resources");
        fhir.addSerializer(IBaseResource.class, new JsonSerializer<>() {
            @Override
            public void serialize(IBaseResource value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value instanceof MedicationRequest mr && mr.getUserData(CardRenderer.DRAFT_ORDER) != null) {
                    writeDraftOrder(mr, gen);
                    return;
                }
                gen.writeRawValue(fhirContext.newJsonParser().encodeResourceToString(value));
            }
        });
        mapper.registerModule(fhir);
    }

    /** The JSON HAPI writes for a draft order of CardRenderer, in HAPI's field order, without its generic walk. */
    public static void writeDraftOrder(MedicationRequest mr, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("resourceType", "MedicationRequest");
        if (mr.hasStatus()) {
            gen.writeStringField("status", mr.getStatus().toCode());
        }
        if (mr.hasIntent()) {
            gen.writeStringField("intent", mr.getIntent().toCode());
        }
        if (mr.hasMedicationCodeableConcept()) {
            CodeableConcept cc = mr.getMedicationCodeableConcept();
            gen.writeObjectFieldStart("medicationCodeableConcept");
            if (cc.hasCoding()) {
                gen.writeArrayFieldStart("coding");
                for (Coding c : cc.getCoding()) {
                    gen.writeStartObject();
                    if (c.hasSystem()) {
                        gen.writeStringField("system", c.getSystem());
                    }
                    if (c.hasCode()) {
                        gen.writeStringField("code", c.getCode());
                    }
                    if (c.hasDisplay()) {
                        gen.writeStringField("display", c.getDisplay());
                    }
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            if (cc.hasText()) {
                gen.writeStringField("text", cc.getText());
            }
            gen.writeEndObject();
        }
        if (mr.hasSubject() && mr.getSubject().hasReference()) {
            gen.writeObjectFieldStart("subject");
            gen.writeStringField("reference", mr.getSubject().getReference());
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }
}
