package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.mbccds.cards.CardRenderer;
import org.mbccds.cdshooks.CardId;
import org.mbccds.feedback.FeedbackConfig;
import org.mbccds.feedback.FeedbackItem;
import org.mbccds.feedback.FeedbackParser;
import org.mbccds.feedback.FeedbackReport;
import org.mbccds.feedback.FeedbackStore;
import org.mbccds.feedback.Receipt;
import org.mbccds.knowledge.KnowledgeBase;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CDS Hooks feedback (shared/knowledge/cds-hooks-2.0.md §1.6): every item is checked, then all are stored in one
 * transaction that is committed before the 200, so nothing acknowledged is lost; a malformed item refuses the whole
 * request. Repeats are stored once. The report counts per service, card topic (the rule behind the card), card uuid
 * and override reason.
 */
@Path("/cds-services/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private static final Logger LOG = Logger.getLogger(FeedbackResource.class);
    private static final int DEFAULT_REPORT_CARDS = 100;
    private static final int MAX_REPORT_CARDS = 1000;

    private final ServiceCatalog catalog;
    private final FeedbackStore store;
    private final FeedbackConfig config;
    private final JsonBody json;
    private final Clock clock;
    private final Map<String, FeedbackReport.Topic> topics;

    FeedbackResource(ServiceCatalog catalog, FeedbackStore store, FeedbackConfig config, JsonBody json, Clock clock,
                     KnowledgeBase knowledge) {
        this.catalog = catalog;
        this.store = store;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.topics = CardRenderer.topics(knowledge.rules()).stream().collect(Collectors.toUnmodifiableMap(
                t -> CardId.topicKey(t.code()), t -> new FeedbackReport.Topic(t.code(), t.display()), (a, b) -> a));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Receipt receive(@PathParam("id") String id, byte[] body) {
        ServiceCatalog.Service service = service(id);
        JsonNode request = json.read(body, "{\"feedback\": [ ... ]}");
        JsonNode list = request.path("feedback");
        if (list.isArray() && list.size() > config.maxItems()) {
            throw new HookError(413, "At most " + config.maxItems() + " feedback items per request, got " + list.size()
                    + "; nothing was stored, send them in smaller batches");
        }
        List<FeedbackItem> items = FeedbackParser.parse(request);
        long start = System.nanoTime();
        Receipt receipt = store.store(service.id(), items, clock.instant());
        LOG.infof("feedback service=%s received=%d stored=%d duplicates=%d ms=%d", service.id(), receipt.received(),
                receipt.stored(), receipt.duplicates(), (System.nanoTime() - start) / 1_000_000);
        return receipt;
    }

    /** {@code ?cards=N} bounds the per-card list (default 100, at most 1000). */
    @GET
    @Path("/report")
    public FeedbackReport report(@PathParam("id") String id, @QueryParam("cards") String cards) {
        ServiceCatalog.Service service = service(id);
        int limit = DEFAULT_REPORT_CARDS;
        if (cards != null) {
            try {
                limit = Integer.parseInt(cards);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0 || limit > MAX_REPORT_CARDS) {
                throw HookError.badRequest("'cards' must be a whole number from 0 to " + MAX_REPORT_CARDS);
            }
        }
        return store.report(service.id(), limit, topics);
    }

    private ServiceCatalog.Service service(String id) {
        return catalog.byId(id)
                .orElseThrow(() -> new HookError(404, "No CDS service with id '" + id + "'; GET /cds-services lists them"));
    }
}
