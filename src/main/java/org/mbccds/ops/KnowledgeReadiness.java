package org.mbccds.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mbccds.knowledge.KnowledgeBase;
import org.mbccds.knowledge.KnowledgeVersion;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.Terminology;

/**
 * Ready when the knowledge a hook call needs is in memory: the rules of cards/ and the ValueSets and drug catalog of
 * fhir-profiles/. A bad file stops start-up altogether, so in practice this says which knowledge version a replica
 * serves; the counts guard against empty directories (a wrong mbc.knowledge.* path that loads nothing). The
 * feedback database is deliberately not part of readiness: hook calls never use it, and a database outage must not
 * take the cards away (its own check is the "feedback" health group).
 */
@Readiness
@ApplicationScoped
public class KnowledgeReadiness implements HealthCheck {
    private final KnowledgeBase knowledge;
    private final Terminology terminology;
    private final DrugCatalog drugs;

    KnowledgeReadiness(KnowledgeBase knowledge, Terminology terminology, DrugCatalog drugs) {
        this.knowledge = knowledge;
        this.terminology = terminology;
        this.drugs = drugs;
    }

    @Override
    public HealthCheckResponse call() {
        KnowledgeVersion version = knowledge.version();
        int rules = knowledge.rules().size();
        int valueSets = terminology.valueSets().size();
        int drugConcepts = drugs.concepts().size();
        return HealthCheckResponse.named("knowledge")
                .status(rules > 0 && valueSets > 0 && drugConcepts > 0)
                .withData("knowledgeVersion", version.version())
                .withData("specReviewed", version.specReviewed())
                .withData("rules", rules)
                .withData("valueSets", valueSets)
                .withData("drugConcepts", drugConcepts)
                .build();
    }
}
