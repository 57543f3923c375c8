package org.mbccds.hooks;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.mbccds.cards.CardRenderer;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.ClinicalPictureFactory;
import org.mbccds.knowledge.DecisionEngine;
import org.mbccds.knowledge.Decisions;
import org.mbccds.record.DataGap;
import org.mbccds.record.PatientRecord;
import org.mbccds.record.RecordAssembler;
import org.mbccds.record.RecordUnavailableException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Runs one validated hook call through the flow: record -> clinical picture -> decisions -> cards. Logs carry the
 * hookInstance, the service and counts, never patient data.
 * <p>
 * While a call runs, every log line on its thread carries the hookInstance in the MDC (JSON logs show it as a field),
 * so the lines of one call can be found together. The call runs on one worker thread from here to the answer;
 * FHIR reads run on the HTTP client's threads and log nothing.
 */
@ApplicationScoped
class CdsServiceHandler {
    private static final Logger LOG = Logger.getLogger(CdsServiceHandler.class);
    static final String MDC_HOOK_INSTANCE = "hookInstance";

    private final RecordAssembler records;
    private final ClinicalPictureFactory pictures;
    private final DecisionEngine engine;
    private final CardRenderer renderer;
    private final Clock clock;
    private final HookMetrics metrics;

    CdsServiceHandler(RecordAssembler records, ClinicalPictureFactory pictures, DecisionEngine engine, CardRenderer renderer,
                      Clock clock, HookMetrics metrics) {
        this.records = records;
        this.pictures = pictures;
        this.engine = engine;
        this.renderer = renderer;
        this.clock = clock;
        this.metrics = metrics;
    }

    CdsServiceResponse handle(ValidatedCall call) {
        MDC.put(MDC_HOOK_INSTANCE, call.hookInstance());
        try {
            return run(call);
        } finally {
            // Worker threads are pooled: a value left behind would label the next call's lines.
            MDC.remove(MDC_HOOK_INSTANCE);
        }
    }

    private CdsServiceResponse run(ValidatedCall call) {
        long start = System.nanoTime();
        PatientRecord record = records.assemble(call.recordRequest());
        metrics.fetchFailures(record.gaps());
        ClinicalPicture picture = pictures.build(record, LocalDate.now(clock));
        List<Card> cards;
        if (call.service().kind() == ServiceCatalog.Kind.PATIENT_VIEW) {
            if (!picture.metastaticBreastCancer()) {
                refuseIfRequiredDataUnread(call, record);
            }
            Decisions decisions = engine.forPatient(picture);
            cards = renderer.patientCards(decisions);
        } else {
            cards = renderer.orderCards(engine.forOrders(picture));
        }
        metrics.cards(call.service().id(), cards);
        LOG.infof("hookInstance=%s service=%s cards=%d gaps=%d ms=%d", loggable(call.hookInstance()), call.service().id(), cards.size(),
                record.gaps().size(), (System.nanoTime() - start) / 1_000_000);
        return CdsServiceResponse.of(cards);
    }

    /**
     * patient-view found no metastatic breast cancer, but required data could not be read from the FHIR server: the
     * service cannot tell whether it applies, and {"cards": []} would say "nothing to advise" about a record it never
     * saw. CDS Hooks 2.0 §1.4: unable to access the FHIR server with required keys missing is a 412. (When the data
     * that was read does show metastatic breast cancer, the cards are given with a data-gap card instead.)
     */
    private static void refuseIfRequiredDataUnread(ValidatedCall call, PatientRecord record) {
        List<String> keys = record.gaps().stream().map(DataGap::requiredKey).flatMap(java.util.Optional::stream)
                .distinct().toList();
        if (keys.isEmpty()) {
            return;
        }
        String reasons = record.gaps().stream().filter(g -> g.requiredKey().isPresent()).map(DataGap::reason).distinct()
                .collect(java.util.stream.Collectors.joining("; "));
        LOG.infof("hookInstance=%s service=%s 412 unread=%s", loggable(call.hookInstance()), call.service().id(), keys);
        throw new RecordUnavailableException(keys, "Prefetch keys " + keys + " were not sent and could not be read from"
                + " the fhirServer (" + reasons + "), so whether this patient has metastatic breast cancer cannot be told");
    }

    /**
     * hookInstance is the client's text: a megabyte of it, or a newline that forges a second log line, must not reach
     * the log as sent. A UUID (what the spec asks for) passes unchanged.
     */
    static String loggable(String hookInstance) {
        int n = Math.min(hookInstance.length(), 64);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = hookInstance.charAt(i);
            sb.append(c < 0x7f && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_') ? c : '?');
        }
        return hookInstance.length() > n ? sb.append("...").toString() : sb.toString();
    }
}
