#!/usr/bin/env python3
"""Seeded synthetic CDS Hooks requests for benchmarks (python3 stdlib only).

Shaped like the shared examples (examples/*.json) and Synthea output: a Patient; a breast primary and distant
metastases; stage group and M category; ER/PR/HER2 in mixed encodings (SNOMED and LOINC answers, percentages,
free text, ISH ratio as text); genomic variant Observations; menopausal status; disease-status progression; many
vitals and labs that the service does not read; MedicationStatements, MedicationRequests and
MedicationAdministrations over years, most with a medicationReference to a Medication carried in the same Bundle
(search.mode "include", as _include returns it), some with medicationCodeableConcept (supportive and other drugs).

Every request fills the prefetch keys patient, conditions, observations, medStatements, medRequests and
medAdministrations; order-select and order-sign add context.draftOrders (and selections).

    python3 bench/gen_records.py OUT_DIR [--sizes 50,300,1000] [--seed 42]

writes OUT_DIR/{patient-view,order-select,order-sign}-{N}.json and OUT_DIR/record-{N}.json (the resources by
prefetch key, for the FHIR-server fallback benchmark). N counts every resource in the prefetch (Medications too).
"""
import argparse
import datetime
import json
import os
import random

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
V3_INTERP = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
HGNC = "http://www.genenames.org/geneId"
OBS_CAT = "http://terminology.hl7.org/CodeSystem/observation-category"

# Vitals and labs as Synthea writes them: (loinc, display, unit, low, high, category). Not in our code list.
OTHER_OBS = [
    ("8302-2", "Body Height", "cm", 150, 180, "vital-signs"),
    ("29463-7", "Body Weight", "kg", 50, 95, "vital-signs"),
    ("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 18, 35, "vital-signs"),
    ("8867-4", "Heart rate", "/min", 55, 100, "vital-signs"),
    ("9279-1", "Respiratory rate", "/min", 12, 20, "vital-signs"),
    ("8310-5", "Body temperature", "Cel", 36, 38, "vital-signs"),
    ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "{score}", 0, 7, "vital-signs"),
    ("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 3, 11, "laboratory"),
    ("789-8", "Erythrocytes [#/volume] in Blood by Automated count", "10*6/uL", 3.8, 5.2, "laboratory"),
    ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 10, 15, "laboratory"),
    ("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "%", 32, 45, "laboratory"),
    ("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 150, 400, "laboratory"),
    ("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70, 140, "laboratory"),
    ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3, "laboratory"),
    ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7, 56, "laboratory"),
    ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 10, 40, "laboratory"),
    ("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 44, 147, "laboratory"),
    ("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 8.5, 10.5, "laboratory"),
    ("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.1, "laboratory"),
    ("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 135, 145, "laboratory"),
    ("83112-3", "Cancer Ag 15-3 [Units/volume] in Serum or Plasma", "U/mL", 10, 120, "laboratory"),
]

# Anticancer history: (rxnorm of the Medication, display, start offset days from metastasis, days, reason code).
ADJUVANT = [("199224", "Anastrozole 1 MG Oral Tablet")]
LINES = [
    [("200064", "Letrozole 2.5 MG Oral Tablet"), ("1601380", "palbociclib 125 MG Oral Capsule")],
    [("1156671", "fulvestrant Injectable Product"), ("1946840", "abemaciclib 150 MG Oral Tablet")],

]
ZOLEDRONIC = ("351114", "5 ML zoledronic acid 0.8 MG/ML Injection")
# Other drugs Synthea gives (not ours: read by code, then by name, and ignored).
OTHER_MEDS = [("314076", "lisinopril 10 MG Oral Tablet"), ("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
              ("312086", "ondansetron 4 MG Oral Tablet"), ("313782", "Acetaminophen 325 MG Oral Tablet"),
              ("197361", "amLODIPine 5 MG Oral Tablet"), ("310798", "Hydrochlorothiazide 25 MG Oral Tablet"),
              ("1049221", "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet"),
              ("849574", "Naproxen sodium 220 MG Oral Tablet")]


class Gen:
    def __init__(self, seed, size):
        self.r = random.Random(seed * 100003 + size)
        self.pid = "bench-patient-%d" % size
        self.n = 0
        self.met = datetime.date(2021, 3, 1) + datetime.timedelta(days=self.r.randint(0, 200))

    def id(self, prefix):
        self.n += 1
        return "%s-%05d" % (prefix, self.n)

    def subject(self):
        return {"reference": "Patient/" + self.pid}

    def day(self, d):
        return d.isoformat()

    def dt(self, d):
        return "%sT%02d:%02d:00-05:00" % (d.isoformat(), self.r.randint(7, 17), self.r.randint(0, 59))

    def patient(self):
        return {"resourceType": "Patient", "id": self.pid,
                "meta": {"profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},
                "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Generated by bench</div>"},
                "extension": [{"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", "valueCode": "F"}],
                "identifier": [{"system": "https://github.com/synthetichealth/synthea", "value": self.pid}],
                "name": [{"use": "official", "family": "Bench%d" % self.r.randint(100, 999), "given": ["Ada"], "prefix": ["Mrs."]}],
                "telecom": [{"system": "phone", "value": "555-%03d-%04d" % (self.r.randint(100, 999), self.r.randint(0, 9999)), "use": "home"}],
                "gender": "female", "birthDate": "19%02d-%02d-%02d" % (self.r.randint(45, 70), self.r.randint(1, 12), self.r.randint(1, 28)),
                "address": [{"line": ["1 Bench Way"], "city": "Boston", "state": "MA", "postalCode": "02110", "country": "US"}],
                "maritalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code": "M"}]}}

    def condition(self, system, code, display, onset, category="encounter-diagnosis", body_site=None):
        c = {"resourceType": "Condition", "id": self.id("cond"),
             "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
             "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]},
             "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": category}]}],
             "code": {"coding": [{"system": system, "code": code, "display": display}], "text": display},
             "subject": self.subject(), "onsetDateTime": self.dt(onset), "recordedDate": self.dt(onset)}
        if body_site:
            c["bodySite"] = [{"coding": [{"system": SNOMED, "code": body_site[0], "display": body_site[1]}]}]
        return c

    def obs(self, code, display, when, value, category="laboratory", extra=None):
        o = {"resourceType": "Observation", "id": self.id("obs"), "status": "final",
             "category": [{"coding": [{"system": OBS_CAT, "code": category}]}],
             "code": {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display},
             "subject": self.subject(), "effectiveDateTime": self.dt(when), "issued": self.dt(when)[:10] + "T12:00:00.000-05:00"}
        o.update(value)
        if extra:
            o.update(extra)
        return o

    @staticmethod
    def cc(system, code, display):
        return {"valueCodeableConcept": {"coding": [{"system": system, "code": code, "display": display}], "text": display}}

    def oncology_observations(self):
        m, r = self.met, self.r
        dx = m - datetime.timedelta(days=r.randint(1500, 2200))
        out = [
            self.obs("21908-9", "Stage group.clinical Cancer", m, {"valueCodeableConcept": {"coding": [{"system": "http://cancerstaging.org", "code": "4", "display": "IV"}]}}),
            self.obs("21907-1", "Distant metastases.clinical [Class] Cancer", m, self.cc(SNOMED, "1229903009", "American Joint Committee on Cancer cM1 (qualifier value)")),
            # ER: SNOMED answer, LOINC answer, percentage; PR: percentage and v3 interpretation; HR combined (Synthea).
            self.obs("85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain", dx, self.cc(SNOMED, "10828004", "Positive (qualifier value)")),
            self.obs("16112-5", "Estrogen receptor [Interpretation] in Tissue", m, self.cc(LOINC, "LA6576-8", "Positive")),
            self.obs("85329-1", "Cells.estrogen receptor/100 cells in Breast cancer specimen by Immune stain", m, {"valueQuantity": {"value": r.choice([70, 85, 95]), "unit": "%", "system": UCUM, "code": "%"}}),
            self.obs("85325-9", "Cells.progesterone receptor/100 cells in Breast cancer specimen by Immune stain", m, {"valueQuantity": {"value": r.choice([20, 40, 60]), "unit": "%", "system": UCUM, "code": "%"}}),
            self.obs("16113-3", "Progesterone receptor [Interpretation] in Tissue", dx, {"interpretation": [{"coding": [{"system": V3_INTERP, "code": "POS"}]}], "valueString": "positive"}),
            self.obs("10480-2", "Estrogen+Progesterone receptor Ag [Presence] in Tissue by Immune stain", dx, self.cc(SNOMED, "10828004", "Positive (qualifier value)")),
            # HER2: IHC 1+ coded, IHC 2+ in text with an ISH ratio written as text (Synthea), ISH negative coded.
            self.obs("85319-2", "HER2 [Presence] in Breast cancer specimen by Immune stain", dx, self.cc(LOINC, "LA11841-6", "1+")),
            self.obs("18474-7", "HER2 Ag [Presence] in Tissue by Immune stain", m, {"valueString": "Score 2+ (equivocal), incomplete membrane staining"}),
            self.obs("49683-6", "HER2/Chromosome 17 [# Ratio] in Tissue by FISH", m, {"valueString": "less than 2.0"}),
            self.obs("85318-4", "HER2 [Presence] in Breast cancer specimen by FISH", m, self.cc(SNOMED, "260385009", "Negative (qualifier value)")),
        ]
        # Menopausal status (SNOMED observable) and disease status worsened (mCODE).
        meno = self.obs("0", "Menopausal status", dx, self.cc(SNOMED, "76498008", "Postmenopausal state"))
        meno["code"] = {"coding": [{"system": SNOMED, "code": "161712005", "display": "Menopausal status"}]}
        out.append(meno)
        out.append(self.obs("97509-4", "Cancer disease progression", m + datetime.timedelta(days=r.randint(380, 460)),
                            self.cc(SNOMED, "271299001", "Patient's condition worsened (finding)")))
        # Genomic variants: ESR1 and PIK3CA present; BRCA2 germline absent.
        for hgnc, gene, value in (("HGNC:3467", "ESR1", ("LA9633-4", "Present")), ("HGNC:8975", "PIK3CA", ("LA9633-4", "Present")),
                                  ("HGNC:1101", "BRCA2", ("LA9634-2", "Absent"))):
            v = self.obs("69548-6", "Genetic variant assessment", m + datetime.timedelta(days=r.randint(10, 300)), self.cc(LOINC, value[0], value[1]))
            v["component"] = [{"code": {"coding": [{"system": LOINC, "code": "48018-6", "display": "Gene studied [ID]"}]},
                               "valueCodeableConcept": {"coding": [{"system": HGNC, "code": hgnc, "display": gene}]}},
                              {"code": {"coding": [{"system": LOINC, "code": "48002-0", "display": "Genomic source class [Type]"}]},
                               "valueCodeableConcept": {"coding": [{"system": LOINC, "code": "LA6684-0" if gene != "BRCA2" else "LA6683-2",
                                                                    "display": "Somatic" if gene != "BRCA2" else "Germline"}]}}]
            out.append(v)
        out.append(self.obs("85147-7", "PD-L1 by clone 22C3 [Interpretation] in Tissue", m, {"valueQuantity": {"value": 5, "unit": "CPS"},
                            "method": {"text": "22C3 pharmDx, combined positive score (CPS)"}}))
        return out

    def other_observation(self):
        code, display, unit, lo, hi, cat = self.r.choice(OTHER_OBS)
        when = self.met - datetime.timedelta(days=self.r.randint(-700, 3000))
        val = round(self.r.uniform(lo, hi), 1)
        o = self.obs(code, display, when, {"valueQuantity": {"value": val, "unit": unit, "system": UCUM, "code": unit}}, cat)
        if self.r.random() < 0.15:  # a blood-pressure panel with components
            o["code"] = {"coding": [{"system": LOINC, "code": "85354-9", "display": "Blood pressure panel with all children optional"}]}
            del o["valueQuantity"]
            o["component"] = [{"code": {"coding": [{"system": LOINC, "code": "8480-6", "display": "Systolic Blood Pressure"}]},
                               "valueQuantity": {"value": self.r.randint(100, 150), "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]"}},
                              {"code": {"coding": [{"system": LOINC, "code": "8462-4", "display": "Diastolic Blood Pressure"}]},
                               "valueQuantity": {"value": self.r.randint(60, 95), "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]"}}]
        return o

    def medication(self, rxnorm, display):
        return {"resourceType": "Medication", "id": self.id("med"),
                "code": {"coding": [{"system": RXNORM, "code": rxnorm, "display": display}], "text": display}, "status": "active"}

    def med_statement(self, med, start, end, status, reason=None):
        ms = {"resourceType": "MedicationStatement", "id": self.id("ms"), "status": status,
              "medicationReference": {"reference": "Medication/" + med["id"], "display": med["code"]["text"]},
              "subject": self.subject(), "effectivePeriod": {"start": self.dt(start)}, "dateAsserted": self.dt(start)}
        if end:
            ms["effectivePeriod"]["end"] = self.dt(end)
        if reason:
            ms["statusReason"] = [{"coding": [{"system": SNOMED, "code": reason[0], "display": reason[1]}]}]
        return ms

    def med_request(self, med_or_code, start, end, status):
        mr = {"resourceType": "MedicationRequest", "id": self.id("mr"), "status": status, "intent": "order",
              "subject": self.subject(), "authoredOn": self.dt(start),
              "requester": {"reference": "Practitioner/bench-onc", "display": "Dr. Bench"},
              "dosageInstruction": [{"sequence": 1, "text": "as directed", "timing": {"repeat": {"boundsPeriod": {"start": self.day(start)}}}}]}
        if end:
            mr["dosageInstruction"][0]["timing"]["repeat"]["boundsPeriod"]["end"] = self.day(end)
        if "resourceType" in med_or_code:
            mr["medicationReference"] = {"reference": "Medication/" + med_or_code["id"]}
        else:
            mr["medicationCodeableConcept"] = {"coding": [{"system": RXNORM, "code": med_or_code["code"], "display": med_or_code["display"]}],
                                               "text": med_or_code["display"]}
        return mr

    def med_admin(self, med, when):
        return {"resourceType": "MedicationAdministration", "id": self.id("ma"), "status": "completed",
                "medicationReference": {"reference": "Medication/" + med["id"]}, "subject": self.subject(),
                "effectivePeriod": {"start": self.dt(when), "end": self.dt(when)},
                "dosage": {"route": {"coding": [{"system": SNOMED, "code": "47625008", "display": "Intravenous route"}]},
                           "dose": {"value": 4, "unit": "mg", "system": UCUM, "code": "mg"}}}

    def record(self, size):
        """Resources by prefetch key; medication Bundles carry their Medications (search.mode include)."""
        r, m = self.r, self.met
        patient = self.patient()
        dx = m - datetime.timedelta(days=r.randint(1500, 2200))
        conditions = [
            self.condition(ICD10, "C50.911", "Malignant neoplasm of unspecified site of right female breast", dx, "problem-list-item",
                           ("80248007", "Right breast structure")),
            self.condition(SNOMED, "254837009", "Malignant neoplasm of breast (disorder)", dx),
            self.condition(SNOMED, "94222008", "Secondary malignant neoplasm of bone (disorder)", m),
            self.condition(ICD10, "C78.7", "Secondary malignant neoplasm of liver and intrahepatic bile duct", m + datetime.timedelta(days=400)),
        ]
        observations = self.oncology_observations()
        meds, statements, requests, admins = [], [], [], []
        medication_by_code = {}

        def med(code, display):
            if code not in medication_by_code:
                medication_by_code[code] = self.medication(code, display)
                meds.append(medication_by_code[code])
            return medication_by_code[code]

        # Adjuvant endocrine therapy, then three metastatic lines; the last progression has a stop reason.
        for code, display in ADJUVANT:
            md = med(code, display)
            start, end = dx + datetime.timedelta(days=60), dx + datetime.timedelta(days=60 + 5 * 365)
            statements.append(self.med_statement(md, start, min(end, m - datetime.timedelta(days=30)), "completed"))
        start = m + datetime.timedelta(days=14)
        for i, line in enumerate(LINES):
            days = 420 if i == 0 else 300
            for code, display in line:
                md = med(code, display)
                last = i == len(LINES) - 1
                statements.append(self.med_statement(md, start, None if last else start + datetime.timedelta(days=days),
                                                     "active" if last else "completed",
                                                     None if last or i == 0 else ("266721009", "Absent response to treatment (situation)")))
                requests.append(self.med_request(md, start, None if last else start + datetime.timedelta(days=days),
                                                 "active" if last else "completed"))
            start = start + datetime.timedelta(days=days + 10)
        zol = med(*ZOLEDRONIC)
        other_meds = [med(c, d) for c, d in OTHER_MEDS[:4]]

        def count():
            return 1 + len(conditions) + len(observations) + len(meds) + len(statements) + len(requests) + len(admins)

        # Fill to size: mostly vitals and labs, then monthly zoledronic acid, other drugs, other conditions.
        k = 0
        while count() < size:
            k += 1
            roll = r.random()
            when = m - datetime.timedelta(days=r.randint(-700, 3000))
            if roll < 0.62:
                observations.append(self.other_observation())
            elif roll < 0.74:
                admins.append(self.med_admin(zol, m + datetime.timedelta(days=28 * r.randint(1, 40))))
            elif roll < 0.84:
                om = r.choice(OTHER_MEDS)
                if r.random() < 0.5:
                    requests.append(self.med_request({"code": om[0], "display": om[1]}, when, when + datetime.timedelta(days=90), "completed"))
                else:
                    statements.append(self.med_statement(r.choice(other_meds), when, when + datetime.timedelta(days=30), "completed"))
            elif roll < 0.92:
                requests.append(self.med_request(r.choice(other_meds), when, when + datetime.timedelta(days=30), "stopped"))
            else:
                c = r.choice([("38341003", "Hypertension"), ("44054006", "Diabetes"), ("55822004", "Hyperlipidemia"),
                              ("195662009", "Acute viral pharyngitis (disorder)"), ("10509002", "Acute bronchitis (disorder)"),
                              ("162864005", "Body mass index 30+ - obesity (finding)"), ("271737000", "Anemia (disorder)")])
                conditions.append(self.condition(SNOMED, c[0], c[1], when))
        return {"patient": patient, "conditions": conditions, "observations": observations,
                "medStatements": statements, "medRequests": requests, "medAdministrations": admins, "medications": meds}


def referenced(resources, meds):
    """The Medications a list of medication resources references, as _include would return them."""
    ids = {res["medicationReference"]["reference"].split("/")[1] for res in resources if "medicationReference" in res}
    return [m for m in meds if m["id"] in ids]


def bundle(resources, includes=()):
    entries = [{"fullUrl": "urn:uuid:%s" % res["id"], "resource": res, "search": {"mode": "match"}} for res in resources]
    entries += [{"fullUrl": "urn:uuid:%s" % res["id"], "resource": res, "search": {"mode": "include"}} for res in includes]
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources), "entry": entries}


def prefetch(rec):
    meds = rec["medications"]
    return {"patient": rec["patient"], "conditions": bundle(rec["conditions"]), "observations": bundle(rec["observations"]),
            "medStatements": bundle(rec["medStatements"], referenced(rec["medStatements"], meds)),
            "medRequests": bundle(rec["medRequests"], referenced(rec["medRequests"], meds)),
            "medAdministrations": bundle(rec["medAdministrations"], referenced(rec["medAdministrations"], meds))}


def draft(order_id, pid, rxnorm, display):
    return {"resourceType": "MedicationRequest", "id": order_id, "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/" + pid},
            "medicationCodeableConcept": {"text": display, "coding": [{"system": RXNORM, "code": rxnorm, "display": display}]}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sizes", default="50,300,1000")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for size in [int(s) for s in a.sizes.split(",")]:
        g = Gen(a.seed, size)
        rec = g.record(size)
        pf = prefetch(rec)
        n = sum(len(v["entry"]) if v["resourceType"] == "Bundle" else 1 for v in pf.values())
        base = {"hookInstance": "00000000-0000-4000-8000-%012d" % size, "context": {"userId": "Practitioner/bench", "patientId": g.pid},
                "prefetch": pf}
        orders = {"order-select": [draft("draft-trastuzumab", g.pid, "224905", "trastuzumab")],
                  "order-sign": [draft("draft-letrozole", g.pid, "200064", "letrozole 2.5 MG Oral Tablet"),
                                 draft("draft-tamoxifen", g.pid, "198240", "tamoxifen 10 MG Oral Tablet")]}
        for hook in ("patient-view", "order-select", "order-sign"):
            req = json.loads(json.dumps(base))
            req["hook"] = hook
            if hook != "patient-view":
                req["context"]["draftOrders"] = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": o} for o in orders[hook]]}
                if hook == "order-select":
                    req["context"]["selections"] = ["MedicationRequest/" + o["id"] for o in orders[hook]]
            with open(os.path.join(a.out, "%s-%d.json" % (hook, size)), "w") as f:
                json.dump(req, f, separators=(",", ":"))
        with open(os.path.join(a.out, "record-%d.json" % size), "w") as f:
            json.dump({"patientId": g.pid, "prefetch": pf}, f, separators=(",", ":"))
        print("size %d: %d resources in the prefetch" % (size, n))


if __name__ == "__main__":
    main()
