package org.mbccds.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Builds the expensive shared objects once at start-up: the FHIR context, the ValueSets, the drug catalog. */
@ApplicationScoped
public class TerminologyProducer {

    @ConfigMapping(prefix = "mbc.knowledge")
    public interface KnowledgeConfig {
        /** Directory with the FHIR ValueSets and NamingSystems (fhir-profiles/). */
        @WithDefault("fhir-profiles")
        Path profilesDir();

        /** Directory with the rules as YAML (cards/). */
        @WithDefault("cards")
        Path cardsDir();
    }

    @Produces
    @Singleton
    @Startup
    FhirContext fhirContext() {
        return configure(FhirContext.forR4());
    }

    /** The settings of the service's FHIR context, for the harnesses and tools that build their own. */
    public static FhirContext configure(FhirContext ctx) {
        // Real EHR data carries unknown elements and odd values: read what we can, never fail on extras, log nothing
        // (resource content may be PHI).
        ctx.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        // The only resources the service encodes are the draft orders of its own suggestions, whose references are
        // plain strings: there is nothing to contain, and HAPI's search for it was 16 % of encoding them (JFR,
        // docs/performance.md).
        ctx.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return ctx;
    }

    @Produces
    @Singleton
    @Startup
    Terminology terminology(FhirContext ctx, KnowledgeConfig config) {
        return Terminology.load(config.profilesDir(), ctx);
    }

    @Produces
    @Singleton
    @Startup
    DrugCatalog drugCatalog(Terminology terminology) {
        return DrugCatalog.from(terminology);
    }
}
