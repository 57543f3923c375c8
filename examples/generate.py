#!/usr/bin/env python3
"""Builds the example CDS Hooks requests in this folder from the shared example records (run from the repo root)."""
import json
import uuid

KEYS = {'Patient': 'patient', 'Condition': 'conditions', 'Observation': 'observations',
        'MedicationStatement': 'medStatements', 'MedicationRequest': 'medRequests',
        'MedicationAdministration': 'medAdministrations'}
SRC = 'src/test/resources/examples/'


def prefetch(bundle_path):
    resources = [e['resource'] for e in json.load(open(SRC + bundle_path))['entry']]
    patient = next(r for r in resources if r['resourceType'] == 'Patient')
    pf = {'patient': patient}
    for rtype, key in KEYS.items():
        if rtype == 'Patient':
            continue
        items = [r for r in resources if r['resourceType'] == rtype]
        pf[key] = {"resourceType": "Bundle", "type": "searchset", "total": len(items),
                   "entry": [{"fullUrl": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, rtype + '/' + r['id'])),
                              "resource": r} for r in items]}
    return patient['id'], pf


def order(order_id, patient_id, rxnorm, display):
    return {"resourceType": "MedicationRequest", "id": order_id, "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/" + patient_id},
            "medicationCodeableConcept": {"text": display, "coding": [
                {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": rxnorm, "display": display}]}}


def write(name, hook, patient_id, pf, orders=None):
    request = {"hookInstance": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "hook": hook,
               "context": {"userId": "Practitioner/example", "patientId": patient_id}, "prefetch": pf}
    if orders:
        request["context"]["draftOrders"] = {"resourceType": "Bundle", "type": "collection",
                                             "entry": [{"resource": o} for o in orders]}
        if hook == 'order-select':
            request["context"]["selections"] = ["MedicationRequest/" + o["id"] for o in orders]
    with open('examples/' + name + '.json', 'w') as f:
        json.dump(request, f, indent=2)


p1, pf1 = prefetch('trial-matching/TrialMatching_Patient01.json')
p2, pf2 = prefetch('trial-matching/TrialMatching_Patient02.json')
pj, pfj = prefetch('mcode/Bundle-mcode-patient-bundle-jenny-m.json')
write('patient-view-trial-matching-01', 'patient-view', p1, pf1)
write('patient-view-trial-matching-02', 'patient-view', p2, pf2)
write('patient-view-mcode-jenny-not-metastatic', 'patient-view', pj, pfj)
write('order-select-trial-matching-01-trastuzumab', 'order-select', p1, pf1,
      [order('order-trastuzumab', p1, '224905', 'trastuzumab')])
write('order-sign-trial-matching-01-letrozole-tamoxifen', 'order-sign', p1, pf1,
      [order('order-letrozole', p1, '200064', 'letrozole 2.5 MG Oral Tablet'),
       order('order-tamoxifen', p1, '198240', 'tamoxifen 10 MG Oral Tablet')])
