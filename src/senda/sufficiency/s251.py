"""The High Needs ledger's vocabulary: the section 251 high-needs lines, the categories a
budget line falls in, and the financial year. Pure Python: no Django.

Section 251 of the Apprenticeships, Skills, Children and Learning Act 2009 has each local
authority publish a budget statement before the year and an outturn after it, line by line;
the high-needs lines are in its section 1.2 (and place funding in 1.0.2). Numbering changes
between years: check the year's guidance before a return. Mapping a council's own lines to
them is the council's call; :data:`CATEGORIES` gives each category a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "CATEGORIES",
    "NOT_S251",
    "S251_LINES",
    "Category",
    "financial_year",
    "fy_label",
    "fy_months",
]

#: A line outside the high-needs block's section 251 lines (a general-fund cost).
NOT_S251 = ""

#: Code → (name, DfE benchmarking group).
S251_LINES: dict[str, tuple[str, str]] = {
    "1.0.2": ("High needs place funding within the Individual Schools Budget", "Place funding"),
    "1.2.1": ("Top-up funding – maintained schools", "Maintained top-up"),
    "1.2.2": ("Top-up funding – academies, free schools and colleges", "Maintained top-up"),
    "1.2.3": (
        "Top-up and other funding – non-maintained and independent providers",
        "Independent top-up",
    ),
    "1.2.4": ("Additional high needs targeted funding for mainstream schools", "Maintained top-up"),
    "1.2.5": ("SEN support services", "SEN support and inclusion"),
    "1.2.6": ("Hospital education services", "Hospital"),
    "1.2.7": ("Other alternative provision services", "Alternative provision"),
    "1.2.8": ("Support for inclusion", "SEN support and inclusion"),
    "1.2.9": ("Special schools and PRUs in financial difficulty", "SEN support and inclusion"),
    "1.2.10": ("PFI/BSF costs at special schools, AP/PRUs and post-16", "Other"),
    "1.2.11": ("Direct payments (SEN and disability)", "Maintained top-up"),
    "1.2.13": ("Therapies and other health-related services", "Therapies"),
}


@dataclass(frozen=True, slots=True)
class Category:
    """What a budget line pays for: its label, the section 251 line it maps to by default,
    the placement type its unit cost is per child of ("" if it is not a placement), and
    whether the public summary counts it as a support service."""

    label: str
    s251: str
    placement: str = ""
    service: bool = False


#: Category id → Category. The order is the ledger's and the public summary's.
CATEGORIES: dict[str, Category] = {
    "top_up_mainstream": Category("Top-up: mainstream schools", "1.2.1", "mainstream"),
    "top_up_units": Category("Top-up: SEN units and resourced provision", "1.2.1", "unit"),
    "top_up_special": Category("Top-up: special schools", "1.2.1", "special"),
    "place_funding": Category("Place funding: special schools and units", "1.0.2", "special"),
    "independent": Category(
        "Independent and non-maintained special schools", "1.2.3", "independent"
    ),
    "out_of_area": Category("Out-of-area placements (other councils' schools)", "1.2.2"),
    "post_16": Category("Post-16: colleges and specialist post-16", "1.2.2", "post_16"),
    "alternative_provision": Category("Alternative provision", "1.2.7", "alternative"),
    "hospital": Category("Hospital education", "1.2.6"),
    "direct_payments": Category("Direct payments", "1.2.11"),
    "therapies": Category("Therapies and health-related services", "1.2.13"),
    "support_services": Category("SEN support services", "1.2.5", service=True),
    "inclusion": Category("Support for inclusion", "1.2.8", service=True),
    "tribunal_legal": Category("Tribunal and legal costs", NOT_S251),
    "consultants": Category("Consultant fees", NOT_S251),
    "transport": Category("SEN transport (allowable charge)", NOT_S251),
    "other": Category("Other and overheads", NOT_S251),
}


def financial_year(day: date) -> int:
    """The financial year (April to March) ``day`` falls in, by the year it starts:
    31 March 2026 → 2025 (2025-26), 1 April 2026 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fy_label(year: int) -> str:
    """2025 → "2025-26"."""
    return f"{year}-{(year + 1) % 100:02d}"


def fy_months(year: int) -> list[date]:
    """The first day of each month of financial year ``year``, April to March."""
    return [date(year + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
