#!/usr/bin/env python3
"""Generate the mbc-cds FHIR R4 terminology files (ValueSets and NamingSystems) in fhir-profiles/.

Standard library only. Usage (from anywhere):

    python3 fhir-profiles/tools/generate.py [--knowledge DIR] [--check-only] [--left-out-markdown]

--knowledge DIR       folder holding terminology.md, therapy-rules.md and rxnorm-product-to-ingredient.csv
                      (default: <repo>/../shared/knowledge, i.e. /work/shared/knowledge)
--check-only          build everything in memory and validate, but write nothing
--left-out-markdown   print the "codes left out" list (Markdown) that README.md carries, then exit

Every code written here comes from terminology.md, therapy-rules.md (§F1 only), the RxNorm CSV, or (where marked
"shared/examples only") from /work/shared/examples/trial-matching. Each concept carries the verification mark of
its source as a designation (use code "verification"). Codes of the sources that are deliberately not shipped are
listed in LEFT_OUT with the reason; the validation at the end fails if a code-like token of terminology.md is
neither emitted nor listed there.
"""
import argparse
import csv
import json
import re
import sys
from collections import OrderedDict, defaultdict
from pathlib import Path

# --------------------------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------------------------
VERSION = "2026-11-23"
DATE = "2026-11-23"
PUBLISHER = "mbc-cds"
VS_BASE = "https://mbc-cds.org/fhir/ValueSet/"
DESIGNATION_USE = "https://mbc-cds.org/fhir/CodeSystem/designation-use"
ORDER_CODING_EXT = "https://mbc-cds.org/fhir/StructureDefinition/order-coding"
# Verification mark for a regex-filter include (a filter has no designation element in FHIR R4).
VERIFICATION_EXT = "https://mbc-cds.org/fhir/StructureDefinition/verification"

LOINC = "http://loinc.org"
SCT = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ATC = "http://www.whocc.no/atc"
HGNC = "http://www.genenames.org"
V3 = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
AJCC = "http://cancerstaging.org"
DRUG_TEXT = "https://mbc-cds.org/fhir/CodeSystem/drug-text"

CSV_MARK = "rxnorm-product-to-ingredient.csv"
EX_ONLY = "⚠ seen in shared/examples only (trial-matching/TrialMatching_Patient01.json, _Patient02.json)"

TOOLS_DIR = Path(__file__).resolve().parent
PROFILES_DIR = TOOLS_DIR.parent                       # fhir-profiles/
REPO_DIR = PROFILES_DIR.parent                        # /work/main
DEFAULT_KNOWLEDGE = REPO_DIR.parent / "shared" / "knowledge"
DEFAULT_EXAMPLES = REPO_DIR.parent / "shared" / "examples"

OUT_TERMINOLOGY = PROFILES_DIR / "valuesets"
OUT_DRUGS = PROFILES_DIR / "valuesets" / "drugs"
OUT_CLASSES = PROFILES_DIR / "valuesets" / "drug-classes"
OUT_NAMING = PROFILES_DIR / "namingsystems"


# --------------------------------------------------------------------------------------------------------------
# Small builders
# --------------------------------------------------------------------------------------------------------------
def pascal(identifier):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", identifier) if part)


def designation(use_code, value):
    return {"use": {"system": DESIGNATION_USE, "code": use_code}, "value": value}


def concept(code, display, mark, synonyms=(), caveat=None):
    """A compose.include.concept with the verification mark (and optional synonyms / caveat)."""
    c = OrderedDict()
    c["code"] = code
    c["display"] = display
    des = [designation("verification", mark)]
    if caveat:
        des.append(designation("caveat", caveat))
    for s in synonyms:
        des.append(designation("synonym", s))
    c["designation"] = des
    return c


def include(system, concepts):
    return OrderedDict([("system", system), ("concept", list(concepts))])


def regex_include(system, regex, mark):
    inc = OrderedDict()
    inc["extension"] = [{"url": VERIFICATION_EXT, "valueString": mark}]
    inc["system"] = system
    inc["filter"] = [OrderedDict([("property", "code"), ("op", "regex"), ("value", regex)])]
    return inc


def valueset(vs_id, title, description, includes, excludes=None, extension=None):
    vs = OrderedDict()
    vs["resourceType"] = "ValueSet"
    vs["id"] = vs_id
    if extension:
        vs["extension"] = extension
    vs["url"] = VS_BASE + vs_id
    vs["version"] = VERSION
    vs["name"] = pascal(vs_id)
    vs["title"] = title
    vs["status"] = "active"
    vs["experimental"] = False
    vs["date"] = DATE
    vs["publisher"] = PUBLISHER
    vs["description"] = description
    compose = OrderedDict([("include", list(includes))])
    if excludes:
        compose["exclude"] = list(excludes)
    vs["compose"] = compose
    return vs


def C(code, display, mark):
    """Shorthand tuple used in the tables below."""
    return (code, display, mark)


def inc_of(system, rows):
    return include(system, [concept(code, display, mark) for code, display, mark in rows])


# --------------------------------------------------------------------------------------------------------------
# NamingSystems (terminology.md §0.1)
# --------------------------------------------------------------------------------------------------------------
NAMING_SYSTEMS = [
    # id, name, description, canonical uri, [(type, value, comment)]
    ("loinc", "LOINC", LOINC, [("oid", "2.16.840.1.113883.6.1", "✖ OID from memory (terminology.md §0.1)")]),
    ("snomed", "SNOMED CT", SCT, [("oid", "2.16.840.1.113883.6.96", "✔ OID seen in S-misc DSValueSet code (terminology.md §0.1)")]),
    ("rxnorm", "RxNorm", RXNORM, [("oid", "2.16.840.1.113883.6.88", "✖ OID from memory (terminology.md §0.1)")]),
    ("icd-10-cm", "ICD-10-CM", ICD10CM, [
        ("oid", "2.16.840.1.113883.6.90", "✖ OID from memory (terminology.md §0.1)"),
        ("uri", "http://hl7.org/fhir/sid/icd-10", "WHO ICD-10 (4-character C50.x); accepted as ICD-10-CM because codes are "
                                                  "compared after normalisation and the C50/C78/C79 prefixes are shared (terminology.md §0.1, §1.1)"),
    ]),
    ("atc", "ATC", ATC, [("uri", "http://fhir.de/CodeSystem/bfarm/atc", "✔ German ATC-DE, same codes (terminology.md §0.1)")]),
    ("hgnc", "HGNC", HGNC, [("uri", "http://www.genenames.org/geneId", "✔ GR IG / MII examples; also used by shared/examples/trial-matching (terminology.md §0.1)")]),
    ("v3-observation-interpretation", "v3 ObservationInterpretation", V3, []),
]


def build_naming_systems():
    out = []
    for ns_id, label, canonical, aliases in NAMING_SYSTEMS:
        ns = OrderedDict()
        ns["resourceType"] = "NamingSystem"
        ns["id"] = ns_id
        ns["name"] = pascal(ns_id)
        ns["status"] = "active"
        ns["kind"] = "codesystem"
        ns["date"] = DATE
        ns["publisher"] = PUBLISHER
        ns["description"] = (f"{label}: canonical system URI to emit, plus the aliases accepted on input "
                             "(terminology.md §0.1). The loader maps every uniqueId to the preferred uri; "
                             "an OID is accepted both bare and as urn:oid:.")
        uids = [OrderedDict([("type", "uri"), ("value", canonical), ("preferred", True),
                             ("comment", "canonical (emit)")])]
        for typ, value, comment in aliases:
            uids.append(OrderedDict([("type", typ), ("value", value), ("preferred", False), ("comment", comment)]))
        ns["uniqueId"] = uids
        out.append(ns)
    return out


# --------------------------------------------------------------------------------------------------------------
# Terminology ValueSets
# --------------------------------------------------------------------------------------------------------------
def build_terminology_valuesets():
    V = []

    def add(vs_id, title, description, includes, excludes=None):
        V.append(valueset(vs_id, title, description, includes, excludes))

    # ---------------- Conditions and stage (terminology.md §1) ----------------
    primary_sct = [
        C("254837009", "Malignant neoplasm of breast (disorder)", "✔✔ S1 ex., S2 (the only code Synthea emits), S3, S4"),
        C("372064008", "Malignant neoplasm of female breast (disorder)", "✔ S4"),
        C("372095001", "Malignant neoplasm of male breast (disorder)", "✔ S4"),
        C("372137005", "Primary malignant neoplasm of breast (disorder)", "✔ S4"),
        C("93796005", "Primary malignant neoplasm of female breast (disorder)", "✔ S4"),
        C("93884005", "Primary malignant neoplasm of male breast (disorder)", "✔ S4"),
        C("353431000119107", "Primary malignant neoplasm of female left breast (disorder)", "✔✔ S1 ex., S4"),
        C("353511000119101", "Primary malignant neoplasm of female right breast (disorder)", "✔✔ S1 ex., S4"),
        C("354491000119109", "Primary malignant neoplasm of left male breast", "✔ S4"),
        C("354591000119108", "Primary malignant neoplasm of right male breast", "✔ S4"),
        C("15635801000119106", "Primary malignant neoplasm of bilateral female breasts", "✔ S4"),
        C("188147009", "Malignant neoplasm of nipple/areola of (female) breast", "✔ S4"),
        C("188151006", "Malignant neoplasm of central part of (female) breast", "✔ S4; 188151006 also in S3"),
        C("188157005", "Malignant neoplasm of overlapping lesion of (female) breast", "✔ S4"),
        C("254838004", "Carcinoma of breast (disorder)", "✔ S4"),
        C("408643008", "Infiltrating duct carcinoma of breast", "✔ S4"),
        C("448952004", "Infiltrating duct carcinoma of female breast", "✔ S4"),
        C("278054005", "Lobular carcinoma of breast", "✔ S4"),
        C("713609000", "Invasive carcinoma of breast", "✔ S4"),
        C("254840009", "Inflammatory carcinoma of breast", "✔ S4"),
        C("1081551000119106", "Recurrent primary malignant neoplasm of left female breast", "✔ S4"),
        C("1081561000119108", "Recurrent primary malignant neoplasm of right female breast", "✔ S4"),
        C("314955001", "Local recurrence of malignant tumor of breast", "✔ S4"),
        C("1082701000112100", "Locally advanced breast cancer", "✔ S4"),
    ]
    add("breast-cancer-primary", "Primary breast cancer (Condition.code)",
        "Condition codes that identify a primary breast cancer: the SNOMED CT codes listed in terminology.md §1.2 and "
        "ICD-10-CM C50 (regex C50.*, applied to the upper-cased code without dots/spaces; also covers WHO ICD-10 "
        "C50.x and the non-billable headers C50/C50.x/C50.xx, §1.1, ✔ S1). Not included: the ER-negative neoplasm "
        "441117001 (⚠ display not seen) and the marker-status disorders 417181009, 427685000, 431396003, 706970001, "
        "416053008, which are in the receptor-status condition sets. The five quadrant codes 188152–188156 of §1.2 are "
        "not written out in full in the source and are not included (see README). Codes that must not count as a "
        "primary (C79.81, D05, Z85.3, Z80.3) are in breast-cancer-not-primary.",
        [inc_of(SCT, primary_sct),
         regex_include(ICD10CM, "C50.*", "✔ S1 (all 54 billable C50 codes listed in VS_CancerCondition.fsh), terminology.md §1.1")])

    add("breast-cancer-not-primary", "Breast codes that must not count as a primary breast cancer",
        "ICD-10-CM codes that look like breast cancer but are not a primary breast cancer (terminology.md §1.1): "
        "C79.81 metastasis to the breast, Z85.3 personal history, Z80.3 family history, and D05 carcinoma in situ "
        "(regex D05.*, ✖ range from memory only).",
        [inc_of(ICD10CM, [
            C("C79.81", "Secondary malignant neoplasm of breast", "✔ (S1)"),
            C("Z85.3", "Personal history of malignant neoplasm of breast", "✔✔"),
            C("Z80.3", "Family history of malignant neoplasm of breast", "✔"),
        ]),
         regex_include(ICD10CM, "D05.*", "✖ UNVERIFIED: D05.x carcinoma in situ code range from memory (terminology.md §1.1, §7)")])

    distant_sct = [
        C("94222008", "Secondary malignant neoplasm of bone", "✔ S4"),
        C("94225005", "Secondary malignant neoplasm of brain", "✔✔ S1 ex., S4"),
        C("94381002", "Secondary malignant neoplasm of liver", "✔ S4"),
        C("94391008", "Secondary malignant neoplasm of lung", "✔ S4"),
        C("94606003", "Secondary malignant neoplasm of stomach", "✔ S4"),
        C("94399005", "Secondary malignant neoplasm of main bronchus", "✔ S4"),
        C("399409002", "Distant metastasis present (finding)", "✔ S1 (ConditionStatusTrendMaxVS)"),
        C("1287652008", "History of metastatic malignant neoplasm (situation)", "✔ S1"),
    ]
    icd_mark = "✔ S1 (SecondaryCancerDisorderVS), terminology.md §1.3"
    add("metastatic-distant-condition", "Distant metastatic disease (Condition.code)",
        "Condition codes that establish distant (stage IV) metastatic disease (terminology.md §1.3; therapy-rules.md "
        "§F1 metastatic date (a)). ICD-10-CM C78.*, C79.* and the distant lymph-node codes C77.1/.2/.4/.5/.8 "
        "(regex C77[12458].*); C77.0 and C77.3 are regional nodes (metastatic-regional-node), C77.9 (unspecified) is "
        "in neither set. SNOMED CT secondary-neoplasm site codes of §1.3 plus 399409002 and 1287652008. Excluded: "
        "C79.2 (skin) and C79.81 (breast), and SNOMED 94253005 (chest wall) / 94579000 (skin), which mean a "
        "recurrence to confirm with the clinician (metastatic-recurrence-to-confirm), not stage IV by themselves.",
        [regex_include(ICD10CM, "C78.*", icd_mark),
         regex_include(ICD10CM, "C79.*", icd_mark),
         regex_include(ICD10CM, "C77[12458].*", "✔ S1; terminology.md §1.3 caution: C77.1/.2/.4/.5/.8 suggest distant nodes"),
         inc_of(SCT, distant_sct)],
        [inc_of(ICD10CM, [
            C("C79.2", "Secondary malignant neoplasm of skin", icd_mark),
            C("C79.81", "Secondary malignant neoplasm of breast", icd_mark),
        ]),
         inc_of(SCT, [
             C("94253005", "Secondary malignant neoplasm of chest wall", "✔ S4"),
             C("94579000", "Secondary malignant neoplasm of skin", "✔ S4"),
         ])])

    add("metastatic-recurrence-to-confirm", "Skin / chest wall / breast secondary: recurrence to confirm",
        "Secondary-neoplasm codes of the skin, chest wall and breast. In breast cancer they often mean a local or "
        "regional recurrence: ask the clinician to confirm; do not set stage IV from these codes alone "
        "(therapy-rules.md §F1 (a); terminology.md §1.3).",
        [inc_of(ICD10CM, [
            C("C79.2", "Secondary malignant neoplasm of skin", icd_mark),
            C("C79.81", "Secondary malignant neoplasm of breast", "✔ (S1)"),
        ]),
         inc_of(SCT, [
             C("94253005", "Secondary malignant neoplasm of chest wall", "✔ S4"),
             C("94579000", "Secondary malignant neoplasm of skin", "✔ S4"),
         ])])

    add("metastatic-regional-node", "Regional lymph-node secondary (not stage IV)",
        "Lymph-node secondary codes that are regional (N) disease in breast cancer, not stage IV: C77.0 "
        "(head/face/neck, incl. supraclavicular), C77.3 (axilla/upper limb) and SNOMED 94392001 (lymph node, site "
        "unspecified). terminology.md §1.3 regional-node caution; therapy-rules.md §F1 ('Not C77.x').",
        [inc_of(ICD10CM, [
            C("C77.0", "Secondary and unspecified malignant neoplasm of lymph nodes of head, face and neck", icd_mark),
            C("C77.3", "Secondary and unspecified malignant neoplasm of axilla and upper limb lymph nodes", icd_mark),
        ]),
         inc_of(SCT, [C("94392001", "Secondary malignant neoplasm of lymph node", "✔ S4 (same regional-node caution)")])])

    add("metastasis-site-bone", "Metastasis site: bone",
        "Bone (and bone-marrow) metastasis codes (terminology.md §1.3), e.g. for the bone-modifying-agent rule "
        "(therapy-rules.md §C).",
        [inc_of(ICD10CM, [
            C("C79.51", "Secondary malignant neoplasm of bone", icd_mark),
            C("C79.52", "Secondary malignant neoplasm of bone marrow", icd_mark),
        ]),
         inc_of(SCT, [C("94222008", "Secondary malignant neoplasm of bone", "✔ S4")])])

    add("metastasis-site-brain", "Metastasis site: brain / CNS",
        "Brain and other central-nervous-system metastasis codes (terminology.md §1.3; therapy-rules.md §C brain "
        "metastases). C79.32 (cerebral meninges) is also in metastasis-site-leptomeningeal.",
        [inc_of(ICD10CM, [
            C("C79.31", "Secondary malignant neoplasm of brain", icd_mark),
            C("C79.32", "Secondary malignant neoplasm of cerebral meninges", icd_mark),
            C("C79.49", "Secondary malignant neoplasm of other parts of nervous system", icd_mark),
        ]),
         inc_of(SCT, [C("94225005", "Secondary malignant neoplasm of brain", "✔✔ S1 ex., S4")])])

    add("metastasis-site-liver", "Metastasis site: liver",
        "Liver metastasis codes (terminology.md §1.3).",
        [inc_of(ICD10CM, [C("C78.7", "Secondary malignant neoplasm of liver and intrahepatic bile duct", icd_mark)]),
         inc_of(SCT, [C("94381002", "Secondary malignant neoplasm of liver", "✔ S4")])])

    add("metastasis-site-lung", "Metastasis site: lung",
        "Lung metastasis codes (terminology.md §1.3).",
        [inc_of(ICD10CM, [
            C("C78.00", "Secondary malignant neoplasm of unspecified lung", icd_mark),
            C("C78.01", "Secondary malignant neoplasm of right lung", icd_mark),
            C("C78.02", "Secondary malignant neoplasm of left lung", icd_mark),
        ]),
         inc_of(SCT, [
             C("94391008", "Secondary malignant neoplasm of lung", "✔ S4"),
             C("94399005", "Secondary malignant neoplasm of main bronchus", "✔ S4"),
         ])])

    add("metastasis-site-pleura", "Metastasis site: pleura",
        "Pleural metastasis code (terminology.md §1.3). No SNOMED pleura code was verified (✖, §1.3).",
        [inc_of(ICD10CM, [C("C78.2", "Secondary malignant neoplasm of pleura", icd_mark)])])

    add("metastasis-site-peritoneum", "Metastasis site: peritoneum",
        "Peritoneal metastasis code (terminology.md §1.3). No SNOMED peritoneum code was verified (✖, §1.3).",
        [inc_of(ICD10CM, [C("C78.6", "Secondary malignant neoplasm of retroperitoneum and peritoneum", icd_mark)])])

    add("metastasis-site-leptomeningeal", "Metastasis site: leptomeningeal",
        "Leptomeningeal (cerebral meninges) metastasis code (terminology.md §1.3; therapy-rules.md §C leptomeningeal "
        "disease). No SNOMED meninges code was verified (✖, §1.3).",
        [inc_of(ICD10CM, [C("C79.32", "Secondary malignant neoplasm of cerebral meninges", icd_mark)])])

    add("stage-group-observation", "Stage group Observation.code",
        "Observation.code of a (TNM) stage-group observation, clinical, pathological or other (terminology.md §1.4; "
        "mCODE TNMStageGroup, §1.5).",
        [inc_of(LOINC, [
            C("21908-9", "Stage group.clinical Cancer", "✔✔ S1 (max VS), S2"),
            C("21902-2", "Stage group.pathology Cancer", "✔ S1"),
            C("21914-7", "Stage group.other Cancer", "✔ S1"),
        ]),
         inc_of(SCT, [
             C("399537006", "Clinical TNM stage grouping", "✔✔ S1, S9"),
             C("399588009", "Pathologic TNM stage grouping", "✔✔ S1, S9"),
             C("399390009", "TNM stage grouping", "✔✔ S1, S9"),
         ])])

    add("stage-iv-value", "Stage IV value",
        "Stage-group values meaning stage IV (terminology.md §1.4), for stage-group Observation.value and "
        "Condition.stage.summary. AJCC code system: only code \"4\" (display \"IV\") is included: terminology.md "
        "gives only the pattern (⚠, mCODE example AJCC#3C \"IIIC\"), and /work/shared/examples/trial-matching "
        "uses cancerstaging.org#4 \"IV\". Other spellings (IV, 4A, IVA, ...) are not supported by the sources and "
        "are not included.",
        [inc_of(SCT, [
            C("258228008", "Stage 4 (qualifier value)", "✔✔ S2 (Synthea value for 21908-9), S4, S5"),
            C("2640006", "Clinical stage IV (finding)", "⚠ code ✔ in S5 (mapped from 258228008); display from memory"),
            C("1222837003", "American Joint Committee on Cancer stage IV (qualifier value)", "✔ S9 (2 files)"),
            C("1222838008", "American Joint Committee on Cancer stage IVA", "✔ S9"),
            C("1222841004", "American Joint Committee on Cancer stage IVB", "✔ S9"),
            C("1222842006", "American Joint Committee on Cancer stage IVC", "✔ S9"),
            C("261642001", "Stage 4A", "✔ S4"),
            C("261643006", "Stage 4B", "✔ S4"),
            C("313046007", "Stage 4C", "✔ S4"),
        ]),
         inc_of(AJCC, [
             C("4", "IV", "⚠ pattern from mCODE example AJCC#3C \"IIIC\" (S1); code \"4\" itself not seen in the "
                          "terminology.md sources. Second source: shared/examples/trial-matching (cancerstaging.org#4 \"IV\")"),
         ])])

    add("distant-metastasis-observation", "Distant metastasis (M category) Observation.code",
        "Observation.code of an M-category (distant metastases) observation (terminology.md §1.4; mCODE "
        "TNMDistantMetastasesCategory, §1.5).",
        [inc_of(LOINC, [
            C("21907-1", "Distant metastases.clinical [Class] Cancer", "✔✔ S1, S2 (21907-1)"),
            C("21901-4", "Distant metastases.pathology [Class] Cancer", "✔✔ S1"),
            C("21913-9", "Distant metastases.other [Class] Cancer", "✔✔ S1"),
        ]),
         inc_of(SCT, [
             C("399387003", "cM category", "✔✔ S1, S6"),
             C("371497001", "pM category", "✔✔ S1, S6"),
             C("277208005", "M category", "✔✔ S1, S6"),
         ])])

    add("m1-value", "M1 value",
        "M-category values meaning distant metastasis (M1) (terminology.md §1.4). Of the cM1x range "
        "1229904003–1229915008 only the two codes written out in terminology.md are included; the codes between "
        "them are not expanded (see README).",
        [inc_of(SCT, [
            C("1229903009", "American Joint Committee on Cancer cM1 (qualifier value)", "✔✔ S6, S10, S-misc"),
            C("1229916009", "American Joint Committee on Cancer pM1 (qualifier value)", "✔✔ S6, S10, S-misc"),
            C("1229904003", "American Joint Committee on Cancer cM1 subcategory (first code of the cM1x range in terminology.md §1.4)",
              "✔ S6 (all listed as M=1)"),
            C("1229915008", "American Joint Committee on Cancer cM1 subcategory (last code of the cM1x range in terminology.md §1.4)",
              "✔ S6 (all listed as M=1)"),
            C("1229917000", "American Joint Committee on Cancer pM1a", "✔ S6 (all listed as M=1), pM1a–d displays ✔ S10"),
            C("1229920008", "American Joint Committee on Cancer pM1b", "✔ S6 (all listed as M=1), pM1a–d displays ✔ S10"),
            C("1229923005", "American Joint Committee on Cancer pM1c", "✔ S6 (all listed as M=1), pM1a–d displays ✔ S10"),
            C("1229926002", "American Joint Committee on Cancer pM1d", "✔ S6 (all listed as M=1), pM1a–d displays ✔ S10"),
            C("1229928001", "American Joint Committee on Cancer pM1 subcategory (last code listed in terminology.md §1.4)",
              "✔ S6 (all listed as M=1)"),
            C("55440008", "M1 category (finding)", "✔ S2"),
        ])])

    add("m0-value", "M0 value",
        "M-category values meaning no distant metastasis (M0) (terminology.md §1.4).",
        [inc_of(SCT, [
            C("1229901006", "American Joint Committee on Cancer cM0 (qualifier value)", "✔✔ S1, S6"),
            C("1229902004", "American Joint Committee on Cancer M0 (listed as M0 in S6)", "✔✔ S1, S6"),
            C("30893008", "M0 category (finding)", "✔ S2"),
        ])])

    add("history-of-metastatic-cancer-observation", "History of metastatic cancer Observation.code",
        "Observation.code of mCODE HistoryOfMetastaticCancer (valueBoolean true = metastatic) (terminology.md §1.3, "
        "§1.4, §1.5).",
        [inc_of(SCT, [C("1287652008", "History of metastatic malignant neoplasm (situation)", "✔ S1")])])

    # ---------------- Tumour markers (terminology.md §2.1, §3) ----------------
    def loinc_vs(vs_id, title, description, rows):
        add(vs_id, title, description, [inc_of(LOINC, rows)])

    loinc_vs("er-test", "ER status test (Observation.code)",
             "Estrogen receptor status tests with a coded result (terminology.md §2.1; therapy-rules.md §A1).", [
                 C("85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain", "✔✔✔ S1 ex., S2, S3, S4"),
                 C("16112-5", "Estrogen receptor [Interpretation] in Tissue", "✔✔ S1 VS, S4"),
                 C("40556-3", "Estrogen receptor Ag [Presence] in Tissue by Immune stain", "✔✔ S1, S4"),
             ])
    loinc_vs("er-percent-test", "ER percent positive cells test (Observation.code)",
             "Estrogen receptor % positive cells, valueQuantity % (terminology.md §2.1; ER ≥1 % positive, 1–10 % ER-low, "
             "therapy-rules.md §A1).", [
                 C("85329-1", "Cells.estrogen receptor/100 cells in Breast cancer specimen by Immune stain", "✔✔ S1, S10"),
                 C("14228-1", "Cells.estrogen receptor/100 cells in Tissue by Immune stain", "✔ S1"),
             ])
    loinc_vs("pr-test", "PR status test (Observation.code)",
             "Progesterone receptor status tests with a coded result (terminology.md §2.1).", [
                 C("85339-0", "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain", "✔✔✔ S1 ex., S2, S3, S4"),
                 C("16113-3", "Progesterone receptor [Interpretation] in Tissue", "✔✔ S1, S4"),
                 C("40557-1", "Progesterone receptor Ag [Presence] in Tissue by Immune stain", "✔✔ S1, S4"),
             ])
    loinc_vs("pr-percent-test", "PR percent positive cells test (Observation.code)",
             "Progesterone receptor % positive cells, valueQuantity % (terminology.md §2.1).", [
                 C("85325-9", "Cells.progesterone receptor/100 cells in Breast cancer specimen by Immune stain", "✔✔ S1, S10"),
                 C("14230-7", "Cells.progesterone receptor/100 cells in Tissue by Immune stain", "✔✔ S1, S10"),
             ])
    loinc_vs("hr-combined-test", "ER+PR combined test (Observation.code)",
             "Combined estrogen+progesterone receptor result; Synthea uses it for 'HR positive' (terminology.md §2.1, §2.4).", [
                 C("10480-2", "Estrogen+Progesterone receptor Ag [Presence] in Tissue by Immune stain", "✔ S2"),
             ])
    loinc_vs("triple-negative-marker-test", "Triple-negative tumour marker (Observation.code, Synthea)",
             "Synthea's triple-negative observation: 21924-6 with value Negative (terminology.md §2.1, §2.4).", [
                 C("21924-6", "Tumor marker Cancer", "✔ S2"),
             ])
    loinc_vs("her2-ihc-test", "HER2 IHC test (Observation.code)",
             "HER2 immunohistochemistry; value positive/negative or 0/1+/2+/3+ (terminology.md §2.1, §2.2).", [
                 C("85319-2", "HER2 [Presence] in Breast cancer specimen by Immune stain", "✔✔✔ S1, S2, S3, S4"),
                 C("18474-7", "HER2 Ag [Presence] in Tissue by Immune stain", "✔✔ S4, S5 (mapped to 48676-1)"),
             ])
    loinc_vs("her2-interpretation-test", "HER2 overall interpretation (Observation.code)",
             "HER2 overall status interpretation (terminology.md §2.1).", [
                 C("48676-1", "HER2 [Interpretation] in Tissue", "✔✔✔ S1 ex., S4, S5"),
             ])
    loinc_vs("her2-ish-test", "HER2 ISH test (Observation.code)",
             "HER2 in-situ hybridisation (FISH) amplification result (terminology.md §2.1). Synthea sends 85318-4 with "
             "a string value ('less than 1.8' / 'greater than 2.2', §2.4).", [
                 C("85318-4", "ERBB2 gene duplication [Presence] in Breast cancer specimen by FISH", "✔✔ S1, S2, S3, S10"),
                 C("31150-6", "ERBB2 gene duplication [Presence] in Tissue by FISH", "✔ S1"),
             ])
    loinc_vs("her2-ish-ratio-test", "HER2 ISH ratio (Observation.code)",
             "HER2/CEP17 ratio, valueQuantity (≥2.0 amplified) (terminology.md §2.1, §2.2).", [
                 C("49683-6", "ERBB2 gene copy number/Chromosome 17 copy number in Tissue by FISH", "✔ S1"),
             ])
    loinc_vs("her2-ish-copy-number-test", "HER2 ISH copy number (Observation.code)",
             "ERBB2 copies per nucleus, valueQuantity (terminology.md §2.1; ISH groups, therapy-rules.md §A1).", [
                 C("74860-8", "ERBB2 gene copy number/nucleus in Tissue by FISH", "✔ S1"),
             ])
    loinc_vs("her2-serum-test", "Serum HER2 (ignore for tumour HER2 status)",
             "Serum HER2 extracellular-domain tests. These are NOT tumour HER2 status and must be ignored when deriving "
             "HER2 status (terminology.md §2.1).", [
                 C("32996-1", "HER2 in Serum (serum HER2 ECD)", "✔ S1/S4: serum HER2 ECD, not tumour HER2 status"),
                 C("42914-2", "HER2 in Serum (serum HER2 ECD)", "✔ S1/S4: serum HER2 ECD, not tumour HER2 status"),
                 C("51981-9", "HER2 in Serum (serum HER2 ECD)", "✔ S1/S4: serum HER2 ECD, not tumour HER2 status"),
             ])
    loinc_vs("ki67-test", "Ki-67 test (Observation.code)",
             "Ki-67 proliferation index, valueQuantity % (terminology.md §2.1).", [
                 C("85330-9", "Cells.Ki-67 nuclear Ag/100 cells in Breast cancer specimen by Immune stain", "✔✔ S10, S-misc (MII, EU)"),
                 C("29593-1", "Cells.Ki-67 nuclear Ag/Cells in Tissue by Immune stain", "✔✔ S-misc (2)"),
             ])
    pdl1_22c3 = [
        C("83052-1", "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain", "✔✔ S1, S4"),
        C("83054-7", "PD-L1 by clone 22C3 [Interpretation] in Tissue by Immune stain Narrative", "✔✔ S1, S4"),
        C("85147-7", "PD-L1 by clone 22C3 Report in Tissue by Immune stain", "✔✔ S1, S4"),
    ]
    loinc_vs("pdl1-test", "PD-L1 test, any assay (Observation.code)",
             "PD-L1 tests of any clone (22C3, SP142, 28-8) and % tumour cells (terminology.md §2.1). No LOINC code for "
             "the combined positive score (CPS) was found (✖): CPS is usually a valueQuantity or text of these tests.",
             pdl1_22c3 + [
                 C("83057-0", "PD-L1 by clone SP142 [Presence] in Tissue by Immune stain", "✔✔ S1, S4"),
                 C("85149-3", "PD-L1 by clone SP142 Report in Tissue by Immune stain", "✔✔ S1, S4"),
                 C("83055-4", "PD-L1 by clone 28-8 test (full LOINC display not given in terminology.md)", "✔✔ S1, S4"),
                 C("83056-2", "PD-L1 by clone 28-8 test (full LOINC display not given in terminology.md)", "✔✔ S1, S4"),
                 C("85148-5", "PD-L1 by clone 28-8 test (full LOINC display not given in terminology.md)", "✔✔ S1, S4"),
                 C("83053-9", "Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain", "✔✔ S1, S4"),
                 C("105304-0", "Tumor cells.PD-L1/Viable tumor cells in Tissue by Immune stain", "⚠ 1 source"),
             ])
    loinc_vs("pdl1-22c3-test", "PD-L1 22C3 test (Observation.code)",
             "PD-L1 by clone 22C3, the assay for pembrolizumab CPS ≥10 (terminology.md §2.1; therapy-rules.md §A3, §B4, E36).",
             pdl1_22c3)
    loinc_vs("msi-test", "Microsatellite instability test (Observation.code)",
             "MSI status (terminology.md §2.1, §3.2; tumour-agnostic options therapy-rules.md §B5). 62862-8 comes only "
             "from the example records in /work/shared/examples/trial-matching (⚠).", [
                 C("81695-9", "Microsatellite instability [Interpretation] in Cancer specimen Qualitative", "✔ S1"),
                 C("62862-8", "Microsatellite instability [Presence] in Tissue by Immune stain", EX_ONLY),
             ])
    loinc_vs("tmb-test", "Tumour mutational burden test (Observation.code)",
             "TMB (terminology.md §2.1, §3.2; TMB-H ≥10 mut/Mb, therapy-rules.md §B5). 94077-5 comes only from the "
             "example records in /work/shared/examples/trial-matching (⚠).", [
                 C("94076-7", "Mutations/Megabase [# Ratio] in Tumor", "✔✔ S13"),
                 C("94077-5", "Tumor mutation burden [Interpretation]", EX_ONLY),
             ])
    loinc_vs("genomic-variant-observation", "Genomic variant Observation.code",
             "Genomics Reporting / mCODE genomic variant observation (terminology.md §3.1).", [
                 C("69548-6", "Genetic variant assessment", "✔✔ S1, S13"),
             ])
    loinc_vs("gene-studied-component", "Gene studied component code",
             "Component code carrying the HGNC gene (terminology.md §3.1).", [
                 C("48018-6", "Gene studied [ID]", "✔✔ S1, S13"),
             ])
    loinc_vs("genomic-source-class-component", "Genomic source class component code",
             "Component code for germline vs somatic (terminology.md §3.1).", [
                 C("48002-0", "Genomic source class [Type]", "✔✔ S1, S13"),
             ])
    loinc_vs("variant-code-component", "Variant description component codes",
             "Component codes that describe the variant: ClinVar id, c.HGVS, p.HGVS, g.HGVS (terminology.md §3.1).", [
                 C("81252-9", "Discrete genetic variant", "✔✔ S13"),
                 C("48004-6", "DNA change (c.HGVS)", "✔✔ S13"),
                 C("48005-3", "Amino acid change (pHGVS)", "✔✔ S13"),
                 C("81290-9", "Genomic DNA change (gHGVS)", "✔✔ S13"),
             ])
    loinc_vs("germline-value", "Germline (genomic source class value)",
             "Value of component 48002-0 meaning germline (terminology.md §3.1).", [
                 C("LA6683-2", "Germline", "✔✔ S1, S13"),
             ])
    loinc_vs("somatic-value", "Somatic (genomic source class value)",
             "Value of component 48002-0 meaning somatic (terminology.md §3.1).", [
                 C("LA6684-0", "Somatic", "✔✔ S1, S13"),
             ])

    genes = [
        ("pik3ca", "HGNC:8975", "PIK3CA", "✔✔ (multiple FSH/JSON, incl. German S3 guideline mapping)"),
        ("akt1", "HGNC:391", "AKT1", "✔✔"),
        ("pten", "HGNC:9588", "PTEN", "✔✔ S1 ex. + others"),
        ("esr1", "HGNC:3467", "ESR1", "✔ (German guideline mapping; 1 source)"),
        ("brca1", "HGNC:1100", "BRCA1", "✔✔ S1 ex."),
        ("brca2", "HGNC:1101", "BRCA2", "✔ S1 ex."),
        ("palb2", "HGNC:26144", "PALB2", "✔ S1 ex."),
        ("erbb2", "HGNC:3430", "ERBB2", "✔✔ (≥5 sources; note one MII example wrongly uses HGNC:2064, which is ERBB2's NCBI Gene ID)"),
    ]
    for slug, code, symbol, mark in genes:
        add(f"gene-{slug}", f"Gene {symbol} (HGNC)",
            f"HGNC id of {symbol}, the value of the gene-studied component 48018-6 (terminology.md §3.3). Written as "
            f"{code}; the loader also accepts the bare number and the system alias http://www.genenames.org/geneId.",
            [inc_of(HGNC, [C(code, symbol, mark)])])

    single_gene = [
        ("pik3ca-test", "PIK3CA", [
            C("63419-6", "PIK3CA gene mutations tested for", "✔ S4"),
            C("60033-8", "PIK3CA gene mutations found [Identifier]", "✔ S4"),
            C("60034-6", "PIK3CA gene targeted mutation analysis", "✔ S4"),
            C("83062-0", "PIK3CA gene [VCF] by sequencing", "✔ S4"),
        ]),
        ("pten-test", "PTEN", [
            C("47969-1", "PTEN gene test (full LOINC display not given in terminology.md)", "✔ S4"),
            C("83063-8", "PTEN gene test (full LOINC display not given in terminology.md)", "✔ S4"),
            C("94223-5", "PTEN gene test (full LOINC display not given in terminology.md)", "✔ S4"),
            C("81706-4", "PTEN protein by immune stain (IHC)", "✔ S4"),
        ]),
        ("brca1-test", "BRCA1", [
            C(c, "BRCA1 gene test (full LOINC display not given in terminology.md)", "✔ S4")
            for c in ("21636-6", "21639-0", "79207-7", "21637-4")]),
        ("brca2-test", "BRCA2", [
            C(c, "BRCA2 gene test (full LOINC display not given in terminology.md)", "✔ S4")
            for c in ("38530-2", "38531-0", "79208-5")]),
        ("brca-test", "BRCA1+BRCA2", [
            C(c, "BRCA1+BRCA2 gene test (full LOINC display not given in terminology.md)", "✔ S4")
            for c in ("50995-0", "59041-4", "94191-4")]),
        ("palb2-test", "PALB2", [
            C(c, "PALB2 gene test (full LOINC display not given in terminology.md)", "✔ S4")
            for c in ("100761-6", "81845-0", "96974-1")]),
    ]
    for vs_id, gene, rows in single_gene:
        loinc_vs(vs_id, f"{gene} single-gene test (Observation.code)",
                 f"Older single-gene LOINC tests for {gene} that EHRs send as plain lab results (terminology.md §3.2 "
                 "'Older single-gene LOINC tests'). The result is usually a string or a coded Present/Absent/"
                 "Positive/Negative value; somatic vs germline is often not stated.", rows)

    add("brca-germline-finding-positive", "Germline BRCA1/BRCA2 mutation positive (finding)",
        "SNOMED CT findings of a germline BRCA mutation (terminology.md §3.2): 412734009 = BRCA1 mutation positive, "
        "412738007 = BRCA2 mutation positive. PARP-inhibitor prerequisite (therapy-rules.md E18).",
        [inc_of(SCT, [
            C("412734009", "BRCA1 mutation positive", "✔ S10"),
            C("412738007", "BRCA2 mutation positive", "✔ S10"),
        ])])
    add("brca-germline-finding-negative", "Germline BRCA1/BRCA2 mutation negative (finding)",
        "SNOMED CT findings of no germline BRCA mutation (terminology.md §3.2): 412736006 = BRCA1 mutation negative, "
        "412739004 = BRCA2 mutation negative. A negative result for one gene says nothing about the other.",
        [inc_of(SCT, [
            C("412736006", "BRCA1 mutation negative", "✔ S10"),
            C("412739004", "BRCA2 mutation negative", "✔ S10"),
        ])])

    # ---------------- Result values (terminology.md §2.2, §3.2) ----------------
    pos_mark = "✔✔✔ S1, S2, S4, S5 (S5 maps 10828004→POS)"
    neg_mark = "✔✔✔ S1, S2, S4, S5"
    add("positive-value", "Positive result value",
        "Coded 'positive' result, in valueCodeableConcept or interpretation (terminology.md §2.2). Accept any of "
        "SNOMED / LOINC answer / v3 interpretation.",
        [inc_of(SCT, [C("10828004", "Positive (qualifier value)", pos_mark)]),
         inc_of(LOINC, [C("LA6576-8", "Positive", pos_mark)]),
         inc_of(V3, [C("POS", "Positive", pos_mark)])])
    add("negative-value", "Negative result value",
        "Coded 'negative' result (terminology.md §2.2).",
        [inc_of(SCT, [C("260385009", "Negative (qualifier value)", neg_mark)]),
         inc_of(LOINC, [C("LA6577-6", "Negative", neg_mark)]),
         inc_of(V3, [C("NEG", "Negative", neg_mark)])])
    eq_mark = "✔✔ S12, S14, VSAC listings"
    add("equivocal-value", "Equivocal result value",
        "Coded 'equivocal' result (terminology.md §2.2); no LOINC answer code was found. For HER2, equivocal means "
        "IHC 2+ needing reflex ISH (therapy-rules.md §A1).",
        [inc_of(SCT, [C("42425007", "Equivocal (qualifier value)", eq_mark),
                      C("280414007", "Equivocal result", eq_mark)]),
         inc_of(V3, [C("E", "Equivocal", eq_mark)])])
    ind_mark = "✔ S12, S14"
    add("indeterminate-value", "Indeterminate / inconclusive result value",
        "Coded 'indeterminate' or 'inconclusive' result (terminology.md §2.2).",
        [inc_of(SCT, [C("82334004", "Indeterminate (qualifier value)", ind_mark),
                      C("280416009", "Indeterminate result", ind_mark),
                      C("419984006", "Inconclusive", ind_mark)]),
         inc_of(LOINC, [C("LA11884-6", "Indeterminate", ind_mark)]),
         inc_of(V3, [C("IND", "Indeterminate", ind_mark)])])
    add("unknown-value", "Unknown result value",
        "Coded 'unknown' (terminology.md §2.2; also menopausal status unknown, §4).",
        [inc_of(SCT, [C("261665006", "Unknown (qualifier value)", "✔ S8/S10")]),
         inc_of(LOINC, [C("LA4489-6", "Unknown", "⚠ (1 source)")])])
    add("present-value", "Present / detected value",
        "Coded 'present' / 'detected' (terminology.md §2.2, §3.1: genomic variant observation value).",
        [inc_of(SCT, [C("52101004", "Present", "✔ S10")]),
         inc_of(LOINC, [C("LA9633-4", "Present", "✔ S1")]),
         inc_of(V3, [C("DET", "Detected", "✔ S14")])])
    add("absent-value", "Absent / not detected value",
        "Coded 'absent' / 'not detected' (terminology.md §2.2, §3.1).",
        [inc_of(SCT, [C("2667000", "Absent", "✔ S10")]),
         inc_of(LOINC, [C("LA9634-2", "Absent", "✔ S1")]),
         inc_of(V3, [C("ND", "Not detected", "✔ S14")])])

    her2_la_mark = ("✔✔ S10 + 2 FHIR sources; ⚠ whether these LA codes are in the official answer list of 85319-2 "
                    "was not verified")
    her2_sct_mark = "⚠ (SNOMED code exists per terminology.md §2.2; single/secondary source)"
    add("her2-ihc-0", "HER2 IHC score 0",
        "HER2 IHC 0 (terminology.md §2.2). HER2-0 vs HER2-ultralow (IHC 0 with membrane staining) is not coded: look "
        "in text (therapy-rules.md §A1, §A3).",
        [inc_of(LOINC, [C("LA6111-4", "0", her2_la_mark)])])
    add("her2-ihc-1plus", "HER2 IHC score 1+",
        "HER2 IHC 1+ (HER2-low) (terminology.md §2.2; therapy-rules.md §A1).",
        [inc_of(LOINC, [C("LA11841-6", "1+", her2_la_mark)]),
         inc_of(SCT, [C("260347006", "+", her2_sct_mark)])])
    add("her2-ihc-2plus", "HER2 IHC score 2+",
        "HER2 IHC 2+ (equivocal: reflex ISH) (terminology.md §2.2; therapy-rules.md §A1).",
        [inc_of(LOINC, [C("LA11842-4", "2+", her2_la_mark)]),
         inc_of(SCT, [C("260348001", "++", her2_sct_mark)])])
    add("her2-ihc-3plus", "HER2 IHC score 3+",
        "HER2 IHC 3+ (HER2-positive) (terminology.md §2.2; therapy-rules.md §A1).",
        [inc_of(LOINC, [C("LA11843-2", "3+", her2_la_mark)]),
         inc_of(SCT, [C("260349009", "+++", her2_sct_mark)])])
    add("msi-high-value", "MSI-high value",
        "Value of 81695-9 meaning MSI-H (terminology.md §2.1; therapy-rules.md §B5).",
        [inc_of(LOINC, [C("LA26203-2", "MSI-H", "✔ S1")])])
    cs_mark = "✔✔ S1 (LA26333-7), S13 (full list, ≥4 sources)"
    add("pathogenic-value", "Pathogenic / likely pathogenic",
        "Clinical-significance values (component 53037-8) that count as actionable (terminology.md §3.2).",
        [inc_of(LOINC, [C("LA6668-3", "Pathogenic", cs_mark), C("LA26332-9", "Likely pathogenic", cs_mark)])])
    add("benign-or-uncertain-value", "Benign / likely benign / uncertain significance",
        "Clinical-significance values (component 53037-8) that do NOT count as actionable (terminology.md §3.2).",
        [inc_of(LOINC, [C("LA26333-7", "Uncertain significance", cs_mark),
                        C("LA26334-5", "Likely benign", cs_mark),
                        C("LA6675-8", "Benign", cs_mark)])])
    loinc_vs("clinical-significance-component", "Clinical significance component code",
             "Component code of the GR diagnostic-implication observation (terminology.md §3.2).", [
                 C("53037-8", "Genetic variation clinical significance [Imp]", "✔✔ S1 (LA26333-7), S13 (full list, ≥4 sources)"),
             ])

    # ---------------- Disease course (therapy-rules.md §F1, terminology.md §1.5, §2.4) ----------------
    add("disease-status-observation", "Disease status / response Observation.code",
        "Observation codes that carry disease status or response: mCODE CancerDiseaseStatus 97509-4 (terminology.md "
        "§1.5) and Synthea's 88040-1 'Response to cancer treatment' (§2.4); therapy-rules.md §F1 'Disease status'.",
        [inc_of(LOINC, [
            C("97509-4", "Cancer disease progression", "✔ S1 (mCODE CancerDiseaseStatus, terminology.md §1.5); therapy-rules §F1 [V]"),
            C("88040-1", "Response to cancer treatment", "✔ S2 (Synthea, terminology.md §2.4); therapy-rules §F1"),
        ])])
    add("progression-value", "Progression (worsened) value",
        "Disease-status values meaning progression: 271299001 for 97509-4 (mCODE) and 230993007 for 88040-1 "
        "(Synthea) (terminology.md §1.5, §2.4; therapy-rules.md §F1, F-6(b)).",
        [inc_of(SCT, [
            C("271299001", "Patient's condition worsened", "✔ S1 (ConditionStatusTrendVS, terminology.md §1.5); therapy-rules §F1 [V]"),
            C("230993007", "Worsening", "✔ S2 (Synthea, terminology.md §2.4); therapy-rules §F1"),
        ])])
    add("treatment-changed", "Treatment changed",
        "Synthea's 'Treatment changed' Procedure/Observation code (terminology.md §2.4; therapy-rules.md §F1).",
        [inc_of(SCT, [C("445528004", "Treatment changed", "✔ S2 (Synthea, terminology.md §2.4); therapy-rules §F1")])])
    stop_mark = "therapy-rules §F1 [V] (mCODE TreatmentTerminationReasonVS, partial list)"
    add("stop-reason-progression", "Stop reason: progression",
        "Medication statusReason meaning no response / progression (therapy-rules.md §F1 'Stop reason', F-6(a)).",
        [inc_of(SCT, [C("266721009", "No response to treatment", stop_mark)])])
    add("stop-reason-toxicity", "Stop reason: toxicity",
        "Medication statusReason meaning toxicity, which is NOT progression (therapy-rules.md §F1, F-7).",
        [inc_of(SCT, [C("407563006", "Treatment not tolerated", stop_mark)])])
    add("stop-reason-completed", "Stop reason: completed",
        "Medication statusReason meaning planned completion, which is NOT progression (therapy-rules.md §F1, F-7).",
        [inc_of(SCT, [C("182992009", "Treatment completed", stop_mark)])])
    add("stop-reason-patient-or-access", "Stop reason: patient choice or access",
        "Medication statusReason meaning refusal, financial, moved away or not available, which is NOT progression "
        "(therapy-rules.md §F1, F-7).",
        [inc_of(SCT, [
            C("105480006", "Refusal by patient", stop_mark),
            C("160932005", "Financial problem", stop_mark),
            C("184081006", "Patient moved away", stop_mark),
            C("309846006", "Treatment not available", stop_mark),
        ])])
    add("curative-intent", "Curative treatment intent",
        "Procedure-intent value for curative treatment: a drug given with this intent is (neo)adjuvant, not a "
        "metastatic line (therapy-rules.md §F1 'Intent', F-1).",
        [inc_of(SCT, [C("373808002", "Curative (procedure intent)", "therapy-rules §F1 [V example with 373808002]")])])

    # ---------------- Menopause (terminology.md §4) ----------------
    add("menopausal-status-observation", "Menopausal status Observation.code",
        "Observation.code for menopausal status; no LOINC code exists (✖, terminology.md §4).",
        [inc_of(SCT, [C("161712005", "Menopause, function (observable entity)", "✔ S8 (MII notes \"no LOINC code available\")")])])
    add("premenopausal-value", "Premenopausal value",
        "Menopausal-status values meaning premenopausal (terminology.md §4). Perimenopausal codes are not included "
        "(✖ conflicting sources); unknown status is unknown-value.",
        [inc_of(SCT, [C("22636003", "Premenopausal state (finding)", "✔ S8"),
                      C("289904000", "Menopause absent (finding)", "✔ S10")])])
    add("postmenopausal-value", "Postmenopausal value",
        "Menopausal-status values meaning postmenopausal (terminology.md §4). 289903006 'Menopause present' is "
        "postmenopausal (not the SNOMED 'postmenopausal state').",
        [inc_of(SCT, [C("76498008", "Postmenopausal state (finding)", "✔✔ S8, several FSH/JS sources"),
                      C("289903006", "Menopause present (finding)", "✔✔ S10, MedDRA→SNOMED ConceptMap")])])
    add("postmenopausal-condition", "Postmenopausal Condition.code",
        "Condition codes that document menopause (terminology.md §4): ICD-10-CM Z78.0, N95.1, E28.310 and SNOMED "
        "menopause present, premature and surgical menopause (⚠). Perimenopausal codes are not included (✖).",
        [inc_of(ICD10CM, [
            C("Z78.0", "Asymptomatic menopausal state", "✔✔"),
            C("N95.1", "Menopausal and female climacteric states", "✔✔"),
            C("E28.310", "Symptomatic premature menopause", "✔ (1 source)"),
        ]),
         inc_of(SCT, [
             C("289903006", "Menopause present (finding)", "✔✔ S10, MedDRA→SNOMED ConceptMap"),
             C("373717006", "Premature menopause", "⚠ (code lists without authoritative display)"),
             C("67207009", "Surgical menopause", "⚠ (code lists without authoritative display)"),
         ])])

    # ---------------- Receptor-status conditions (terminology.md §1.1 Z17, §1.2) ----------------
    def status_vs(vs_id, title, icd_rows, sct_rows=(), extra=""):
        incs = [inc_of(ICD10CM, icd_rows)]
        if sct_rows:
            incs.append(inc_of(SCT, sct_rows))
        add(vs_id, title,
            "Receptor-status Condition codes (ICD-10-CM Z17.x, terminology.md §1.1; SNOMED status disorders, §1.2). "
            "Use only when no lab Observation exists: a lab result always wins." + extra, incs)

    z17_0 = C("Z17.0", "Estrogen receptor positive status [ER+]", "✔✔ (S11, S-misc)")
    z17_21 = C("Z17.21", "Progesterone receptor positive status", "✔ (S11)")
    z17_410 = C("Z17.410", "Hormone receptor positive with human epidermal growth factor receptor 2 positive status", "✔✔ (S11)")
    z17_411 = C("Z17.411", "Hormone receptor positive with human epidermal growth factor receptor 2 negative status", "✔✔ (S11)")
    sct_416053008 = C("416053008", "Estrogen receptor positive tumor (disorder)", "✔✔ (several FSH examples)")
    sct_417181009 = C("417181009", "Hormone receptor positive malignant neoplasm of breast (disorder)",
                      "✔ S4 (Synthea misuses this code, see terminology.md §2.4)")
    synthea_note = (" Synthea misuse: Synthea's hormone_diagnosis module sends 417181009 as an Observation.code with "
                    "system LOINC and value Negative to mean HR-NEGATIVE (terminology.md §2.4). That Observation is "
                    "not a Condition and its system is LOINC, so it does not match this set; never read it as HR+.")
    status_vs("er-positive-condition", "ER-positive status (Condition)", [z17_0], [sct_416053008])
    status_vs("er-negative-condition", "ER-negative status (Condition)",
              [C("Z17.1", "Estrogen receptor negative status [ER-]", "✔ (S11)")],
              extra=" The ⚠ 441117001 (ER negative neoplasm, display not seen) is not included.")
    status_vs("pr-positive-condition", "PR-positive status (Condition)", [z17_21])
    status_vs("pr-negative-condition", "PR-negative status (Condition)",
              [C("Z17.22", "Progesterone receptor negative status", "✔ (S11)")])
    status_vs("her2-positive-condition", "HER2-positive status (Condition)",
              [C("Z17.31", "Human epidermal growth factor receptor 2 positive status", "✔ (S11)")],
              [C("427685000", "Human epidermal growth factor 2 positive carcinoma of breast", "✔ S4")])
    status_vs("her2-negative-condition", "HER2-negative status (Condition)",
              [C("Z17.32", "Human epidermal growth factor receptor 2 negative status", "✔ (S11)")],
              [C("431396003", "Human epidermal growth factor 2 negative carcinoma of breast", "✔ S4")])
    status_vs("hr-positive-condition", "Hormone-receptor-positive status, HER2 not stated (Condition)",
              [z17_0, z17_21, z17_410, z17_411], [sct_416053008, sct_417181009],
              extra=(" HR-positive = ER-positive or PR-positive (therapy-rules.md §A1). This set holds every HR-positive "
                     "code; SNOMED 417181009 'Hormone receptor positive malignant neoplasm of breast' is here and NOT in "
                     "hr-positive-her2-negative-condition, because it says nothing about HER2." + synthea_note))
    status_vs("hr-positive-her2-positive-condition", "HR-positive, HER2-positive status (Condition)", [z17_410])
    status_vs("hr-positive-her2-negative-condition", "HR-positive, HER2-negative status (Condition)", [z17_411],
              extra=(" SNOMED 417181009 (HR-positive breast cancer) is deliberately not in this set: it does not state "
                     "HER2 status, so it is in hr-positive-condition." + synthea_note))
    status_vs("hr-negative-her2-positive-condition", "HR-negative, HER2-positive status (Condition)",
              [C("Z17.420", "Hormone receptor negative with human epidermal growth factor receptor 2 positive status", "✔ (S11)")])
    status_vs("triple-negative-condition", "Triple-negative status (Condition)",
              [C("Z17.421", "Hormone receptor negative with human epidermal growth factor receptor 2 negative status (triple negative)", "✔ (S11)")],
              [C("706970001", "Triple negative malignant neoplasm of breast (disorder)", "✔✔ S10, S-misc")])
    # ---------------- Sets the service composes from the ones above ----------------
    add("breast-cancer-marker-disorder", "Breast cancer disorders named by receptor status (Condition.code)",
        "SNOMED CT disorders of terminology.md §1.2 that name a breast cancer by its marker status; they identify a "
        "breast cancer as much as a primary code does (the receptor-status sets use them for ER/PR/HER2).",
        [inc_of(SCT, [
            C("417181009", "Hormone receptor positive malignant neoplasm of breast (disorder)", "✔ S4 (Synthea misuses this code, §2.4)"),
            C("427685000", "Human epidermal growth factor 2 positive carcinoma of breast", "✔ S4"),
            C("431396003", "Human epidermal growth factor 2 negative carcinoma of breast", "✔ S4"),
            C("706970001", "Triple negative malignant neoplasm of breast (disorder)", "✔✔ S10, S-misc"),
        ])])
    add("breast-cancer-history", "Personal history of breast cancer (Condition.code)",
        "Z85.3: history only, but recurrent metastatic breast cancer is often coded as Z85.3 together with C78/C79 "
        "(terminology.md §1.1). Used only together with distant-metastasis evidence, and then said to need confirmation.",
        [inc_of(ICD10CM, [C("Z85.3", "Personal history of malignant neoplasm of breast", "✔✔")])])
    prefetch_sets = ["stage-group-observation", "distant-metastasis-observation", "history-of-metastatic-cancer-observation",
                     "er-test", "er-percent-test", "pr-test", "pr-percent-test", "hr-combined-test",
                     "triple-negative-marker-test", "her2-ihc-test", "her2-interpretation-test", "her2-ish-test",
                     "her2-ish-ratio-test", "ki67-test", "pdl1-test", "msi-test", "tmb-test",
                     "genomic-variant-observation", "pik3ca-test", "pten-test", "brca1-test", "brca2-test", "brca-test",
                     "palb2-test", "disease-status-observation", "menopausal-status-observation"]
    V.append(valueset("prefetch-observation-codes", "Observation codes the service reads (prefetch)",
                      "Every Observation.code the service interprets, composed of the marker, stage, genomic, disease "
                      "status and menopause sets. The service builds its Observation prefetch template from this set "
                      "(code=...), so a client's search returns what the rules need and not every vital sign.",
                      [OrderedDict([("valueSet", [VS_BASE + i])]) for i in prefetch_sets]))
    return V


# --------------------------------------------------------------------------------------------------------------
# Drugs (terminology.md §5, rxnorm-product-to-ingredient.csv)
# --------------------------------------------------------------------------------------------------------------
# CSV rows that are NOT shipped although the CSV maps them to a concept: (rxcui -> reason).
CSV_ROWS_LEFT_OUT = {
    **{c: ("CSV maps vincristine sulfate liposome (Marqibo) to 'liposomal doxorubicin'; it is not doxorubicin. "
           "Shipping it would make a vincristine-liposome order count as an anthracycline.")
       for c in ("1304990", "1304991", "1304992", "1304995", "1304997")},
    **{c: ("CSV maps irinotecan liposome (Onivyde) to 'liposomal doxorubicin'; it is not doxorubicin. Shipping it "
           "would make an irinotecan-liposome order count as an anthracycline.")
       for c in ("1719767", "1719768", "1719769", "1719772", "1719774")},
}

# Per concept: ATC (code, mark), order coding (code, display) or None, synonyms (generic first), and extra RxNorm
# codes of terminology.md §5 that are not in the CSV: [(code, display, mark)].
DRUGS = OrderedDict()


def drug(concept_name, atc=None, order=None, synonyms=(), extra_rxnorm=(), atc_caveat=None, text_only=False,
         source_note=""):
    DRUGS[concept_name] = dict(atc=atc, order=order, synonyms=list(synonyms), extra=list(extra_rxnorm),
                               atc_caveat=atc_caveat, text_only=text_only, note=source_note)


S8 = "✔ S8"
# --- Endocrine ---
drug("tamoxifen", ("L02BA01", S8), ("10324", "tamoxifen"), ["tamoxifen", "Nolvadex", "Soltamox"])
drug("letrozole", ("L02BG04", S8), ("72965", "letrozole"), ["letrozole", "Femara"])
drug("anastrozole", ("L02BG03", S8), ("84857", "anastrozole"), ["anastrozole", "Arimidex"])
drug("exemestane", ("L02BG06", S8), ("258494", "exemestane"), ["exemestane", "Aromasin"])
drug("fulvestrant", ("L02BA03", S8), ("282357", "fulvestrant"), ["fulvestrant", "Faslodex"])
drug("elacestrant", ("L02BA04", "✔✔ S7,S8"), ("2628469", "elacestrant"), ["elacestrant", "Orserdu"],
     [("2628469", "elacestrant", "⚠ S7 only (terminology.md §5.1 RxNorm cell '✔ S7 only'; §7 single-source)")])
drug("imlunestrant", text_only=True, synonyms=["imlunestrant", "Inluriyo"],
     source_note="No RxCUI or ATC in any offline source (✖, terminology.md §5.1, §7); FDA-approved 2025-09-25 (therapy-rules.md §0).")
drug("camizestrant", text_only=True, synonyms=["camizestrant", "Etcamah"],
     source_note="No RxCUI or ATC found (✖, terminology.md §5.1, §7); not FDA-approved, EU positive opinion as Etcamah (therapy-rules.md §0, E34).")
drug("vepdegestrant", text_only=True, synonyms=["vepdegestrant", "Veppanu"],
     source_note="Not in terminology.md §5.1 (no code); PROTAC ER degrader approved 2026-05-01 as Veppanu (therapy-rules.md §0).")
drug("megestrol", ("L02AB01", "✔✔ S7,S8"), ("6703", "megestrol"), ["megestrol", "Megace"],
     [("6703", "megestrol", "✔ S7 (terminology.md §5.1 extra row)"),
      ("203000", "Megace", "✔ S7 (terminology.md §5.1 megestrol row: BN from the older Synthea module)")])
drug("goserelin", ("L02AE03", S8), ("50610", "goserelin"), ["goserelin", "Zoladex"])
drug("leuprolide", ("L02AE02", "✔ S8 (ATC name: leuprorelin)"), ("42375", "leuprolide"),
     ["leuprolide", "leuprorelin", "Lupron", "Lupron Depot", "Eligard", "Fensolvi"])
drug("triptorelin", text_only=True, synonyms=["triptorelin"],
     source_note="Named only in therapy-rules.md §C (OFS); no code in terminology.md.")
# --- CDK4/6, PI3K/AKT/mTOR ---
drug("palbociclib", ("L01EF01", S8), ("1601374", "palbociclib"), ["palbociclib", "Ibrance"])
drug("ribociclib", ("L01EF02", "✔✔ S7,S8"), ("1873916", "ribociclib"), ["ribociclib", "Kisqali"])
drug("abemaciclib", ("L01EF03", S8), ("1946825", "abemaciclib"), ["abemaciclib", "Verzenio"])
drug("alpelisib", ("L01EM03", S8), ("2169285", "alpelisib"), ["alpelisib", "Piqray"])
drug("inavolisib", text_only=True, synonyms=["inavolisib", "Itovebi"],
     source_note="No RxCUI found (✖, terminology.md §5.1, §7); ATC L01EM05 only 'proposed' in one German doc (✖).")
drug("capivasertib", ("L01EX27", "⚠ S7 only"), ("2669967", "capivasertib"), ["capivasertib", "Truqap"],
     [("2669967", "capivasertib", "⚠ S7 only (terminology.md §5.1 RxNorm cell '✔ S7 only'; §7 single-source)")])
drug("everolimus", ("L01EG02", "✔ S8 (antineoplastic; L04AH02 = transplant use, not included)"), ("141704", "everolimus"),
     ["everolimus", "Afinitor", "Afinitor Disperz", "Zortress"])
drug("gedatolisib", text_only=True, synonyms=["gedatolisib", "Revtorpyk"],
     source_note="Not in terminology.md §5.1 (no code); IV PI3K/mTOR inhibitor, approval reported 2026-07-14 (therapy-rules.md §0).")
# --- PARP ---
drug("olaparib", ("L01XK01", S8), ("1597582", "olaparib"), ["olaparib", "Lynparza"])
drug("talazoparib", ("L01XK04", S8), ("2099704", "talazoparib"), ["talazoparib", "Talzenna"])
# --- HER2 ---
drug("trastuzumab", ("L01FD01", S8), ("224905", "trastuzumab"),
     ["trastuzumab", "trastuzumab-dkst", "trastuzumab-pkrb", "trastuzumab-anns", "trastuzumab-qyyp",
      "trastuzumab-dttb", "trastuzumab-oysk", "trastuzumab-zzxf", "Herceptin", "Herceptin Hylecta", "Herzuma",
      "Kanjinti", "Ogivri", "Trazimera", "Ontruzant", "Phesgo"])
drug("pertuzumab", ("L01FD02", S8), ("1298944", "pertuzumab"), ["pertuzumab", "pertuzumab-zzxf", "Perjeta"])
drug("ado-trastuzumab emtansine", ("L01FD03", S8), ("1371041", "ado-trastuzumab emtansine"),
     ["ado-trastuzumab emtansine", "trastuzumab emtansine", "T-DM1", "Kadcyla", "Trastuzumab Injection [KADCYLA]"])
drug("fam-trastuzumab deruxtecan", ("L01FD04", "✔✔ S8 + others"), ("2267574", "fam-trastuzumab deruxtecan-nxki"),
     ["fam-trastuzumab deruxtecan", "fam-trastuzumab deruxtecan-nxki", "trastuzumab deruxtecan", "T-DXd", "Enhertu",
      "Trastuzumab Injection [Enhertu]"])
drug("margetuximab", ("L01FD06", "✔✔ S7,S8"), ("2473851", "margetuximab"), ["margetuximab", "Margenza"],
     [("2473851", "margetuximab", "⚠ S7 only (terminology.md §5.1 RxNorm cell '✔ S7 only'; §7 single-source)")])
drug("tucatinib", ("L01EH03", S8), ("2361285", "tucatinib"), ["tucatinib", "Tukysa"])
drug("lapatinib", ("L01EH01", S8), ("480167", "lapatinib"), ["lapatinib", "Tykerb"])
drug("neratinib", ("L01EH02", S8), ("1940643", "neratinib"), ["neratinib", "Nerlynx"])
# --- TROP2 ADCs ---
drug("sacituzumab govitecan", ("L01FX17", S8), ("2360530", "sacituzumab govitecan-hziy"),
     ["sacituzumab govitecan", "sacituzumab govitecan-hziy", "sacituzumab", "SG", "Trodelvy"])
drug("datopotamab deruxtecan", ("L01FX35", "⚠ S7 only"), ("2703033", "datopotamab deruxtecan"),
     ["datopotamab deruxtecan", "Dato-DXd", "Datroway"],
     [("2703033", "datopotamab deruxtecan", "⚠ S7 only (terminology.md §5.1 RxNorm cell '✔ S7 only'; §7 single-source)")])
# --- Immunotherapy ---
drug("pembrolizumab", ("L01FF02", S8), ("1547545", "pembrolizumab"), ["pembrolizumab", "Keytruda", "Keytruda Qlex"])
drug("atezolizumab", ("L01FF05", S8), ("1792776", "atezolizumab"), ["atezolizumab", "Tecentriq"])
drug("dostarlimab", text_only=True, synonyms=["dostarlimab"],
     source_note="Named only in therapy-rules.md §B5 (tumour-agnostic dMMR); no code in terminology.md.")
# --- Chemotherapy ---
drug("capecitabine", ("L01BC06", "✔✔ S7,S8"), ("194000", "capecitabine"), ["capecitabine", "Xeloda"])
drug("paclitaxel", ("L01CD01", S8), ("56946", "paclitaxel"), ["paclitaxel"],
     atc_caveat="AMBIGUOUS: ATC L01CD01 also covers nab-paclitaxel (no separate ATC code)")
drug("nab-paclitaxel", ("L01CD01", "✔ S8 (no separate ATC)"), ("486610", "paclitaxel protein-bound"),
     ["nab-paclitaxel", "paclitaxel protein-bound", "Abraxane", "PACLitaxel Injection [Abraxane]",
      "PACLitaxel 100 MG [Abraxane]"],
     atc_caveat="AMBIGUOUS: ATC L01CD01 is paclitaxel; nab-paclitaxel has no separate ATC code")
drug("docetaxel", ("L01CD02", S8), ("72962", "docetaxel"), ["docetaxel", "Taxotere", "Docefrez"])
drug("doxorubicin", ("L01DB01", S8), ("3639", "doxorubicin"), ["doxorubicin", "Adriamycin"],
     atc_caveat="AMBIGUOUS: ATC L01DB01 also covers liposomal doxorubicin (no separate ATC code)")
drug("liposomal doxorubicin", ("L01DB01", "✔ S8 (no separate ATC)"), ("466523", "doxorubicin hydrochloride liposome"),
     ["liposomal doxorubicin", "doxorubicin liposomal", "doxorubicin liposome", "doxorubicin hydrochloride liposome",
      "Doxil", "LipoDox", "DOXOrubicin Injection [Doxil]", "DOXOrubicin Injection [LipoDox]"],
     atc_caveat="AMBIGUOUS: ATC L01DB01 is doxorubicin; liposomal doxorubicin has no separate ATC code")
drug("epirubicin", ("L01DB03", S8), ("3995", "epirubicin"), ["epirubicin", "Ellence"])
drug("eribulin", ("L01XX41", S8), ("1045453", "eribulin"), ["eribulin", "eribulin mesylate", "Halaven"])
drug("gemcitabine", ("L01BC05", S8), ("12574", "gemcitabine"), ["gemcitabine", "Gemzar", "Infugem"])
drug("carboplatin", ("L01XA02", "✔✔ S7,S8"), ("40048", "carboplatin"), ["carboplatin", "Paraplatin"])
drug("cisplatin", ("L01XA01", S8), ("2555", "cisplatin"), ["cisplatin"])
drug("vinorelbine", ("L01CA04", S8), ("39541", "vinorelbine"), ["vinorelbine", "Navelbine"])
drug("cyclophosphamide", ("L01AA01", S8), ("3002", "cyclophosphamide"), ["cyclophosphamide", "Cytoxan"])
drug("ixabepilone", ("L01DC04", S8), ("337523", "ixabepilone"), ["ixabepilone", "Ixempra"])
drug("fluorouracil", ("L01BC02", S8), ("4492", "fluorouracil"), ["fluorouracil", "5-FU"],
     [("4492", "fluorouracil", "✔ S10, S2 (terminology.md §5.1 extra row)"),
      ("1791701", "fluorouracil SCD emitted by Synthea (name not given in terminology.md)",
       "✔ S10, S2 (terminology.md §5.1 fluorouracil row: SCD 1791701 (Synthea); not in the CSV)")])
# --- Bone, tumour-agnostic ---
drug("denosumab", ("M05BX04", "✔✔ S7,S8"), ("993449", "denosumab"), ["denosumab", "Xgeva", "Prolia"])
drug("zoledronic acid", ("M05BA08", S8), ("77655", "zoledronic acid"), ["zoledronic acid", "Zometa", "Reclast", "ZA"])
drug("pamidronate", text_only=True, synonyms=["pamidronate"],
     source_note="SCD 1737449 is ✖ (not cross-checked, terminology.md §5.2, §7), so no code is shipped.")
drug("larotrectinib", ("L01EX12", S8), ("2105628", "larotrectinib"), ["larotrectinib", "Vitrakvi"])
drug("entrectinib", ("L01EX14", S8), ("2197862", "entrectinib"), ["entrectinib", "Rozlytrek"])

# ATC code for the Phesgo combination (pertuzumab + trastuzumab), terminology.md §5.1 pertuzumab row.
PHESGO_ATC = ("L01FY01", "⚠ no status given (terminology.md §5.1 pertuzumab row note: Phesgo ATC L01FY01)",
              "Combination ATC (pertuzumab and trastuzumab, Phesgo): stands for both concepts")
PHESGO_ATC_CONCEPTS = ("pertuzumab", "trastuzumab")

ABBREV_NOTE = {
    "fam-trastuzumab deruxtecan": "T-DXd",
    "ado-trastuzumab emtansine": "T-DM1",
    "sacituzumab govitecan": "SG",
    "datopotamab deruxtecan": "Dato-DXd",
}


def slug(concept_name):
    return concept_name.lower().replace(" ", "-")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = ["rxcui", "rxnorm_name_as_in_source", "clinical_concept", "rxnorm_IN_rxcui", "caveat"]
    if rows and list(rows[0].keys()) != expected:
        raise SystemExit(f"Unexpected CSV header in {path}: {list(rows[0].keys())}")
    return rows


def build_drug_valuesets(csv_rows):
    by_concept = OrderedDict()
    for r in csv_rows:
        by_concept.setdefault(r["clinical_concept"].strip(), []).append(r)
    missing = sorted(set(by_concept) - set(DRUGS))
    if missing:
        raise SystemExit(f"CSV concepts without a DRUGS entry in generate.py: {missing}")

    out = []
    for name, spec in DRUGS.items():
        vs_id = "drug-" + slug(name)
        rows = by_concept.get(name, [])
        if spec["text_only"]:
            if rows:
                raise SystemExit(f"{name} is marked text-only but has CSV rows")
            inc = include(DRUG_TEXT, [concept(slug(name), name,
                                              "text only: no code in terminology.md / CSV (" + spec["note"] + ")",
                                              synonyms=spec["synonyms"])])
            desc = (f"Drug concept '{name}' for the free-text fallback only. {spec['note']} No RxNorm or ATC code is "
                    "shipped, so the set has a single pseudo-concept in the local drug-text system whose designations "
                    "are the names to match. No order-coding extension.")
            out.append(valueset(vs_id, f"Drug: {name} (text only)", desc, [inc]))
            continue

        order_code, order_display = spec["order"]
        rx_concepts = []
        seen = set()
        # Extra codes from terminology.md §5 (concepts without CSV rows, Synthea codes not in the CSV).
        extra_by_code = OrderedDict((c, (d, m)) for c, d, m in spec["extra"])
        csv_by_code = OrderedDict()
        for r in rows:
            if r["rxcui"] in CSV_ROWS_LEFT_OUT:
                continue
            if r["rxcui"] in csv_by_code:
                raise SystemExit(f"Duplicate rxcui {r['rxcui']} within concept {name}")
            csv_by_code[r["rxcui"]] = r
        ordered = []
        if order_code in csv_by_code or order_code in extra_by_code:
            ordered.append(order_code)
        ordered += [c for c in csv_by_code if c not in ordered]
        ordered += [c for c in extra_by_code if c not in ordered]
        for code in ordered:
            if code in seen:
                continue
            seen.add(code)
            syn = spec["synonyms"] if not rx_concepts else ()
            if code in csv_by_code:
                r = csv_by_code[code]
                caveat = r["caveat"].strip() or None
                rx_concepts.append(concept(code, r["rxnorm_name_as_in_source"], CSV_MARK, synonyms=syn, caveat=caveat))
            else:
                display, mark = extra_by_code[code]
                rx_concepts.append(concept(code, display, mark, synonyms=syn))
        includes = [include(RXNORM, rx_concepts)]
        atc_concepts = []
        if spec["atc"]:
            atc_code, atc_mark = spec["atc"]
            atc_concepts.append(concept(atc_code, f"{name} (ATC)", atc_mark, caveat=spec["atc_caveat"]))
        if name in PHESGO_ATC_CONCEPTS:
            code, mark, cav = PHESGO_ATC
            atc_concepts.append(concept(code, "pertuzumab and trastuzumab (ATC, Phesgo)", mark, caveat=cav))
        if atc_concepts:
            includes.append(include(ATC, atc_concepts))
        ext = [OrderedDict([("url", ORDER_CODING_EXT),
                            ("valueCoding", OrderedDict([("system", RXNORM), ("code", order_code),
                                                         ("display", order_display)]))])]
        n_csv = len(csv_by_code)
        parts = [f"Drug concept '{name}' (terminology.md §5.1 row; §5.3 clinical-concept mapping)."]
        if n_csv:
            parts.append(f"RxNorm: {n_csv} codes (IN/PIN/BN/SCD/SBD/dose-form groups) from rxnorm-product-to-ingredient.csv"
                         + (f", plus {len(extra_by_code)} code(s) from terminology.md §5" if extra_by_code else "") + ".")
        else:
            parts.append("RxNorm: not in rxnorm-product-to-ingredient.csv; only the code(s) named in terminology.md §5 "
                         "(product codes to be added from an RxNorm release, §5.3).")
        dropped = [c for c in (r["rxcui"] for r in rows) if c in CSV_ROWS_LEFT_OUT]
        if dropped:
            parts.append(f"Left out {len(dropped)} CSV rows mapped to this concept by mistake (vincristine and "
                         "irinotecan liposome products, rxcui " + ", ".join(dropped) + "; see README).")
        if any(r["caveat"].startswith("AMBIGUOUS") for r in rows):
            parts.append("Codes with a caveat starting 'AMBIGUOUS' are ingredient/dose-form-level concepts that also "
                         "cover a clinically distinct agent; treat a match on them as ambiguous.")
        if name in ("ado-trastuzumab emtansine", "fam-trastuzumab deruxtecan"):
            parts.append("RxNorm appears to model this ADC under IN trastuzumab (224905): match it by its own codes, "
                         "never by the trastuzumab IN; 'trastuzumab' is not a synonym here.")
        if name in ("trastuzumab", "pertuzumab"):
            parts.append("Phesgo (hyaluronidase/pertuzumab/trastuzumab) codes are in both drug-trastuzumab and "
                         "drug-pertuzumab. The free-text name 'Phesgo' can belong to one concept only (the loader "
                         "rejects shared synonyms); it is a synonym of drug-trastuzumab.")
        if spec["atc"]:
            parts.append(f"ATC {spec['atc'][0]} ({spec['atc'][1]}).")
        parts.append(f"Order coding (§5.3 last bullet): RxNorm {order_code} '{order_display}'"
                     + (" (PIN, as for every ADC / formulation-specific concept)." if order_code in
                        ("1371041", "2267574", "2360530", "486610", "466523") else " (IN)."))
        if name in ABBREV_NOTE:
            parts.append(f"Abbreviation {ABBREV_NOTE[name]} as in therapy-rules.md.")
        out.append(valueset(vs_id, f"Drug: {name}", " ".join(parts), includes, extension=ext))
    return out


# --------------------------------------------------------------------------------------------------------------
# Drug classes
# --------------------------------------------------------------------------------------------------------------
TAXANES = ["paclitaxel", "nab-paclitaxel", "docetaxel"]
ANTHRACYCLINES = ["doxorubicin", "liposomal doxorubicin", "epirubicin"]
PLATINUM = ["carboplatin", "cisplatin"]
AI = ["letrozole", "anastrozole", "exemestane"]
NSAI = ["letrozole", "anastrozole"]
ORAL_SERD = ["elacestrant", "imlunestrant", "camizestrant", "vepdegestrant"]

DRUG_CLASSES = [
    ("aromatase-inhibitor", "Aromatase inhibitors", AI,
     "ATC L02BG (terminology.md §5.1 class prefixes); therapy-rules.md §B1, E10, E13, E14."),
    ("nonsteroidal-aromatase-inhibitor", "Non-steroidal aromatase inhibitors (NSAI)", NSAI,
     "therapy-rules.md §B1 'NSAI (letrozole/anastrozole) + CDK4/6i', E11 exception (fulvestrant + NSAI), E16."),
    ("serm", "Selective estrogen receptor modulators (SERM)", ["tamoxifen"],
     "therapy-rules.md E7, E10, E11, E12 ('SERM'); ATC L02BA01 within the anti-estrogen prefix L02BA (terminology.md §5.1)."),
    ("fulvestrant", "Fulvestrant (injectable SERD)", ["fulvestrant"],
     "therapy-rules.md §B1/§B2 and E11, E13, E17; ATC L02BA03 (terminology.md §5.1)."),
    ("oral-serd", "Oral ER degraders (oral SERD / PROTAC)", ORAL_SERD,
     "therapy-rules.md §B2 rank 1 (ESR1m) 'Oral ER degrader monotherapy: elacestrant, imlunestrant, vepdegestrant' "
     "(vepdegestrant is a PROTAC), §B1/E34 camizestrant; E11, E13, E32, E33."),
    ("endocrine-therapy", "Endocrine therapy", AI + ["tamoxifen", "fulvestrant"] + ORAL_SERD + ["megestrol"],
     "therapy-rules.md E7 ('Any ET (AI, SERM, SERD, oral SERD/PROTAC)'), E51; ATC L02A/L02B; megestrol (L02AB01) from "
     "terminology.md §5.1 extra row. GnRH analogues (ovarian suppression) are a separate class."),
    ("gnrh-analogue", "GnRH analogues (ovarian function suppression)", ["goserelin", "leuprolide", "triptorelin"],
     "ATC L02AE (terminology.md §5.1); therapy-rules.md §C premenopausal HR+ (goserelin/leuprolide/triptorelin), E13, E14; "
     "terminology.md §4 (ovarian suppression as evidence for menopausal status)."),
    ("cdk46-inhibitor", "CDK4/6 inhibitors", ["palbociclib", "ribociclib", "abemaciclib"],
     "ATC L01EF (terminology.md §5.1); therapy-rules.md §B1, §B2, E8, E9."),
    ("pi3k-akt-mtor-inhibitor", "PI3K / AKT / mTOR inhibitors",
     ["alpelisib", "inavolisib", "capivasertib", "everolimus", "gedatolisib"],
     "therapy-rules.md E31 list; ATC L01EM (PI3K), everolimus L01EG02, capivasertib L01EX27 (terminology.md §5.1)."),
    ("anti-her2-antibody", "Anti-HER2 monoclonal antibodies", ["trastuzumab", "pertuzumab", "margetuximab"],
     "therapy-rules.md E1, §B3; ATC L01FD (HER2 mAbs, terminology.md §5.1). ADCs are in her2-adc."),
    ("her2-tki", "HER2 tyrosine-kinase inhibitors", ["tucatinib", "neratinib", "lapatinib"],
     "ATC L01EH (terminology.md §5.1); therapy-rules.md E1, E48 (never two anti-HER2 TKIs)."),
    ("her2-adc", "HER2-directed antibody-drug conjugates", ["ado-trastuzumab emtansine", "fam-trastuzumab deruxtecan"],
     "ATC L01FD03/L01FD04 (terminology.md §5.1); therapy-rules.md §B3, E45."),
    ("trop2-adc", "TROP2-directed antibody-drug conjugates", ["sacituzumab govitecan", "datopotamab deruxtecan"],
     "therapy-rules.md §B2, §B4 (SG, Dato-DXd), E41–E44; ATC L01FX17/L01FX35 (terminology.md §5.1)."),
    ("dxd-adc", "Deruxtecan (DXd) payload ADCs", ["fam-trastuzumab deruxtecan", "datopotamab deruxtecan"],
     "therapy-rules.md E6 (ILD on T-DXd or Dato-DXd), E47 (second DXd-payload ADC)."),
    ("antibody-drug-conjugate", "Antibody-drug conjugates",
     ["ado-trastuzumab emtansine", "fam-trastuzumab deruxtecan", "sacituzumab govitecan", "datopotamab deruxtecan"],
     "therapy-rules.md E45 (two ADCs), F-9 (ever-ADC exposure flag)."),
    ("parp-inhibitor", "PARP inhibitors", ["olaparib", "talazoparib"],
     "ATC L01XK (terminology.md §5.1); therapy-rules.md §B1 alt, §B2, E18–E22."),
    ("immune-checkpoint-inhibitor", "Immune checkpoint inhibitors (PD-1/PD-L1)",
     ["pembrolizumab", "atezolizumab", "dostarlimab"],
     "ATC L01FF (terminology.md §5.1); therapy-rules.md §B4, §B5 (dostarlimab dMMR), E36–E40, F-9 (ever-PD-1)."),
    ("taxane", "Taxanes", TAXANES,
     "ATC L01CD (terminology.md §5.1); therapy-rules.md §B1 rank 3, §B3 THP, §B4."),
    ("anthracycline", "Anthracyclines", ANTHRACYCLINES,
     "ATC L01DB (terminology.md §5.1); therapy-rules.md E50 (conventional doxorubicin/epirubicin with trastuzumab)."),
    ("platinum", "Platinum agents", PLATINUM,
     "ATC L01XA (terminology.md §5.1 ATC codes); therapy-rules.md §B4 (platinum in TNBC/gBRCA), F-9 (ever-platinum)."),
    ("cytotoxic-chemotherapy", "Cytotoxic chemotherapy",
     TAXANES + ANTHRACYCLINES + PLATINUM + ["capecitabine", "gemcitabine", "eribulin", "vinorelbine",
                                            "cyclophosphamide", "fluorouracil", "ixabepilone"],
     "therapy-rules.md §B1 rank 3, §B2 endocrine-refractory chemotherapy, §B4, E9, E51; drugs of terminology.md §5.1. "
     "ADCs are not in this class (see antibody-drug-conjugate)."),
    ("bone-modifying-agent", "Bone-modifying agents", ["denosumab", "zoledronic acid", "pamidronate"],
     "therapy-rules.md §C bone metastases, E52–E54; ATC M05BX04 / M05BA08 (terminology.md §5.1); pamidronate from §5.2 "
     "(text only)."),
    ("tumour-agnostic-targeted", "Tumour-agnostic targeted agents (NTRK)", ["larotrectinib", "entrectinib"],
     "therapy-rules.md §B5 (NTRK fusion); terminology.md §5.1. Pembrolizumab/dostarlimab (MSI-H/TMB-H) are in "
     "immune-checkpoint-inhibitor."),
]


def build_class_valuesets():
    out = []
    for cls, title, members, source in DRUG_CLASSES:
        urls = [VS_BASE + "drug-" + slug(m) for m in members]
        if len(set(urls)) != len(urls):
            raise SystemExit(f"duplicate member in class {cls}")
        # One include per member: a union under every reading of FHIR R4 (several value sets inside one include are
        # an intersection per R4B/R5 wording). The loader iterates every include and every valueSet entry.
        includes = [OrderedDict([("valueSet", [u])]) for u in urls]
        desc = (f"Drug class '{cls}': {', '.join(members)}. Source of the grouping: {source} Members are the drug "
                "ValueSets (one include per member = union).")
        out.append(valueset("drug-class-" + cls, f"Drug class: {title}", desc, includes))
    return out


# --------------------------------------------------------------------------------------------------------------
# Codes of the sources deliberately left out (README lists these; validation checks completeness)
# --------------------------------------------------------------------------------------------------------------
LEFT_OUT = OrderedDict()


def left_out(reason, *codes):
    for c in codes:
        LEFT_OUT[c] = reason


left_out("⚠ ER-negative neoplasm; display not seen in any source (terminology.md §1.2, §7). Not a primary-cancer code "
         "and not safe as an ER-negative status.", "441117001")
left_out("§1.2 gives these quadrant codes only as '188147009 … 188157005' with item ids …152, …153, …154, …155, …156; the "
         "full SCTIDs (with check digit) are not written out, so they are not shipped (the written-out 188147009, "
         "188151006, 188157005 are).", "188152", "188153", "188154", "188155", "188156")
left_out("Hierarchy roots (mCODE uses 'descendants of'); no hierarchy is available offline, only the listed codes are "
         "shipped (terminology.md §1.2, §1.3).", "363346000", "128462008")
left_out("Example full codes illustrating the C50 structure; covered by the C50.* regex.", "C50.0", "C50.9", "C50.411", "C50.912")
left_out("Covered by the C78.*/C79.* regex of metastatic-distant-condition (no site set requested).",
         "C78.1", "C78.89", "C79.60", "C79.62", "C79.70", "C79.72", "C79.89", "C79.9")
left_out("C77.1 is covered by the C77[12458].* regex of metastatic-distant-condition.", "C77.1")
left_out("C77.9 (lymph nodes, unspecified): neither regional nor distant per terminology.md §1.3; not placed. The "
         "clinician has to decide.", "C77.9")
left_out("Z17.4 is the non-billable header of Z17.41x/Z17.42x (the billable codes are shipped).", "Z17.4")
left_out("Long-term use of SERM / aromatase inhibitor / other estrogen agents: not requested; could serve as evidence "
         "of endocrine-therapy exposure later.", "Z79.810", "Z79.811", "Z79.818")
left_out("T and N category Observation codes (not needed for stage IV / M1 logic).",
         "21905-5", "21899-0", "21906-3", "21900-6", "399504009", "384625004", "399534004", "371494008")
left_out("Staging method (AJCC edition) codes; not requested.", "897275008", "1269566009", "443830009")
left_out("Other AJCC code-system spellings of stage IV (http://cancerstaging.org): terminology.md supports only the "
         "pattern with code \"4\" (⚠), which is shipped in stage-iv-value; these spellings have no source.",
         "AJCC IV/4A/4B/4C/IVA/IVB/IVC")
left_out("Stage I–III values (comparison only in terminology.md §1.4).",
         "258215001", "258219007", "261614003", "261615002", "258224005", "261638004", "261639007", "261640009",
         "13104003", "60333009", "50283003", "1222723001", "1222769001", "1222811001")
left_out("Parent concepts of the allowable AJCC stage-group / M values (descendants not available offline).",
         "1222592004", "1222593009", "1222594003", "1222587001", "1222591006")
left_out("Interior of the cM1x range 1229904003–1229915008: the codes between the two written-out endpoints are not "
         "given in terminology.md and are not expanded (endpoints are shipped in m1-value).", "1229904003–1229915008 (interior)")
left_out("ER / PR intensity tests; not requested.", "85310-1", "85331-7")
left_out("HER2 tissue immunoassay (not an IHC score), chromosome 17 copies, and the ISH panel code; not requested.",
         "72382-5", "72383-3", "74861-6", "74885-5")
left_out("Synthea HER2 procedure codes (FISH / IHC detection); not requested.", "434363004", "433114000")
left_out("Disease-status values other than progression (improved/stable/undetermined; remission).",
         "268910001", "359746009", "709137006", "550991000124107", "551001000124108")
left_out("ECOG performance status code; not requested.", "89247-1")
left_out("Other Genomics Reporting codes (method, allelic state, VAF, reference sequences, DNA change type, report, "
         "region studied, therapeutic implication, phenotype); not requested.",
         "LA26398-0", "53034-5", "LA6706-1", "LA6705-3", "81258-6", "51958-7", "48013-7", "62374-4", "LA14029-5",
         "LA26806-2", "48019-4", "51969-4", "53041-0", "51963-7", "51961-1", "LA9661-5", "93044-6", "81259-4")
left_out("Single-gene tests for genes without a requested set (CHEK2, ATM, CDH1, TP53, NTRK).",
         "89038-4", "21625-9", "21624-2", "21652-3", "94240-9", "21739-8", "94217-7", "93813-4")
left_out("HGNC ids (written bare in terminology.md §3.3) of genes without a requested set: CDH1 1748, STK11 11389, "
         "TP53 11998.", "1748", "11389", "11998")
left_out("Not ERBB2: terminology.md §3.3 notes one MII example wrongly uses HGNC:2064 (ERBB2's NCBI Gene ID); gene-erbb2 "
         "ships HGNC:3430.", "HGNC:2064")
left_out("Perimenopausal SNOMED codes: ✖ conflicting sources, unverified (terminology.md §4, §7).", "307409000", "307429007")
left_out("§6 body-site / laterality / grade / histology codes; not requested.",
         "80248007", "73056007", "7771000", "24028007", "1228848004", "1228850007", "1228851006", "1228845001",
         "82711006", "35917007")
left_out("SNOMED nab-paclitaxel concept (S5 mapping target, display ⚠); a SNOMED medication code, not requested "
         "(drug sets are RxNorm/ATC).", "426653008")
left_out("✖ Sacituzumab govitecan rxcui cited by S10 only; conflicts with the S4 names (terminology.md §5.1, §7).", "2360232")
left_out("✖ Pamidronate SCD not cross-checked (terminology.md §5.2, §7); drug-pamidronate is text only.", "1737449")
left_out("Invalid placeholder code in old Synthea modules ('ignore', terminology.md §5.2).", "1234")
left_out("Everolimus ATC for transplant use (Zortress); the antineoplastic L01EG02 is shipped.", "L04AH02")
left_out("Wrong/unconfirmed ATC codes named in terminology.md §5.1 (L01EM04 = duvelisib, not capivasertib; L01EM05 "
         "'proposed' for inavolisib, ✖).", "L01EM04", "L01EM05")
for _c, _r in CSV_ROWS_LEFT_OUT.items():
    left_out(_r, _c)

# Tokens of terminology.md that look like codes but are not (years, doses, counts, bare HGNC numbers).
NOT_CODES = {"1000", "2024", "2025", "2026", "1100"}


# --------------------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------------------
def all_codes(resources):
    """(system, code) of every explicit concept in includes and excludes."""
    out = []
    for r in resources:
        if r["resourceType"] != "ValueSet":
            continue
        for part in ("include", "exclude"):
            for inc in r["compose"].get(part, []):
                for c in inc.get("concept", []):
                    out.append((r["id"], inc["system"], c["code"]))
    return out


def code_tokens(text):
    toks = set()
    toks |= set(re.findall(r"\bLA\d{3,6}-\d\b", text))
    toks |= set(re.findall(r"(?<![\w.-])\d{3,6}-\d(?![\w-])", text))
    toks |= set(re.findall(r"\b[A-Z]\d{2}\.[0-9A-Z]{1,4}\b", text))
    toks |= set(re.findall(r"\b[A-Z]\d{2}[A-Z]{2}\d{2}\b", text))
    toks |= set("HGNC:" + n for n in re.findall(r"HGNC:(\d+)", text))
    toks |= set(re.findall(r"(?<![\w.:-])\d{4,18}(?![\w-])", text))
    return toks


def validate(terminology, drugs, classes, naming, csv_rows, knowledge_dir, examples_dir):
    errors = []
    resources = terminology + drugs + classes + naming

    # 1. every resource serialises and parses back identically
    for r in resources:
        text = json.dumps(r, indent=2, ensure_ascii=False)
        if json.loads(text) != json.loads(json.dumps(r)):
            errors.append(f"{r['id']}: JSON round trip differs")

    # 2. ids unique, url/name consistent, required fields present
    ids = defaultdict(int)
    for r in resources:
        ids[(r["resourceType"], r["id"])] += 1
    for (rt, i), n in ids.items():
        if n > 1:
            errors.append(f"duplicate {rt} id {i}")
    vs_ids = {r["id"] for r in resources if r["resourceType"] == "ValueSet"}
    for r in resources:
        if r["resourceType"] != "ValueSet":
            continue
        for field in ("id", "url", "version", "name", "title", "status", "experimental", "date", "publisher",
                      "description", "compose"):
            if field not in r:
                errors.append(f"{r['id']}: missing {field}")
        if r["url"] != VS_BASE + r["id"]:
            errors.append(f"{r['id']}: url {r['url']}")
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]{1,254}", r["name"]):
            errors.append(f"{r['id']}: bad name {r['name']}")
        if not re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", r["id"]):
            errors.append(f"{r['id']}: id not a valid FHIR id")
        for inc in r["compose"]["include"] + r["compose"].get("exclude", []):
            for c in inc.get("concept", []):
                uses = [d["use"]["code"] for d in c.get("designation", [])]
                if "verification" not in uses:
                    errors.append(f"{r['id']}: {c['code']} has no verification designation")
            for f in inc.get("filter", []):
                try:
                    re.compile(f["value"])
                except re.error as e:
                    errors.append(f"{r['id']}: bad regex {f['value']}: {e}")
                if inc["system"] == ICD10CM and "." in f["value"].replace(".*", ""):
                    errors.append(f"{r['id']}: ICD regex must be written without dots: {f['value']}")
            if inc.get("system") == ICD10CM:
                for c in inc.get("concept", []):
                    if not re.fullmatch(r"[A-Z]\d{2}(\.[0-9A-Z]{1,4})?", c["code"]):
                        errors.append(f"{r['id']}: ICD-10-CM concept not in dotted form: {c['code']}")
            if inc.get("system") == HGNC:
                for c in inc.get("concept", []):
                    if not re.fullmatch(r"HGNC:\d+", c["code"]):
                        errors.append(f"{r['id']}: HGNC code not HGNC:n: {c['code']}")

    # 3. class members exist and are drug ValueSets
    for r in classes:
        for inc in r["compose"]["include"]:
            for u in inc.get("valueSet", []):
                member = u[len(VS_BASE):] if u.startswith(VS_BASE) else None
                if member is None or member not in vs_ids:
                    errors.append(f"{r['id']}: member {u} does not exist")
                elif not member.startswith("drug-") or member.startswith("drug-class-"):
                    errors.append(f"{r['id']}: member {u} is not a drug ValueSet")

    # 4. a drug code is in two drug sets only when the CSV lists it for both concepts
    csv_concepts = defaultdict(set)
    for row in csv_rows:
        csv_concepts[row["rxcui"]].add("drug-" + slug(row["clinical_concept"]))
    where = defaultdict(set)
    for vs_id, system, code in all_codes(drugs):
        where[(system, code)].add(vs_id)
    allowed_atc = {("L01CD01", frozenset({"drug-paclitaxel", "drug-nab-paclitaxel"})),
                   ("L01DB01", frozenset({"drug-doxorubicin", "drug-liposomal-doxorubicin"})),
                   ("L01FY01", frozenset({"drug-pertuzumab", "drug-trastuzumab"}))}
    for (system, code), sets in where.items():
        if len(sets) < 2:
            continue
        if system == RXNORM and sets <= csv_concepts.get(code, set()):
            continue
        if system == ATC and (code, frozenset(sets)) in allowed_atc:
            continue
        errors.append(f"code {system}|{code} is in several drug sets: {sorted(sets)}")

    # 5. every CSV row is shipped (or listed as left out), in the right set
    for row in csv_rows:
        vs_id = "drug-" + slug(row["clinical_concept"])
        if row["rxcui"] in CSV_ROWS_LEFT_OUT:
            if vs_id in where.get((RXNORM, row["rxcui"]), set()):
                errors.append(f"left-out CSV row {row['rxcui']} is still in {vs_id}")
            continue
        if vs_id not in where.get((RXNORM, row["rxcui"]), set()):
            errors.append(f"CSV row {row['rxcui']} ({row['clinical_concept']}) missing from {vs_id}")

    # 6. drug sets: order coding present and inside the set (not for text-only); synonyms unique, on first concept
    synonym_owner = {}
    for r in drugs:
        ext = [e for e in r.get("extension", []) if e["url"] == ORDER_CODING_EXT]
        incs = r["compose"]["include"]
        text_only = incs[0]["system"] == DRUG_TEXT
        if text_only:
            if ext:
                errors.append(f"{r['id']}: text-only concept has an order-coding extension")
        else:
            if len(ext) != 1:
                errors.append(f"{r['id']}: needs exactly one order-coding extension")
            else:
                oc = ext[0]["valueCoding"]
                rx = [c["code"] for inc in incs if inc["system"] == RXNORM for c in inc["concept"]]
                if oc["code"] not in rx:
                    errors.append(f"{r['id']}: order code {oc['code']} not in the set")
                if oc["display"] != oc["display"].lower():
                    errors.append(f"{r['id']}: order display not lower case")
        first = incs[0]["concept"][0]
        syns = [d["value"] for d in first["designation"] if d["use"]["code"] == "synonym"]
        if not syns:
            errors.append(f"{r['id']}: no synonyms on the first concept")
        later = [d for inc in incs for c in inc["concept"][1 if inc is incs[0] else 0:] for d in c["designation"]
                 if d["use"]["code"] == "synonym"]
        if later:
            errors.append(f"{r['id']}: synonyms on a concept other than the first")
        # the loader also adds the order display (or the id with spaces) as a name
        name = ext[0]["valueCoding"]["display"] if ext else r["id"][len("drug-"):].replace("-", " ")
        for s in set(syns + [name]):
            key = s.lower()
            if key in synonym_owner and synonym_owner[key] != r["id"]:
                errors.append(f"synonym '{s}' in {r['id']} and {synonym_owner[key]}")
            synonym_owner[key] = r["id"]
    for adc in ("drug-ado-trastuzumab-emtansine", "drug-fam-trastuzumab-deruxtecan"):
        if "trastuzumab" in {k for k, v in synonym_owner.items() if v == adc}:
            errors.append(f"{adc}: 'trastuzumab' must not be an ADC synonym")

    # 7. never invent: every code must appear in the sources
    sources_text = ""
    for name in ("terminology.md", "therapy-rules.md"):
        sources_text += (knowledge_dir / name).read_text(encoding="utf-8") + "\n"
    csv_codes = {row["rxcui"] for row in csv_rows}
    example_text = ""
    tm = examples_dir / "trial-matching"
    if tm.is_dir():
        for p in sorted(tm.glob("*.json")):
            example_text += p.read_text(encoding="utf-8")
    for vs_id, system, code in all_codes(terminology + drugs):
        if system == DRUG_TEXT:
            continue
        if system == RXNORM and code in csv_codes:
            continue
        pat = re.compile(r"(?<![\w.-])" + re.escape(code) + r"(?![\w-])")
        if system == V3:
            pat = re.compile(r"\b" + re.escape(code) + r"\b")
        if system == AJCC:
            pat = re.compile(r"cancerstaging\.org#" + re.escape(code) + r"\b")
        if pat.search(sources_text):
            continue
        if pat.search(example_text) or (system == AJCC and '"code": "4"' in example_text):
            continue
        errors.append(f"{vs_id}: {system}|{code} not found in the source files")
    # synonyms must be names found in the sources (CSV names or the two .md files)
    csv_names = "\n".join(row["rxnorm_name_as_in_source"] for row in csv_rows).lower()
    low_sources = sources_text.lower()
    for s, owner in synonym_owner.items():
        if s not in csv_names and s not in low_sources:
            errors.append(f"{owner}: synonym '{s}' not found in CSV names or the spec files")

    # 8. completeness: every code-like token of terminology.md is emitted or listed in LEFT_OUT
    emitted = {code for _, _, code in all_codes(terminology + drugs)}
    emitted |= {f["value"] for r in terminology for inc in r["compose"]["include"] for f in inc.get("filter", [])}
    emitted |= {uid["value"] for r in naming for uid in r["uniqueId"]}
    term_text = (knowledge_dir / "terminology.md").read_text(encoding="utf-8")
    unaccounted = sorted(t for t in code_tokens(term_text)
                         if t not in emitted and t not in LEFT_OUT and t not in NOT_CODES and t not in csv_codes
                         and not (t.startswith("HGNC:") and t in emitted))
    for t in unaccounted:
        errors.append(f"terminology.md token {t} is neither emitted nor listed in LEFT_OUT")
    for c in LEFT_OUT:
        if c in emitted:
            errors.append(f"{c} is listed in LEFT_OUT but emitted")

    # 9. README lists every left-out code
    readme = PROFILES_DIR / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        for c in LEFT_OUT:
            if c not in text:
                errors.append(f"README.md does not list left-out code {c} (run with --left-out-markdown)")
    return errors


def validate_written_files(expected_paths):
    """Re-read what was written: every JSON parses, ids unique across the tree, file name matches id."""
    errors = []
    seen = {}
    for p in sorted(PROFILES_DIR.rglob("*.json")):
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            errors.append(f"{p}: does not parse: {e}")
            continue
        rt, rid = data.get("resourceType"), data.get("id")
        if p.name != f"{rt}-{rid}.json":
            errors.append(f"{p}: file name does not match {rt}/{rid}")
        key = (rt, rid)
        if key in seen:
            errors.append(f"{p}: duplicate id with {seen[key]}")
        seen[key] = p
    # structuredefinitions/ is written by tools/profiles.py; its ids are still checked for clashes above.
    unexpected = {p for p in PROFILES_DIR.rglob("*.json") if "structuredefinitions" not in p.parts} - set(expected_paths)
    for p in sorted(unexpected):
        errors.append(f"unexpected JSON file (not generated): {p}")
    return errors


# --------------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------------
def left_out_markdown():
    by_reason = OrderedDict()
    for code, reason in LEFT_OUT.items():
        by_reason.setdefault(reason, []).append(code)
    lines = []
    for reason, codes in by_reason.items():
        lines.append(f"- {', '.join('`' + c + '`' for c in codes)}: {reason}")
    return "\n".join(lines)


def write(resource, folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{resource['resourceType']}-{resource['id']}.json"
    path.write_text(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE)
    ap.add_argument("--examples", type=Path, default=DEFAULT_EXAMPLES)
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--left-out-markdown", action="store_true")
    args = ap.parse_args(argv)

    if args.left_out_markdown:
        print(left_out_markdown())
        return 0

    csv_rows = read_csv(args.knowledge / "rxnorm-product-to-ingredient.csv")
    terminology = build_terminology_valuesets()
    drugs = build_drug_valuesets(csv_rows)
    classes = build_class_valuesets()
    naming = build_naming_systems()

    errors = validate(terminology, drugs, classes, naming, csv_rows, args.knowledge, args.examples)
    if errors:
        print("VALIDATION FAILED:", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    if args.check_only:
        print("OK (check only, nothing written)")
        return 0

    # Remove previously generated files so a renamed or dropped id does not linger.
    for folder in (OUT_TERMINOLOGY, OUT_DRUGS, OUT_CLASSES, OUT_NAMING):
        if folder.is_dir():
            for p in folder.glob("*.json"):
                if p.name.startswith(("ValueSet-", "NamingSystem-")):
                    p.unlink()
    written = []
    written += [write(r, OUT_TERMINOLOGY) for r in terminology]
    written += [write(r, OUT_DRUGS) for r in drugs]
    written += [write(r, OUT_CLASSES) for r in classes]
    written += [write(r, OUT_NAMING) for r in naming]
    errors = validate_written_files(written)
    if errors:
        print("VALIDATION OF WRITTEN FILES FAILED:", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print(f"OK: {len(terminology)} terminology ValueSets, {len(drugs)} drug ValueSets "
          f"({sum(1 for d in drugs if d['compose']['include'][0]['system'] == DRUG_TEXT)} text-only), "
          f"{len(classes)} drug-class ValueSets, {len(naming)} NamingSystems; "
          f"{len(LEFT_OUT)} source codes deliberately left out (see README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
