"""The return's own figures, counted from its persons: Senda's export or any SEN2 file read
in. Pure: no Django.

    count(persons, census=date(2027, 1, 21))["plans_active"]

The year is the calendar year before the census (the collection period). Keys (``KEYS``):

- ``persons``: persons in the return.
- ``plans_active``: requests with ``ActivePlans`` (a plan active on the census day).
- ``requests``: requests received in the year (outcome not ``H``: a request decided before
  the year, or the stand-in parent of a plan transferred in, is not a new request).
- ``refusals``: requests with outcome ``N`` (refused to assess) decided in the year.
- ``assessed``: requests with outcome ``Y`` (agreed to assess) decided in the year.
- ``not_issued``: assessments with outcome ``N`` (assessed, no plan) decided in the year.
- ``plans_new``: plans issued in the year after an assessment (assessment outcome ``Y``
  dated in the year), so transfers in are not counted.
- ``plans_new_20w``: of those, issued within 20 weeks of the request (on or before the
  clock's ``final-plan`` due day), exception cases (``Week20``) left out of both.
- ``plans_new_ex``: the denominator of that: plans new in the year without an exception.
- ``plans_new_20w_all``: plans new in the year within 20 weeks, exception cases included
  (its denominator is ``plans_new``).
- ``plans_new_exceptions``: plans new in the year with an exception (``Week20``).
- ``transfers_in``: active plans transferred in during the year (``TransferLA`` given).
- ``plans_ceased``: named plans with a cease date in the year; ``ceased_reason_N``: of
  those, with cease reason N (1–9; ``ceased_reason_none`` with none).
- ``reviews``: active plans whose latest review meeting was in the year.
- ``reviews_decided``: of those, with a review decision (outcome) in the year.
- ``pending``: requests not yet decided at the census (outcome ``A``).
- ``withdrawn``: requests withdrawn (outcome ``W``) and assessments withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from senda.clock.rules import final_plan
from senda.interchange.sen2.records import Person

KEYS: dict[str, str] = {
    "persons": "Persons in the return",
    "plans_active": "Plans active on the census day",
    "requests": "Requests for assessment received in the year",
    "refusals": "Refusals to assess in the year",
    "assessed": "Decisions to assess in the year",
    "not_issued": "Assessments not leading to a plan in the year",
    "plans_new": "New plans issued in the year (not transfers in)",
    "plans_new_ex": "New plans issued in the year, exception cases left out",
    "plans_new_20w": "New plans within 20 weeks, exception cases left out",
    "plans_new_20w_all": "New plans within 20 weeks, exception cases included",
    "plans_new_exceptions": "New plans with an exception to the 20-week limit",
    "transfers_in": "Plans transferred in during the year",
    "plans_ceased": "Plans ceased in the year",
    **{f"ceased_reason_{n}": f"Plans ceased in the year, reason {n}" for n in range(1, 10)},
    "ceased_reason_none": "Plans ceased in the year, no reason given",
    "reviews": "Active plans reviewed in the year (latest meeting)",
    "reviews_decided": "Active plans with a review decision in the year",
    "pending": "Requests not decided at the census",
    "withdrawn": "Requests or assessments withdrawn",
}


def count(persons: Iterable[Person], *, census: date) -> dict[str, int]:
    """The return's figures (every key of ``KEYS``, 0 when none)."""
    start, end = date(census.year - 1, 1, 1), date(census.year - 1, 12, 31)

    def in_year(day: date | None) -> bool:
        return day is not None and start <= day <= end

    n = dict.fromkeys(KEYS, 0)
    for person in persons:
        n["persons"] += 1
        for request in person.requests:
            if request.outcome != "H" and in_year(request.received_date):
                n["requests"] += 1
            if request.outcome == "N" and in_year(request.outcome_date):
                n["refusals"] += 1
            if request.outcome == "Y" and in_year(request.outcome_date):
                n["assessed"] += 1
            if request.outcome == "A":
                n["pending"] += 1
            if request.outcome == "W":
                n["withdrawn"] += 1
            assessment = request.assessment
            if assessment is not None:
                if assessment.outcome == "N" and in_year(assessment.outcome_date):
                    n["not_issued"] += 1
                if assessment.outcome == "W":
                    n["withdrawn"] += 1
                if assessment.outcome == "Y" and in_year(assessment.outcome_date):
                    _new_plan(n, request.received_date, assessment.outcome_date, assessment.week20)
                plan = assessment.named_plan
                if plan is not None and in_year(plan.cease_date):
                    n["plans_ceased"] += 1
                    n[f"ceased_reason_{plan.cease_reason or 'none'}"] += 1
            active = request.active_plan
            if active is not None:
                n["plans_active"] += 1
                if active.transfer_la:
                    n["transfers_in"] += 1
                if in_year(active.review_meeting):
                    n["reviews"] += 1
                    if in_year(active.last_review) and active.review_outcome:
                        n["reviews_decided"] += 1
    return n


def _new_plan(
    n: dict[str, int], received: date | None, issued: date | None, week20: bool | None
) -> None:
    n["plans_new"] += 1
    on_time = received is not None and issued is not None and issued <= final_plan(received)
    n["plans_new_20w_all"] += on_time
    if week20:
        n["plans_new_exceptions"] += 1
    else:
        n["plans_new_ex"] += 1
        n["plans_new_20w"] += on_time
