"""Hand-made SEN2 persons for the import's tests: one of each kind of history a return
holds (issue 16's edge cases), as plain records (``senda.interchange.sen2.records``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from senda.interchange.sen2.records import (
    ActivePlan,
    Assessment,
    Header,
    NamedPlan,
    Need,
    Person,
    Placement,
    PlanSetting,
    Request,
)
from senda.people.identifiers import upn_check_letter

CENSUS = date(2026, 1, 15)
TODAY = date(2026, 2, 2)


def upn(la_code: str, serial: int) -> str:
    """A valid UPN; its characters 2-4 a real LA number (rule 1530), whatever the test
    area's code (``la_code`` kept for the reader)."""
    body = f"936{serial:08d}0"
    return upn_check_letter(body) + body


def header(la_code: str, **fields: object) -> Header:
    values: dict[str, object] = {
        "collection": "SEN2",
        "year": 2026,
        "reference_date": CENSUS,
        "la": la_code,
        "made_at": datetime(2026, 2, 1, 9, 0),
    }
    values.update(fields)
    return Header(**values)  # type: ignore[arg-type]


def new_plan(la_code: str, urn: str, serial: int = 1, **fields: object) -> Person:
    """A plan issued within 20 weeks in 2025, reviewed and maintained, two needs, one
    school named and attended."""
    person = Person(
        surname="Okafor",
        forename="Ada",
        birth_date=date(2015, 5, 4),
        sex="F",
        ethnicity="BAFR",
        postcode="AB1 2CD",
        upn=upn(la_code, serial),
        requests=(
            Request(
                received_date=date(2025, 2, 3),
                source=1,
                outcome="Y",
                outcome_date=date(2025, 3, 10),
                assessment=Assessment(
                    outcome="Y",
                    outcome_date=date(2025, 6, 16),
                    named_plan=NamedPlan(
                        start_date=date(2025, 6, 16),
                        personal_budget=True,
                        direct_payments=False,
                        named_settings=(PlanSetting(urn=urn, rank=1),),
                    ),
                ),
                active_plan=ActivePlan(
                    review_meeting=date(2025, 11, 20),
                    review_outcome="M",
                    last_review=date(2025, 11, 27),
                    placements=(Placement(urn=urn, entry_date=date(2025, 9, 3)),),
                    needs=(Need("ASD", 1), Need("SLCN", 2)),
                ),
            ),
        ),
        position=1,
    )
    return replace(person, **fields)  # type: ignore[arg-type]


def refused(la_code: str, serial: int = 2) -> Person:
    return Person(
        surname="Brown",
        forename="Ben",
        birth_date=date(2017, 1, 9),
        sex="M",
        upn=upn(la_code, serial),
        requests=(
            Request(
                received_date=date(2025, 4, 1),
                source=2,
                outcome="N",
                outcome_date=date(2025, 5, 12),
            ),
        ),
    )


def withdrawn(la_code: str) -> Person:
    return Person(
        surname="Clarke",
        forename="Cleo",
        birth_date=date(2019, 3, 3),
        sex="F",
        upn_unknown="UN1",
        requests=(Request(received_date=date(2025, 7, 1), source=1, outcome="W"),),
    )


def transferred_in(la_code: str, urn: str) -> Person:
    return Person(
        surname="Dimitrov",
        forename="Dan",
        birth_date=date(2012, 8, 30),
        sex="M",
        upn=upn(la_code, 4),
        requests=(
            Request(
                received_date=date(2021, 3, 1),
                outcome="H",
                assessment=Assessment(
                    outcome="H",
                    named_plan=NamedPlan(
                        start_date=date(2025, 10, 1),
                        named_settings=(PlanSetting(setting_code="OLA", rank=1),),
                    ),
                ),
                active_plan=ActivePlan(
                    transfer_la="873",  # its request (2021) was the other area's
                    placements=(
                        Placement(urn=urn, entry_date=date(2025, 10, 6), leaving_date=None),
                    ),
                    needs=(Need("SEMH", 1),),
                ),
            ),
        ),
    )


def ceased(la_code: str) -> Person:
    return Person(
        surname="Evans",
        forename="Eve",
        birth_date=date(2004, 2, 2),
        sex="F",
        uln="9999999998",
        upn_unknown="",
        upn=upn(la_code, 5),
        requests=(
            Request(
                received_date=date(2019, 1, 7),
                outcome="H",
                assessment=Assessment(
                    outcome="H",
                    named_plan=NamedPlan(
                        start_date=date(2019, 5, 20),
                        cease_date=date(2025, 7, 18),
                        cease_reason=3,
                        named_settings=(PlanSetting(setting_code="OTH", setting_other="Farm"),),
                    ),
                ),
            ),
        ),
    )


def several_placements(la_code: str, urns: list[str]) -> Person:
    return Person(
        surname="Fofana",
        forename="Fatou",
        birth_date=date(2010, 11, 11),
        sex="F",
        upn=upn(la_code, 6),
        requests=(
            Request(
                received_date=date(2024, 1, 8),
                outcome="H",
                assessment=Assessment(
                    outcome="H",
                    week20=True,
                    named_plan=NamedPlan(
                        start_date=date(2024, 7, 1),
                        residential="A",
                        named_settings=(PlanSetting(urn=urns[1], rank=1),),
                    ),
                ),
                active_plan=ActivePlan(
                    review_meeting=date(2025, 6, 10),
                    review_outcome="A",
                    last_review=date(2025, 6, 20),
                    placements=(
                        Placement(
                            urn=urns[0],
                            entry_date=date(2024, 9, 4),
                            leaving_date=date(2025, 7, 18),
                        ),
                        Placement(
                            urn=urns[1],
                            entry_date=date(2025, 9, 3),
                            residential="A",
                            sen_unit=True,
                        ),
                        Placement(setting_code="OPA", rank=2, entry_date=date(2025, 9, 3)),
                    ),
                    needs=(Need("PD", 1),),
                ),
            ),
        ),
    )


def with_flags(person: Person, request: dict[str, bool], assessment: dict[str, bool]) -> Person:
    """``person`` with mediation and tribunal flags set on its first request and its
    assessment: a return from another system, whose mediations and appeals Senda has no
    records of."""
    first = person.requests[0]
    if assessment:
        assert first.assessment is not None
        first = replace(first, assessment=replace(first.assessment, **assessment))
    return replace(person, requests=(replace(first, **request), *person.requests[1:]))


def every_kind(la_code: str, urns: list[str]) -> list[Person]:
    """One person of each kind above, positioned 1…6; three with mediation and tribunal
    flags (a refusal mediated and appealed, a plan's contents mediated, and a plan
    transferred in whose contents were appealed)."""
    people = [
        with_flags(new_plan(la_code, urns[0]), {}, {"other_mediation": True}),
        with_flags(refused(la_code), {"mediation": True, "tribunal": True}, {}),
        withdrawn(la_code),
        with_flags(transferred_in(la_code, urns[0]), {}, {"other_tribunal": True}),
        ceased(la_code),
        several_placements(la_code, urns),
    ]
    return [replace(p, position=n) for n, p in enumerate(people, 1)]
