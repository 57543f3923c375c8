package org.mbccds.knowledge;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.TerminologyProducer;

/** Loads and checks cards/ once, at start-up. */
@ApplicationScoped
public class KnowledgeProducer {

    @ConfigMapping(prefix = "mbc.rules")
    public interface RulesConfig {
        /**
         * Rules tagged [U] (approvals or positions the spec could not confirm) are shown with that status by default;
         * false leaves those options out. Order checks always stay: a safety warning is never switched off.
         */
        @WithDefault("true")
        boolean includeUnconfirmed();
    }

    @Produces
    @Singleton
    @Startup
    KnowledgeBase knowledgeBase(TerminologyProducer.KnowledgeConfig paths, DrugCatalog drugs, RulesConfig rules) {
        return KnowledgeBase.load(paths.cardsDir(), drugs, rules.includeUnconfirmed());
    }

    @Produces
    @Singleton
    DecisionEngine decisionEngine(KnowledgeBase knowledge) {
        return new DecisionEngine(knowledge);
    }
}
