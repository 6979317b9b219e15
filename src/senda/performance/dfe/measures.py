"""The published DfE measures Senda keeps, and where each is read from. Pure: no Django.

DfE's "Education, health and care plans" release (SEN2) publishes dozens of files with
hundreds of columns; Senda keeps a curated handful that local areas benchmark themselves by.
Each :class:`Measure` names the file and column it is read from in each release layout: the
2025 release (one file per topic, ``timeliness_20_week.csv`` etc.) and the older management
information file ``sen2_mi.csv`` (releases up to 2022, calendar years 2014–2021). Only the
"All …" rows (no breakdown by age, sex, ethnicity or placement) are kept.

Measure ids (``Entry.benchmark`` in the KPI catalogue names one of these):

==========================  ================================================================
``timeliness-20w``          % of new EHC plans issued within 20 weeks, including exceptions
``timeliness-20w-ex``       % of new EHC plans issued within 20 weeks, excluding exceptions
``requests``                initial requests for an EHC needs assessment
``requests-refused``        requests refused (decided not to assess)
``requests-refused-pc``     % of requests refused
``request-decision-6w``     % of request decisions made within 6 weeks
``new-plans``               new EHC plans issued in the year
``caseload``                EHC plans maintained (January census)
``caseload-growth``         % change in ``caseload`` on the year before (calculated by Senda)
``placement-*-pc``          % of plans by placement: mainstream, special, AP/PRU, FE, …
``need-*-pc``               % of plans by primary need: ASD, SEMH, SLCN, MLD, …
``review-decision-4w``      % of annual review decisions made within 4 weeks of the meeting
==========================  ================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["percent", "count"]

#: The cell symbols DfE (Explore Education Statistics) uses where there is no number.
SYMBOLS: dict[str, str] = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential (suppressed to protect individuals)",
    "low": "a positive figure that rounds to zero",
    "u": "low reliability",
    "k": "fewer than 0.5 of the unit",
    ":": "not available",
}


@dataclass(frozen=True)
class Source:
    """Where a measure is read from: ``file`` (the CSV's name inside the zip) ``column``."""

    file: str
    column: str


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    unit: Unit
    sources: tuple[Source, ...] = ()
    #: True / False when a higher figure is better; None when neither (a count, a mix).
    higher_is_better: bool | None = None
    #: For a derived measure: the measure whose year-on-year % change this is.
    growth_of: str = ""
    #: "calendar" (e.g. 2024) or "academic" (e.g. 2024-25, the January census) year.
    year: Literal["calendar", "academic"] = "calendar"
    note: str = ""

    @property
    def derived(self) -> bool:
        return bool(self.growth_of)

    @property
    def short_name(self) -> str:
        """The name without its group's lead-in ("Plans by primary need: ")."""
        return self.name.split(": ", 1)[-1]

    @property
    def group(self) -> str:
        """The key in ``GROUPS`` of the section a benchmark page shows this measure in."""
        for prefix, group in _GROUP_PREFIXES:
            if self.id.startswith(prefix):
                return group
        return "timeliness"


#: Sections of a benchmark page, in order. "placements" and "needs" are mixes (their
#: measures add up to about 100% of an area's plans), shown side by side for a year.
GROUPS: dict[str, str] = {
    "timeliness": "Timeliness",
    "requests": "Requests for assessment",
    "caseload": "New plans and caseload",
    "placements": "Where children and young people with plans are placed",
    "needs": "Primary needs of children and young people with plans",
}
MIXES = frozenset({"placements", "needs"})
_GROUP_PREFIXES = (
    ("placement-", "placements"),
    ("need-", "needs"),
    ("request", "requests"),
    ("caseload", "caseload"),
    ("new-plans", "caseload"),
)


def _measure(id: str, name: str, unit: Unit, *sources: tuple[str, str], **kw: object) -> Measure:
    return Measure(id, name, unit, tuple(Source(f, c) for f, c in sources), **kw)  # type: ignore[arg-type]


_NEEDS = (
    ("asd", "Autistic spectrum disorder"),
    ("semh", "Social, emotional and mental health"),
    ("slcn", "Speech, language and communication needs"),
    ("mld", "Moderate learning difficulty"),
    ("sld", "Severe learning difficulty"),
    ("pmld", "Profound and multiple learning difficulty"),
    ("spld", "Specific learning difficulty"),
    ("pd", "Physical disability"),
    ("hi", "Hearing impairment"),
    ("vi", "Visual impairment"),
    ("msi", "Multi-sensory impairment"),
    ("oth", "Other difficulty or disability"),
    ("unknown", "Primary need not recorded"),
)
_PLACEMENTS = (
    ("mainstream", "mainstream_total_pc", "Mainstream schools"),
    ("special", "special_total_pc", "Special schools"),
    ("ap", "AP_PRU_total_pc", "Alternative provision and pupil referral units"),
    ("fe", "fe_total_pc", "Further education and specialist post-16"),
    ("elsewhere", "ed_elsewhere_pc", "Educated elsewhere"),
    ("early-years", "nm_early_years_pc", "Non-maintained early years"),
)

MEASURES: dict[str, Measure] = {
    m.id: m
    for m in (
        _measure(
            "timeliness-20w",
            "New EHC plans issued within 20 weeks, including exceptions",
            "percent",
            ("timeliness_20_week.csv", "pc_plans_issued_within_20_weeks"),
            ("sen2_mi.csv", "IncExc20weekRate"),
            higher_is_better=True,
        ),
        _measure(
            "timeliness-20w-ex",
            "New EHC plans issued within 20 weeks, excluding exceptions",
            "percent",
            ("timeliness_20_week.csv", "PC_plans_issued_20_weeks_ex"),
            ("sen2_mi.csv", "NoExc20weekRate"),
            higher_is_better=True,
        ),
        _measure(
            "requests",
            "Initial requests for an EHC needs assessment",
            "count",
            ("requests.csv", "requests_received_in_year"),
            ("sen2_mi.csv", "InreqEHC"),
        ),
        _measure(
            "requests-refused",
            "Requests refused (decided not to assess)",
            "count",
            ("requests.csv", "requests_decided_not_to_assess"),
            ("sen2_mi.csv", "AssRefusedEHC"),
        ),
        _measure(
            "requests-refused-pc",
            "Requests refused, as a percentage of requests",
            "percent",
            ("requests.csv", "request_not_assess_pc"),
            ("sen2_mi.csv", "AssRefusedEHC_pc"),
        ),
        _measure(
            "request-decision-6w",
            "Decisions on requests made within 6 weeks",
            "percent",
            ("requests.csv", "request_outcome_six_weeks_pc"),
            higher_is_better=True,
        ),
        _measure(
            "new-plans",
            "New EHC plans issued",
            "count",
            ("newplans.csv", "new_ehc_plans"),
            ("sen2_mi.csv", "NewallEHC"),
        ),
        _measure(
            "caseload",
            "EHC plans maintained (January)",
            "count",
            ("caseload.csv", "ehcplans"),
            year="academic",
        ),
        Measure(
            "caseload-growth",
            "Growth in EHC plans maintained on the year before",
            "percent",
            growth_of="caseload",
            year="academic",
            note="calculated by Senda from the published caseloads, to 1 decimal place.",
        ),
        *(
            _measure(
                f"placement-{key}-pc",
                f"Plans by placement: {label}",
                "percent",
                ("caseload.csv", column),
                year="academic",
            )
            for key, column, label in _PLACEMENTS
        ),
        *(
            _measure(
                f"need-{key}-pc",
                f"Plans by primary need: {label}",
                "percent",
                ("sen_needs_all_plans.csv", f"{key}_pc"),
                year="academic",
            )
            for key, label in _NEEDS
        ),
        _measure(
            "review-decision-4w",
            "Annual review decisions made within 4 weeks of the review meeting",
            "percent",
            ("annual_reviews.csv", "pc_decsion_4weeks"),
            higher_is_better=True,
        ),
    )
}

#: The measures a benchmark page shows first, in this order.
HEADLINE = (
    "timeliness-20w-ex",
    "timeliness-20w",
    "review-decision-4w",
    "request-decision-6w",
    "requests",
    "requests-refused-pc",
    "new-plans",
    "caseload",
    "caseload-growth",
)


def period_label(time_period: str) -> str:
    """``2024`` → ``2024``; ``202425`` → ``2024-25`` (an academic year)."""
    if len(time_period) == 6 and time_period.isdigit():
        return f"{time_period[:4]}-{time_period[4:]}"
    return time_period


def shown(raw: str) -> str:
    """A published cell as Senda shows it: exactly as published, except that zeros after a
    decimal point that add nothing are left off (``57.900000000000`` → ``57.9``: the same
    figure, never rounded). Symbols (``x``, ``z``, ``c``, ``low``) are shown as they are."""
    text = raw.strip()
    if "." in text and text.replace(".", "", 1).lstrip("-").isdigit():
        text = text.rstrip("0").rstrip(".")
    return text
