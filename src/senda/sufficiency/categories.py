"""How the forecast groups children: a placement's provision, and the categories of DfE's
Local SEND Reform Plan (LSRP) returns — age bands and provision lines — so figures can go
straight into one (docs/forecast.md, "Categories"). Pure.

The LSRP lines follow Mastodon C's reading of the template (witan.send.lsrp, May 2026);
DfE's template itself was not seen: confirm against it before a return.
"""

from __future__ import annotations

#: How a child's age is counted from their year group (a setting, ``SENDA_FORECAST_AGE_RULE``):
#: ``august-31`` — age on 31 August before the school year (NCY + 4, SEN2's convention);
#: ``during-year`` — the age turned during the school year (NCY + 5).
AGE_RULES = {"august-31": 4, "during-year": 5}
AGE_RULE_LABELS = {
    "august-31": "age on 31 August before the school year (year group + 4), as SEN2 counts it",
    "during-year": "age turned during the school year (year group + 5)",
}
#: LSRP section 5.1 age groups: (label, lowest age, highest age).
AGE_BANDS = (
    ("Under 5", -99, 4),
    ("5 to 10", 5, 10),
    ("11 to 15", 11, 15),
    ("16 to 19", 16, 19),
    ("20 to 25", 20, 99),
)
#: The forecast's provisions as LSRP section 6 lines.
LSRP_PROVISION = {
    "early_years": "Early Years incl. PVIs",
    "mainstream": "Mainstream schools or academies",
    "specialist_base": "Specialist bases in mainstream",
    "special": "Maintained special schools or special academies",
    "independent": "NMSS or independent – LA-funded",
    "ap": "Alternative Provision",
    "post16_mainstream": "Mainstream post-16",
    "post16_specialist": "Specialist post-16 institutions",
    "ehe": "Elective Home Education",
    "eotas": "Other arrangements by LA (EOTAS)",
    "not_in_education": "Other (incl. hospital schools)",
    "other": "Other (incl. hospital schools)",
}
#: SEN2's setting codes (a placement with no school or college) as provisions.
_CODES = {
    "EYP": "early_years",
    "EHE": "ehe",
    "OLA": "eotas",
    "OPA": "other",
    "OTH": "other",
    "NEET": "not_in_education",
    "NIEC": "not_in_education",
    "NIEO": "not_in_education",
}
#: Setting types (``people.Setting.Type``) as provisions, before units and post-16.
_TYPES = {
    "maintained": "mainstream",
    "academy": "mainstream",
    "nursery": "early_years",
    "special": "special",
    "independent_special": "independent",
    "fe_college": "post16_mainstream",
    "ap": "ap",
}


def provision(*, setting_type: str | None, setting_code: str, unit: bool, ncy: int) -> str:
    """The provision of a placement: by its setting's type (an SEN unit or resourced
    provision of a mainstream school is a specialist base; a mainstream school from Year 12
    is mainstream post-16; an independent special school from Year 14 is a specialist
    post-16 institution), else by its SEN2 setting code; "other" when neither is known."""
    if setting_type:
        found = _TYPES.get(setting_type, "other")
        if found == "mainstream" and unit:
            return "specialist_base"
        if found == "mainstream" and ncy >= 12:
            return "post16_mainstream"
        if found == "independent" and ncy >= 14:
            return "post16_specialist"
        return found
    return _CODES.get(setting_code, "other")


def age_band(ncy: int, rule: str) -> str:
    age = ncy + AGE_RULES[rule]
    return next(label for label, low, high in AGE_BANDS if low <= age <= high)
