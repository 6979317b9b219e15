"""Referrals for the pathways tests: made through the actions (so they are audited and
projected like any other)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from senda.pathways import actions
from senda.pathways.models import Referral
from senda.people.models import Child, LocalAuthority
from tests.factories import make_child, make_setting

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "nd-waiting-list-extract.csv"
TODAY = date(2026, 3, 2)


def referral(
    child: Child,
    by: Any,
    *,
    on: date,
    pathway: str = "autism",
    accepted: date | None = None,
    assessed: date | None = None,
    rejected: date | None = None,
    closed: date | None = None,
) -> Referral:
    """A referral of ``child`` with the steps whose dates are given."""
    made = actions.record_referral(
        child=child, pathway=pathway, referred_on=on, source="school", by=by, today=TODAY
    )
    if accepted:
        actions.record_triage(referral=made, on=accepted, accepted=True, by=by, today=TODAY)
    if rejected:
        actions.record_triage(
            referral=made, on=rejected, accepted=False, reason="insufficient", by=by, today=TODAY
        )
    if assessed:
        actions.record_assessment(referral=made, on=assessed, by=by, today=TODAY)
    if closed:
        actions.record_closure(referral=made, on=closed, reason="moved", by=by, today=TODAY)
    made.refresh_from_db()
    return made


def example_children(la: LocalAuthority) -> list[Child]:
    """The children (and the two schools) the example extract names, in ``la``."""
    make_setting(la, urn="100001", locality="North")
    make_setting(la, urn="100002", locality="South")
    children = []
    with EXAMPLE.open(newline="") as handle:
        for row in csv.DictReader(handle):
            day, month, year = row["Date of Birth"].split("/")
            children.append(
                make_child(
                    la,
                    nhs_number=row["NHS Number"],
                    date_of_birth=date(int(year), int(month), int(day)),
                )
            )
    return children
