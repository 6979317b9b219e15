"""Hand-built SEN2 persons covering the edge cases of the return (transfers in, ceased
plans, refused and withdrawn requests, two needs, several placements, missing-UPN
reasons), shared by the tests."""

from __future__ import annotations

from datetime import date, datetime

from senda.interchange.sen2 import records as r
from senda.people.identifiers import upn_check_letter

TODAY = date(2026, 2, 1)
HEADER = r.Header(
    collection="SEN2",
    year=2026,
    reference_date=date(2026, 1, 15),
    la="938",
    release="1.0",
    serial_no=3,
    made_at=datetime(2026, 1, 30, 9, 15, 2),
    dmo="Data Manager & Co",
    dco="Col <Officer>",
    dsco="Sub O'Contact",
)


def upn(body: str) -> str:
    return upn_check_letter(body) + body


def _plan(start: date, **extra) -> r.NamedPlan:
    return r.NamedPlan(
        start_date=start,
        residential="A",
        work_based=False,
        personal_budget=True,
        organised_arrangements=True,
        direct_payments=False,
        named_settings=(r.PlanSetting(urn="123456"),),
        **extra,
    )


def edge_persons() -> list[r.Person]:
    issued = r.Request(
        received_date=date(2025, 1, 6),
        source=2,
        rya=False,
        outcome="Y",
        outcome_date=date(2025, 2, 20),
        mediation=False,
        tribunal=False,
        assessment=r.Assessment(
            outcome="Y",
            outcome_date=date(2025, 5, 20),
            week20=True,
            named_plan=_plan(date(2025, 5, 20)),
        ),
        active_plan=r.ActivePlan(
            review_meeting=date(2025, 11, 3),
            review_outcome="M",
            last_review=date(2025, 11, 10),
            review_draft=date(2025, 11, 20),
            phase_transfer_due=date(2026, 2, 15),
            phase_transfer_final=date(2025, 12, 1),
            placements=(
                r.Placement(
                    urn="123456", entry_date=date(2021, 9, 1), leaving_date=date(2025, 7, 20)
                ),
                r.Placement(
                    ukprn="10012345",
                    rank=1,
                    entry_date=date(2025, 9, 3),
                    residential="B",
                    work_based=True,
                    sen_unit=True,
                    resourced_provision=None,
                ),
                r.Placement(
                    setting_code="OTH",
                    setting_other="Farm school",
                    rank=2,
                    entry_date=date(2025, 9, 3),
                ),
                r.Placement(setting_code="EHE", rank=None, sen_unit=None, resourced_provision=None),
            ),
            needs=(r.Need("ASD", 1), r.Need("DS", 2)),
        ),
    )
    transferred_in = r.Request(
        received_date=date(2019, 3, 1),
        outcome="H",
        assessment=r.Assessment(
            outcome="H",
            mediation=None,
            tribunal=None,
            other_mediation=None,
            other_tribunal=None,
            week20=None,
            named_plan=_plan(date(2019, 7, 1)),
        ),
        active_plan=r.ActivePlan(
            transfer_la="201",
            placements=(r.Placement(urn="7654321", entry_date=date(2024, 9, 4)),),
            needs=(r.Need("SEMH", 1),),
        ),
    )
    ceased = r.Request(
        received_date=date(2018, 5, 1),
        outcome="H",
        assessment=r.Assessment(
            outcome="H",
            named_plan=_plan(date(2018, 9, 1), cease_date=date(2025, 7, 31), cease_reason=4),
        ),
    )
    refused = r.Request(
        received_date=date(2025, 3, 3),
        source=1,
        outcome="N",
        outcome_date=date(2025, 4, 14),
        mediation=True,
        tribunal=True,
    )
    withdrawn = r.Request(received_date=date(2025, 10, 1), source=5, outcome="W")
    waiting = r.Request(
        received_date=date(2025, 12, 1), source=3, outcome="A", rya=True, exported=True
    )
    not_issued = r.Request(
        received_date=date(2025, 4, 1),
        source=4,
        outcome="Y",
        outcome_date=date(2025, 5, 12),
        assessment=r.Assessment(
            outcome="N", outcome_date=date(2025, 8, 18), other_mediation=True, other_tribunal=True
        ),
    )
    return [
        r.Person(
            surname="Ó'Brien & Sons",
            forename="Zoë <Z>",
            birth_date=date(2012, 3, 4),
            sex="F",
            ethnicity="WIRI",
            postcode="SW1A 1AA",
            upn=upn("938100000001"),
            uln="1000000019",
            requests=(issued, withdrawn),
        ),
        r.Person(
            surname="Transfer",
            forename="In",
            birth_date=date(2009, 12, 31),
            sex="M",
            upn=upn("201100000009"),
            requests=(transferred_in,),
        ),
        r.Person(
            surname="Ceased",
            forename="Plan",
            birth_date=date(2006, 1, 1),
            sex="U",
            uln="1000000027",
            requests=(ceased,),
        ),
        r.Person(
            surname="Refused",
            forename="Request",
            birth_date=date(2020, 6, 1),
            sex="F",
            upn_unknown="UN1",
            requests=(refused, waiting),
        ),
        r.Person(
            surname="Not",
            forename="Issued",
            birth_date=date(2001, 1, 15),
            sex="M",
            upn_unknown="UN10",
            requests=(not_issued,),
        ),
    ]
