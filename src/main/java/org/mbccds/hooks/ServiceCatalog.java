package org.mbccds.hooks;

import jakarta.enterprise.context.ApplicationScoped;
import org.mbccds.cdshooks.ServiceDescriptor;
import org.mbccds.record.PrefetchCatalog;

import java.util.List;
import java.util.Optional;

/** The services we offer. All three declare the same prefetch, so any hook can be answered from it alone. */
@ApplicationScoped
public class ServiceCatalog {
    public enum Kind { PATIENT_VIEW, ORDER_SELECT, ORDER_SIGN }

    public record Service(String id, Kind kind, ServiceDescriptor descriptor) {
        public String hook() {
            return descriptor.hook();
        }
    }

    private final List<Service> services;

    public ServiceCatalog(PrefetchCatalog prefetch) {
        var templates = prefetch.templates();
        this.services = List.of(
                new Service("mbc-patient-view", Kind.PATIENT_VIEW, new ServiceDescriptor("patient-view",
                        "Metastatic breast cancer: next-line therapy options",
                        "For patients with metastatic (stage IV) breast cancer: subtype, HER2 category, line of therapy and the"
                                + " facts behind them; ranked guideline-consistent next-line options with evidence and source;"
                                + " missing tests; bone-modifying agent and clinical-trial consideration.",
                        "mbc-patient-view", templates, "FHIR R4. Reads Patient, Condition, Observation, MedicationStatement,"
                        + " MedicationRequest and MedicationAdministration of the patient.")),
                new Service("mbc-order-select", Kind.ORDER_SELECT, new ServiceDescriptor("order-select",
                        "Metastatic breast cancer: order check",
                        "Checks a selected anticancer medication order against the tumour's biology (ER/PR/HER2, biomarkers),"
                                + " the treatment history and menopausal status; warns on conflicts and suggests the consistent"
                                + " alternative.",
                        "mbc-order-select", templates, "FHIR R4 MedicationRequest draft orders (medicationCodeableConcept or"
                        + " medicationReference).")),
                new Service("mbc-order-sign", Kind.ORDER_SIGN, new ServiceDescriptor("order-sign",
                        "Metastatic breast cancer: order check at signing",
                        "Checks every draft anticancer medication order before signing, with the same rules as the order-select"
                                + " check.",
                        "mbc-order-sign", templates, "FHIR R4 MedicationRequest draft orders.")));
    }

    public List<Service> all() {
        return services;
    }

    public Optional<Service> byId(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
