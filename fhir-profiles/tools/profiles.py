#!/usr/bin/env python3
"""Writes the StructureDefinitions (and the few union ValueSets their bindings need) to
fhir-profiles/structuredefinitions/.

The profiles describe the data mbc-cds reads, so an integration engineer can validate a record
(POST /fhir/Bundle/$validate) and see why something is not understood. They constrain FHIR R4 base
resources (not mCODE/US Core, see README.md) and are written as differentials only: HAPI generates the
snapshots when the validator loads them, so nothing here depends on a snapshot generator being run.

Each binding strength follows what the Java readers accept (org.mbccds.clinical.*):
  required   only where a value outside the set is refused by FHIR itself (status codes)
  extensible codes outside our ValueSet are allowed, but mbc-cds does not read them as that concept
  preferred  mbc-cds also recognises the thing another way (drug names in text), so another code is not a problem

Run: python3 fhir-profiles/tools/profiles.py  (standard library only; --check-only writes nothing)
"""
import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "structuredefinitions"
VALUESETS = Path(__file__).resolve().parent.parent / "valuesets"
SD_BASE = "https://mbc-cds.org/fhir/StructureDefinition/"
VS_BASE = "https://mbc-cds.org/fhir/ValueSet/"
R4 = "http://hl7.org/fhir/StructureDefinition/"
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
DATE = "2026-12-06"
VERSION = "2026.12.06"


def vs(id_):
    return VS_BASE + id_


def element(path, **fields):
    el = {"id": path, "path": path}
    el.update(fields)
    return el


def binding(strength, value_set, why):
    return {"strength": strength, "description": why, "valueSet": value_set}


def invariant(key, severity, human, expression, sd_id):
    return {"key": key, "severity": severity, "human": human, "expression": expression,
            "source": SD_BASE + sd_id}


def conformance_resource(resource_type, id_, url, title, description):
    """The metadata every StructureDefinition and ValueSet written here shares."""
    return {
        "resourceType": resource_type,
        "id": id_,
        "url": url,
        "version": VERSION,
        "name": "".join(p.capitalize() for p in id_.split("-")),
        "title": title,
        "status": "active",
        "experimental": False,
        "date": DATE,
        "publisher": "mbc-cds",
        "description": description,
    }


def profile(id_, type_, title, description, mcode, elements):
    return {
        **conformance_resource("StructureDefinition", id_, SD_BASE + id_, title, description + (" Corresponds to mCODE STU4 (4.0.0) " + mcode
                                       if mcode else " No mCODE STU4 counterpart (mCODE 4.0.0 dropped"
                                       " MedicationStatement); corresponds to mCODE STU1 CancerRelatedMedicationStatement")
                       + "; constrains the FHIR R4 base resource, not mCODE or US Core (fhir-profiles/README.md)."),
        "fhirVersion": "4.0.1",
        "kind": "resource",
        "abstract": False,
        "type": type_,
        "baseDefinition": R4 + type_,
        "derivation": "constraint",
        "differential": {"element": elements},
    }


def union_valueset(id_, title, description, members):
    for m in members:
        if not (VALUESETS / f"ValueSet-{m}.json").exists() and not list(VALUESETS.rglob(f"ValueSet-{m}.json")):
            raise SystemExit(f"{id_}: member ValueSet {m} does not exist under {VALUESETS}")
    return {
        **conformance_resource("ValueSet", id_, vs(id_), title, description
                               + " A union of the service's own ValueSets (one include per member), written by"
                                 " fhir-profiles/tools/profiles.py for a profile binding."),
        "compose": {"include": [{"valueSet": [vs(m)]} for m in members]},
    }


TUMOUR_MARKER_TESTS = [
    "er-test", "er-percent-test", "pr-test", "pr-percent-test", "hr-combined-test", "triple-negative-marker-test",
    "her2-ihc-test", "her2-interpretation-test", "her2-ish-test", "her2-ish-ratio-test", "her2-ish-copy-number-test",
    "ki67-test", "pdl1-test", "pdl1-22c3-test", "msi-test", "tmb-test",
]


def drug_ids():
    return sorted(p.name[len("ValueSet-"):-len(".json")] for p in (VALUESETS / "drugs").glob("ValueSet-drug-*.json"))


def build():
    out = []
    out.append(union_valueset(
        "primary-cancer-condition-code", "Primary breast cancer condition codes",
        "Condition codes mbc-cds reads as a primary breast cancer: breast-cancer-primary plus the receptor-status"
        " disorders of breast-cancer-marker-disorder (MetastaticReader.breastPrimary).",
        ["breast-cancer-primary", "breast-cancer-marker-disorder"]))
    out.append(union_valueset(
        "tumour-marker-test-code", "Tumour marker test codes",
        "Observation codes mbc-cds reads as a tumour marker result (ReceptorReader, BiomarkerReader).",
        TUMOUR_MARKER_TESTS))
    out.append(union_valueset(
        "genomic-variant-value", "Genomic variant results",
        "Variant assessment values mbc-cds reads: present (detected) or absent (BiomarkerReader.variant).",
        ["present-value", "absent-value"]))
    out.append(union_valueset(
        "cancer-medication", "Cancer-related medications mbc-cds recognises by code",
        "Every drug concept of valuesets/drugs/ (RxNorm IN/PIN/BN/SCD/SBD and ATC codes).", drug_ids()))

    p = "mbc-primary-cancer-condition"
    out.append(profile(p, "Condition", "mbc-cds Primary Breast Cancer Condition",
                       "A primary breast cancer as mbc-cds reads it: the code names a breast primary (any C50"
                       " ICD-10-CM code or a listed SNOMED breast cancer); never a metastasis to the breast (C79.81),"
                       " an in-situ or a history-only code.",
                       "PrimaryCancerCondition (" + MCODE + "mcode-primary-cancer-condition)", [
        element("Condition", constraint=[invariant(
            "mbc-cond-date", "warning",
            "A date (onsetDateTime, onsetPeriod or recordedDate) dates the diagnosis on the card; without it the fact"
            " is shown undated",
            "onset.exists() or recordedDate.exists()", p)]),
        element("Condition.verificationStatus", mustSupport=True,
                short="entered-in-error and refuted conditions are ignored"),
        element("Condition.code", min=1, mustSupport=True, binding=binding(
            "extensible", vs("primary-cancer-condition-code"),
            "Other codes are allowed, but mbc-cds does not read them as a breast primary"))
        ,
        element("Condition.bodySite", mustSupport=True),
        element("Condition.subject", mustSupport=True, type=[{"code": "Reference",
                                                              "targetProfile": [R4 + "Patient"]}]),
        element("Condition.onset[x]", mustSupport=True),
        element("Condition.recordedDate", mustSupport=True),
        element("Condition.stage", mustSupport=True),
        element("Condition.stage.summary", mustSupport=True, binding=binding(
            "preferred", vs("stage-iv-value"),
            "A stage IV value here marks metastatic disease; other stage values are allowed and read as not stage IV")),
    ]))

    p = "mbc-secondary-cancer-condition"
    out.append(profile(p, "Condition", "mbc-cds Secondary (Metastatic) Cancer Condition",
                       "A metastasis as mbc-cds reads it: the code names a distant secondary (ICD-10-CM C78.*, C79.*,"
                       " C77.1/.2/.4/.5/.8 or a listed SNOMED secondary neoplasm); the metastatic site is read from the"
                       " code or from bodySite. Regional node and chest-wall or skin secondaries are allowed but are not"
                       " read as stage IV.",
                       "SecondaryCancerCondition (" + MCODE + "mcode-secondary-cancer-condition)", [
        element("Condition", constraint=[invariant(
            "mbc-cond-date", "warning",
            "A date (onsetDateTime, onsetPeriod or recordedDate) says since when the disease is metastatic; without"
            " it the card cannot date it", "onset.exists() or recordedDate.exists()", p)]),
        element("Condition.verificationStatus", mustSupport=True,
                short="entered-in-error and refuted conditions are ignored"),
        element("Condition.code", min=1, mustSupport=True, binding=binding(
            "extensible", vs("metastatic-distant-condition"),
            "Other codes are allowed, but mbc-cds reads only these as distant metastatic disease")),
        element("Condition.bodySite", mustSupport=True, short="Metastatic site, read when the code does not name it",
                binding=binding("preferred", vs("metastasis-site-bone"),
                                "Bone sites matter most (bone-modifying agent); other site codes are read from the"
                                " metastasis-site-* ValueSets")),
        element("Condition.subject", mustSupport=True, type=[{"code": "Reference",
                                                              "targetProfile": [R4 + "Patient"]}]),
        element("Condition.onset[x]", mustSupport=True),
        element("Condition.recordedDate", mustSupport=True),
    ]))

    p = "mbc-tumour-marker-test"
    out.append(profile(p, "Observation", "mbc-cds Tumour Marker Test",
                       "A tumour marker result as mbc-cds reads it (ER, PR, HER2 IHC/ISH, Ki-67, PD-L1, MSI, TMB)."
                       " value[x] is limited to the encodings the service reads: CodeableConcept (SNOMED, LOINC"
                       " answer or v3 interpretation codes), Quantity or integer (percent, IHC score, ISH ratio),"
                       " string (\"positive\", \"3+\", \"greater than 2.2\") and boolean; a result may instead be"
                       " given in interpretation. mCODE also allows Ratio, which mbc-cds does not read.",
                       "TumorMarkerTest (" + MCODE + "mcode-tumor-marker-test)", [
        element("Observation", constraint=[
            invariant("mbc-tmt-result", "warning",
                      "No result in value[x] or interpretation, and no dataAbsentReason saying why: mbc-cds finds no"
                      " result in this test",
                      "value.exists() or interpretation.exists() or dataAbsentReason.exists()", p),
            invariant("mbc-tmt-date", "warning",
                      "No effective[x] or issued: the latest result decides a receptor status, and an undated result"
                      " sorts first", "effective.exists() or issued.exists()", p)]),
        element("Observation.status", mustSupport=True,
                short="cancelled and entered-in-error results are ignored"),
        element("Observation.code", mustSupport=True, binding=binding(
            "extensible", vs("tumour-marker-test-code"),
            "Other codes are allowed, but mbc-cds does not read them as a tumour marker")),
        element("Observation.subject", min=1, mustSupport=True, type=[{"code": "Reference",
                                                                       "targetProfile": [R4 + "Patient"]}]),
        element("Observation.effective[x]", mustSupport=True,
                type=[{"code": "dateTime"}, {"code": "Period"}, {"code": "instant"}]),
        element("Observation.value[x]", mustSupport=True,
                type=[{"code": "CodeableConcept"}, {"code": "Quantity"}, {"code": "integer"}, {"code": "string"},
                      {"code": "boolean"}]),
        element("Observation.interpretation", mustSupport=True),
    ]))

    p = "mbc-genomic-variant"
    out.append(profile(p, "Observation", "mbc-cds Genomic Variant",
                       "A genomic variant assessment (LOINC 69548-6) as mbc-cds reads it: the gene from the"
                       " gene-studied component (48018-6, HGNC), the result from valueCodeableConcept (present/absent)"
                       " and the origin from the genomic-source-class component (48002-0).",
                       "GenomicVariant (" + MCODE + "mcode-genomic-variant)", [
        element("Observation", constraint=[
            invariant("mbc-gv-gene", "warning",
                      "No gene-studied component (LOINC 48018-6): mbc-cds cannot tell which gene the variant is in",
                      "component.where(code.coding.where(system = 'http://loinc.org' and code = '48018-6')"
                      ".exists()).exists()", p)]),
        element("Observation.status", mustSupport=True),
        element("Observation.code", mustSupport=True, patternCodeableConcept={
            "coding": [{"system": "http://loinc.org", "code": "69548-6"}]}),
        element("Observation.subject", min=1, mustSupport=True, type=[{"code": "Reference",
                                                                       "targetProfile": [R4 + "Patient"]}]),
        element("Observation.value[x]", mustSupport=True, type=[{"code": "CodeableConcept"}], binding=binding(
            "extensible", vs("genomic-variant-value"),
            "LOINC LA9633-4 Present / LA9634-2 Absent (or their SNOMED codes); other values are not read")),
        element("Observation.component", mustSupport=True),
    ]))

    for type_, mcode_id, date_expr, date_human in [
        ("MedicationRequest", "CancerRelatedMedicationRequest (" + MCODE + "mcode-cancer-related-medication-request)",
         "authoredOn.exists() or dosageInstruction.timing.repeat.bounds.exists()",
         "authoredOn or dosageInstruction.timing.repeat.boundsPeriod"),
        ("MedicationAdministration", "CancerRelatedMedicationAdministration (" + MCODE
         + "mcode-cancer-related-medication-administration)", "effective.exists()", "effective[x]"),
        ("MedicationStatement", None, "effective.exists() or dateAsserted.exists()", "effective[x] or dateAsserted"),
    ]:
        slug = {"MedicationRequest": "request", "MedicationAdministration": "administration",
                "MedicationStatement": "statement"}[type_]
        p = "mbc-cancer-related-medication-" + slug
        out.append(profile(p, type_, "mbc-cds Cancer-Related " + type_,
                           "A cancer drug as mbc-cds reads it for the therapy history (lines of therapy, prior drugs,"
                           " order checks). The drug is recognised by an RxNorm code at any level (IN, PIN, BN, SCD,"
                           " SBD), an ATC code, on the resource or its referenced Medication (ingredients included),"
                           " or else by a generic or brand name in text or display; NDC codes alone are not"
                           " recognised.", mcode_id, [
            element(type_, constraint=[invariant(
                "mbc-med-date", "warning",
                "No start date (" + date_human + "): the drug cannot be placed in a line of therapy",
                date_expr, p)]),
            element(type_ + ".status", mustSupport=True),
            element(type_ + ".statusReason", mustSupport=True,
                    short="Why it stopped: progression, toxicity, completed or patient decision"),
            element(type_ + ".medication[x]", mustSupport=True, binding=binding(
                "preferred", vs("cancer-medication"),
                "mbc-cds also recognises drugs by name, and non-cancer drugs are fine: another code is not an error,"
                " but a cancer drug coded otherwise (NDC only) and without a name is not recognised")),
            element(type_ + ".subject", mustSupport=True, type=[{"code": "Reference",
                                                                 "targetProfile": [R4 + "Patient"]}]),
        ]))

    p = "mbc-cancer-patient"
    out.append(profile(p, "Patient", "mbc-cds Cancer Patient",
                       "The patient as mbc-cds reads it: gender (menopausal status does not apply to male patients) and"
                       " birthDate (age 60 or over counts as postmenopausal evidence).",
                       "CancerPatient (" + MCODE + "mcode-cancer-patient)", [
        element("Patient", constraint=[
            invariant("mbc-pat-gender", "warning",
                      "No gender: mbc-cds cannot tell whether menopausal status applies (male patients have none)",
                      "gender.exists()", p),
            invariant("mbc-pat-birthdate", "warning",
                      "No birthDate: age cannot count as evidence of postmenopausal status",
                      "birthDate.exists()", p)]),
        element("Patient.gender", mustSupport=True),
        element("Patient.birthDate", mustSupport=True),
        element("Patient.deceased[x]", mustSupport=True),
    ]))
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args(argv)
    resources = build()
    ids = [(r["resourceType"], r["id"]) for r in resources]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate ids")
    if args.check_only:
        print(f"OK (check only): {len(resources)} resources")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for p in OUT.glob("*.json"):
        p.unlink()
    for r in resources:
        (OUT / f"{r['resourceType']}-{r['id']}.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n",
                                                                 encoding="utf-8")
    print(f"OK: {sum(1 for r in resources if r['resourceType'] == 'StructureDefinition')} StructureDefinitions,"
          f" {sum(1 for r in resources if r['resourceType'] == 'ValueSet')} ValueSets in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
