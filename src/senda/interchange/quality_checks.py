"""Data-quality checks on a local area's records: what would fail or weaken the SEN2
return (and the Annex A list an inspection asks for) if it were made today. Each check
lists the **open cases** whose child's record has the problem; the data-quality page
(``web:data-quality``) shows them and ``senda tick`` keeps each count as a catalogue KPI
(``senda.interchange.measures``). ``docs/data-quality.md`` says how each is computed.

    from senda.interchange import quality_checks
    for result in quality_checks.run(la, today):
        result.check.id, result.check.title, result.case_ids
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet

from senda.casework.models import Case, Plan
from senda.interchange.sen2 import export, validate
from senda.people.identifiers import nhs_number_is_valid, uln_is_valid, upn_is_valid
from senda.people.models import LocalAuthority
from senda.people.school_year import academic_year_start

CheckFunction = Callable[[LocalAuthority, date], list[int]]


@dataclass(frozen=True)
class Check:
    """A check: ``id`` (a slug, also its KPI's id), a plain-English ``title``, ``why`` it
    matters, and the function listing the case ids that fail it."""

    id: str
    title: str
    why: str
    function: CheckFunction


@dataclass(frozen=True)
class CheckResult:
    check: Check
    case_ids: list[int]

    @property
    def count(self) -> int:
        return len(self.case_ids)


def open_cases(la: LocalAuthority) -> QuerySet[Case]:
    """The area's open cases."""
    return Case.objects.filter(la=la, status=Case.Status.OPEN)


def with_live_plan(la: LocalAuthority, today: date) -> QuerySet[Case]:
    """The area's open cases with a plan current ``today``."""
    live = Plan.objects.filter(case=OuterRef("pk")).live(today)
    return open_cases(la).filter(Exists(live))


def _ids(cases: QuerySet[Case]) -> list[int]:
    return list(cases.order_by("pk").values_list("pk", flat=True).distinct())


def compulsory_school_age(today: date) -> Q:
    """Children of compulsory school age ``today`` by school year: Year 1 to Year 11 (the
    term after the fifth birthday to the last Friday in June of the year they turn 16,
    read by cohort)."""
    start = academic_year_start(today)
    return Q(
        child__date_of_birth__gte=date(start - 16, 9, 1),
        child__date_of_birth__lte=date(start - 5, 8, 31),
    )


def normalised(name: str) -> str:
    """A name for comparison: accents dropped, letters only, lower case."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if c.isalpha()).casefold()


# --- the checks ---------------------------------------------------------------------------


def blank_primary_need(la: LocalAuthority, today: date) -> list[int]:
    return _ids(with_live_plan(la, today).filter(child__primary_need=""))


def missing_upn(la: LocalAuthority, today: date) -> list[int]:
    return _ids(open_cases(la).filter(child__upn="", child__upn_unknown=""))


def _failing(la: LocalAuthority, field: str, valid: Callable[[str], bool]) -> list[int]:
    rows = open_cases(la).exclude(**{f"child__{field}": ""}).order_by("pk")
    return [pk for pk, value in rows.values_list("pk", f"child__{field}") if not valid(value)]


def invalid_upn(la: LocalAuthority, today: date) -> list[int]:
    return _failing(la, "upn", upn_is_valid)


def invalid_uln(la: LocalAuthority, today: date) -> list[int]:
    return _failing(la, "uln", uln_is_valid)


def invalid_nhs_number(la: LocalAuthority, today: date) -> list[int]:
    return _failing(la, "nhs_number", nhs_number_is_valid)


def possible_duplicates(la: LocalAuthority, today: date) -> list[int]:
    """Open cases of two or more different children with the same date of birth and the
    same normalised given and family name, or the same UPN (compared in capitals)."""
    rows = open_cases(la).values_list(
        "pk",
        "child_id",
        "child__date_of_birth",
        "child__given_name",
        "child__family_name",
        "child__upn",
    )
    groups: dict[tuple[object, ...], list[tuple[int, int]]] = defaultdict(list)
    for pk, child, born, given, family, upn in rows:
        if born is not None:
            groups[("name", born, normalised(given), normalised(family))].append((pk, child))
        if upn.strip():
            groups[("upn", upn.strip().upper())].append((pk, child))
    found: set[int] = set()
    for members in groups.values():
        if len({child for _pk, child in members}) > 1:
            found.update(pk for pk, _child in members)
    return sorted(found)


def school_age_no_setting(la: LocalAuthority, today: date) -> list[int]:
    cases = with_live_plan(la, today).filter(compulsory_school_age(today))
    return _ids(cases.filter(child__setting__isnull=True))


def home_education_not_recorded(la: LocalAuthority, today: date) -> list[int]:
    return _ids(open_cases(la).filter(child__elective_home_education__isnull=True))


def missing_education_not_recorded(la: LocalAuthority, today: date) -> list[int]:
    return _ids(open_cases(la).filter(child__missing_education__isnull=True))


def no_officer(la: LocalAuthority, today: date) -> list[int]:
    return _ids(open_cases(la).filter(officer__isnull=True))


def sen2_errors(la: LocalAuthority, today: date) -> list[int]:
    """Open cases whose child's person in the SEN2 return, made today for the next census,
    would carry an error of the return's rules (``interchange.sen2.validate``): the same
    export and rules as ``senda sen2 export``, read a chunk of children at a time. Only the
    persons of children with an open case are made: a person holds each of the child's
    cases in the area whatever its status, so each is the one the whole return holds."""
    census = export.next_census(today)
    header = export.header_for(la, census, made_at=datetime.combine(today, time(0)))
    with_open = set(open_cases(la).values_list("child_id", flat=True))
    ids = [pk for pk in export.candidates(la, census) if pk in with_open]
    children: list[int] = []
    failing: set[int] = set()
    for person in export.persons_for(la, census, today=today, children=children, ids=ids):
        findings = validate.check_person(person, header=header, today=today)
        if any(finding.level == "error" for finding in findings):
            failing.add(children[-1])
    return _ids(open_cases(la).filter(child_id__in=failing))


CHECKS: tuple[Check, ...] = (
    Check(
        "dq-blank-primary-need",
        "Children with a plan and no primary need recorded",
        "SEN2 asks for the primary type of need of every child with a plan; a blank one "
        "fails the return's validation and leaves the child out of the needs profile.",
        blank_primary_need,
    ),
    Check(
        "dq-missing-upn",
        "No UPN and no reason recorded",
        "SEN2 needs a unique pupil number or, where there is none, the missing-UPN reason "
        "(UN1 to UN10); without either the child cannot be matched to the school census.",
        missing_upn,
    ),
    Check(
        "dq-invalid-upn",
        "UPN fails its check letter",
        "A UPN whose check letter is wrong is rejected by the SEN2 validation and cannot be "
        "matched to the child's school records.",
        invalid_upn,
    ),
    Check(
        "dq-invalid-uln",
        "ULN fails its check digit",
        "A unique learner number that fails its check digit is rejected by SEN2 and cannot "
        "be matched to further education records.",
        invalid_uln,
    ),
    Check(
        "dq-invalid-nhs-number",
        "NHS number fails its check digit",
        "A mistyped NHS number means health advice and records cannot be matched to the "
        "child safely.",
        invalid_nhs_number,
    ),
    Check(
        "dq-possible-duplicates",
        "Possible duplicate children",
        "Two records for one child (same date of birth and name, or the same UPN) count the "
        "child twice in SEN2 and Annex A and split the case history.",
        possible_duplicates,
    ),
    Check(
        "dq-school-age-no-setting",
        "School-age children with a plan and no setting",
        "SEN2 records where each child with a plan is educated; a child of compulsory "
        "school age with no setting may be out of education and should be checked.",
        school_age_no_setting,
    ),
    Check(
        "dq-home-education-not-recorded",
        "Elective home education not recorded",
        "SEN2 asks whether each child is electively home educated; not recording it leaves "
        "the answer blank rather than no.",
        home_education_not_recorded,
    ),
    Check(
        "dq-missing-education-not-recorded",
        "Children missing education not recorded",
        "SEN2 asks whether each child is missing education; not recording it hides children "
        "who may need help to return to education.",
        missing_education_not_recorded,
    ),
    Check(
        "dq-no-officer",
        "Open cases with no officer",
        "Every open case needs a named officer for the family to contact and for the case's "
        "deadlines to be watched.",
        no_officer,
    ),
    Check(
        "dq-sen2-errors",
        "Children the SEN2 return would reject",
        "Made today for the next January census, the return would carry an error of its own "
        "rules for these children (dates out of order, an outcome without its date, a cease "
        "date without a reason, a placement with no setting …): COLLECT accepts no return "
        "until every error is cleared. The SEN2 return page lists each finding.",
        sen2_errors,
    ),
)

#: The checks by id.
BY_ID: dict[str, Check] = {check.id: check for check in CHECKS}


def run(la: LocalAuthority, today: date) -> list[CheckResult]:
    """Every check's result for the area on ``today``, in ``CHECKS`` order."""
    return [CheckResult(check, check.function(la, today)) for check in CHECKS]


__all__ = ["BY_ID", "CHECKS", "Check", "CheckResult", "run"]
