"""The data-quality KPIs: each data-quality check's count of open cases
(``senda.interchange.quality_checks``), computed by ``senda tick`` from the records,
never typed in, for the whole area; lower is better. ``docs/data-quality.md`` says how
each check is computed. The ids are the checks' ids (``tests/interchange`` keeps them the
same).
"""

from __future__ import annotations

from senda.performance.catalogue.entry import Entry, from_records

OWNER = "Head of SEND (service manager)"
SEN2 = "SEN2 data collection guide (DfE); Annex A of the area SEND inspection framework"
CHILD = "children's records (`people.Child`) of open cases (`casework.Case`)"
CHILD_PLAN = CHILD + ", live plans (`casework.Plan`)"
WHEN = (
    " Counted from the records as they stand on the last day of the period (today while it runs)."
)


def _check(id: str, name: str, definition: str, *, records: str = CHILD) -> Entry:
    """A data-quality KPI: a count of open cases failing one check."""
    return from_records(
        id,
        name,
        definition + WHEN,
        f"Open cases: {name[0].lower()}{name[1:]}",
        "",
        records=records,
        owner=OWNER,
        area="data",
        unit="count",
        higher_is_better=False,
        period="month",
        statute=SEN2,
    )


ENTRIES: tuple[Entry, ...] = (
    _check(
        "dq-blank-primary-need",
        "Children with a plan and no primary need recorded",
        "Open cases with a live EHC plan whose child has no primary type of need recorded.",
        records=CHILD_PLAN,
    ),
    _check(
        "dq-missing-upn",
        "No UPN and no reason recorded",
        "Open cases whose child has neither a unique pupil number nor SEN2's missing-UPN "
        "reason (UN1 to UN10).",
    ),
    _check(
        "dq-invalid-upn",
        "UPN fails its check letter",
        "Open cases whose child's unique pupil number fails DfE's check letter.",
    ),
    _check(
        "dq-invalid-uln",
        "ULN fails its check digit",
        "Open cases whose child's unique learner number fails its check digit.",
    ),
    _check(
        "dq-invalid-nhs-number",
        "NHS number fails its check digit",
        "Open cases whose child's NHS number fails the modulus-11 check digit.",
    ),
    _check(
        "dq-possible-duplicates",
        "Possible duplicate children",
        "Open cases of two or more different children in the area with the same date of "
        "birth and the same given and family name (ignoring case, accents, spaces and "
        "punctuation), or the same UPN.",
    ),
    _check(
        "dq-school-age-no-setting",
        "School-age children with a plan and no setting",
        "Open cases with a live EHC plan whose child is of compulsory school age (Year 1 to "
        "Year 11 by date of birth) and has no setting recorded.",
        records=CHILD_PLAN + ", settings",
    ),
    _check(
        "dq-home-education-not-recorded",
        "Elective home education not recorded",
        "Open cases whose child's record does not say whether they are electively home educated.",
    ),
    _check(
        "dq-missing-education-not-recorded",
        "Children missing education not recorded",
        "Open cases whose child's record does not say whether they are missing education.",
    ),
    _check(
        "dq-no-officer",
        "Open cases with no officer",
        "Open cases with no case officer assigned.",
        records="open cases (`casework.Case`: officer)",
    ),
    _check(
        "dq-sen2-errors",
        "Children the SEN2 return would reject",
        "Open cases whose child's person in the SEN2 return, made that day for the next "
        "January census, carries an error of the return's rules (senda sen2 validate).",
        records=CHILD_PLAN + ", requests, placements and named settings (`casework`)",
    ),
)
