package org.mbccds.record;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patient's FHIR data for one hook call, from prefetch and the FHIR server, with the draft orders of the
 * ordering session and the gaps in what could be read. Immutable once assembled.
 *
 * @param incompleteResourceTypes resource types some of whose data could not be read (a prefetch key left unread)
 */
public record PatientRecord(
        String patientId,
        Optional<Patient> patient,
        List<Condition> conditions,
        List<Observation> observations,
        List<Procedure> procedures,
        List<MedicationStatement> medicationStatements,
        List<MedicationRequest> medicationRequests,
        List<MedicationAdministration> medicationAdministrations,
        Map<String, Medication> medications,
        List<DraftOrder> draftOrders,
        List<DataGap> gaps,
        List<String> notes,
        Set<String> incompleteResourceTypes) {

    /** A record read in full (no prefetch key left unread). */
    public PatientRecord(String patientId, Optional<Patient> patient, List<Condition> conditions, List<Observation> observations,
                         List<Procedure> procedures, List<MedicationStatement> medicationStatements,
                         List<MedicationRequest> medicationRequests, List<MedicationAdministration> medicationAdministrations,
                         Map<String, Medication> medications, List<DraftOrder> draftOrders, List<DataGap> gaps, List<String> notes) {
        this(patientId, patient, conditions, observations, procedures, medicationStatements, medicationRequests,
                medicationAdministrations, medications, draftOrders, gaps, notes, Set.of());
    }

    public PatientRecord {
        conditions = List.copyOf(conditions);
        observations = List.copyOf(observations);
        procedures = List.copyOf(procedures);
        medicationStatements = List.copyOf(medicationStatements);
        medicationRequests = List.copyOf(medicationRequests);
        medicationAdministrations = List.copyOf(medicationAdministrations);
        medications = Map.copyOf(medications);
        draftOrders = List.copyOf(draftOrders);
        gaps = List.copyOf(gaps);
        notes = List.copyOf(notes);
        incompleteResourceTypes = Set.copyOf(incompleteResourceTypes);
    }

    /** False when some of this type's data could not be read: then a missing result means "not read", not "not done". */
    public boolean complete(String resourceType) {
        return !incompleteResourceTypes.contains(resourceType);
    }

    /**
     * Resolves a medicationReference: contained in its owner first, then any Medication read for this call, by the
     * reference as written (urn:uuid: in transaction bundles) or as "Medication/id".
     */
    public Optional<Medication> medication(Reference reference, DomainResource owner) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String ref = reference.getReference();
        if (ref.startsWith("#")) {
            String id = ref.substring(1);
            for (Resource contained : owner.getContained()) {
                if (contained instanceof Medication m && id.equals(contained.getIdElement().getIdPart())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
        Medication exact = medications.get(ref);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(medications.get(ResourceRefs.relative(ref)));
    }

    /** A reference to a resource for a card: "Observation/123". */
    public static String refOf(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }
}
