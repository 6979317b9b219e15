"""Example extracts for the demo area's own children, written beside its database
(``<SENDA_DATA_DIR>/examples/``) by ``senda demo``: the council's participation extract
(NCCIS-style, docs/adulthood.md) and the NHS provider's waiting-list extract
(docs/pathways.md), in the layouts of docs/examples/. Those in docs/examples/ name
children of no area; these name the demo's, so a new user can upload them
(``/destinations/import/``, ``/waits/upload/``) and see them match. All synthetic.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from senda.casework.models import Plan
from senda.exports import write_csv
from senda.pathways.models import Referral
from senda.people.models import Child, LocalAuthority

__all__ = ["ND_WAITS", "PARTICIPATION", "write_examples"]

PARTICIPATION = "participation-extract.csv"
ND_WAITS = "nd-waiting-list-extract.csv"
#: (activity code, what it is) for the examples' young people in turn: full-time education,
#: an apprenticeship, NEET seeking work, a supported internship, not known.
ACTIVITIES = ("130", "210", "540", "250", "810", "130")


def _dmy(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _years_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def participation_rows(la: LocalAuthority, today: date) -> list[list[str]]:
    """Up to six young people aged 16 or 17 today with a plan in force and a UPN."""
    cases = Plan.objects.in_force(today).filter(case__la=la).values("case__child_id")
    young = [
        child
        for child in Child.objects.filter(pk__in=cases)
        .exclude(upn="")
        .order_by("date_of_birth", "pk")
        if 16 <= _years_on(child.date_of_birth, today) <= 17
    ][:6]
    start = today.replace(day=1)
    return [
        [
            f"DEMO-YP{n:03d}",
            child.upn,
            child.given_name,
            child.family_name,
            _dmy(child.date_of_birth),
            "EHCP",
            activity,
            "" if activity == "810" else _dmy(start),
        ]
        for n, (child, activity) in enumerate(zip(young, ACTIVITIES, strict=False), start=1)
    ]


def nd_rows(la: LocalAuthority, today: date) -> list[list[str]]:
    """Up to four children aged 4 to 15 with an NHS number and no referral yet, referred
    between 10 and 40 weeks ago, two of them accepted at triage."""
    referred = Referral.objects.of_area(la.pk).values("child_id")
    children = [
        child
        for child in Child.objects.filter(la=la)
        .exclude(nhs_number="")
        .exclude(pk__in=referred)
        .order_by("pk")[:400]
        if 4 <= _years_on(child.date_of_birth, today) <= 15
    ][:4]
    rows = []
    for n, child in enumerate(children):
        on = today - timedelta(weeks=10 + 10 * n)
        accepted = n % 2 == 0
        rows.append(
            [
                f"DEMO-NDP-{n + 1:03d}",
                child.nhs_number,
                _dmy(child.date_of_birth),
                "ASD" if n < 3 else "ADHD",
                _dmy(on),
                "School",
                "",
                "Accepted" if accepted else "",
                _dmy(on + timedelta(weeks=2)) if accepted else "",
                *[""] * 6,
            ]
        )
    return rows


def write_examples(la: LocalAuthority, today: date, folder: Path) -> list[Path]:
    """Write both extracts into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        PARTICIPATION: (
            "Young person ID,UPN,Forename,Surname,Date of birth,SEND,Activity code,"
            "Activity start date",
            participation_rows(la, today),
        ),
        ND_WAITS: (
            "Referral ID,NHS Number,Date of Birth,Pathway,Referral Date,Referral Source,"
            "School URN,Triage Outcome,Triage Date,Rejection Reason,First Assessment Date,"
            "Outcome,Outcome Date,Discharge Date,Discharge Reason",
            nd_rows(la, today),
        ),
    }
    written = []
    for name, (heading, rows) in files.items():
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as out:
            write_csv(out, [heading.split(","), *rows])
        written.append(path)
    return written
