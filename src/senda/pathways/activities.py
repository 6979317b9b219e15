"""The NCCIS current activity codes a participation extract gives, grouped as the DfE's
participation figures group them, and the school-year arithmetic the destinations use.
Pure Python.

Codes are three digits; the first names the group (NCCIS management information
requirement, "Current activity": 1xx education, 2xx–4xx employment, training and other
participation, 5xx NEET available to the labour market, 6xx NEET not available, 7xx other
situations outside the count (custody, and the like), 8xx not known, 9xx left the cohort).
Source: DfE, *NCCIS management information requirement* (annual; the 2015–16 to 2020–21
editions consulted, e.g. docplayer.net/18573684 and readkong.com/page/nccis-management-
information-requirement-2018-to-2019-5932488); docs/pathways.md says which codes Senda
names and what to check each year.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

__all__ = [
    "APPRENTICESHIP",
    "INTERNSHIP",
    "Group",
    "academic_age",
    "academic_year",
    "age_on",
    "cohort",
    "group",
    "label",
]

Group = Literal["eet", "neet", "unknown", "other"]

#: The codes Senda names (others are shown as their group).
LABELS = {
    "110": "Full-time education: school sixth form",
    "120": "Full-time education: sixth form college",
    "130": "Full-time education: further education",
    "140": "Full-time education: higher education",
    "150": "Part-time education",
    "210": "Apprenticeship",
    "220": "Full-time employment with study",
    "230": "Employment with training",
    "240": "Employment without training",
    "250": "Supported internship",
    "260": "Traineeship",
    "540": "NEET: seeking employment, education or training",
    "550": "NEET: not yet ready for work or learning",
    "610": "NEET not available: young carer",
    "620": "NEET not available: teenage parent",
    "630": "NEET not available: illness",
    "640": "NEET not available: pregnancy",
    "650": "NEET not available: religious grounds",
    "660": "NEET not available: unlikely ever to be economically active",
    "670": "NEET not available: other reason",
    "710": "Custody",
    "810": "Not known: current situation not known",
    "820": "Not known: cannot be contacted",
}
APPRENTICESHIP = frozenset({"210"})
INTERNSHIP = frozenset({"250"})
GROUP_LABELS = {
    "eet": "In education, employment or training",
    "neet": "Not in education, employment or training",
    "unknown": "Activity not known",
    "other": "Outside the count (custody, left the area)",
}


def group(code: str) -> Group:
    """The code's group: EET (1xx–4xx), NEET (5xx, 6xx), not known (8xx), other (7xx, 9xx)."""
    first = code[:1]
    if first in ("1", "2", "3", "4"):
        return "eet"
    if first in ("5", "6"):
        return "neet"
    if first == "8":
        return "unknown"
    return "other"


def label(code: str) -> str:
    return LABELS.get(code, f"{GROUP_LABELS[group(code)]} (code {code})")


def valid(code: str) -> bool:
    return len(code) == 3 and code.isdigit() and code[0] != "0"


def cohort(born: date) -> int:
    """The summer the young person leaves Year 11: the year they turn 16, or the next for
    those born September to December (England's school year starts on 1 September)."""
    return born.year + (17 if born.month >= 9 else 16)


def academic_year(day: date) -> int:
    """The first calendar year of the academic year ``day`` falls in (September to August)."""
    return day.year if day.month >= 9 else day.year - 1


def academic_age(cohort_year: int, day: date) -> int:
    """Age on 31 August before the academic year of ``day`` (16: the year after Year 11)."""
    return academic_year(day) - cohort_year + 16


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
