"""Complaints, mediations, appeals and orders made directly (no action, no audit), for
tests that need one to exist: the role matrix's URLs, the pages' tests."""

from __future__ import annotations

from datetime import date

from senda.casework.models import Appeal, AppealOrder, Case, Complaint, Mediation
from tests.factories import make_user

DECIDED = date(2026, 3, 2)


def _user(case: Case):
    return make_user("case_officer", case.la)


def make_complaint(case: Case, **fields) -> Complaint:
    fields.setdefault("received_on", date(2026, 3, 2))
    fields.setdefault("summary", "The review was late.")
    return Complaint.objects.create(case=case, recorded_by=_user(case), **fields)


def make_mediation(case: Case, **fields) -> Mediation:
    fields.setdefault("decision_on", DECIDED)
    fields.setdefault("issues", ["section_f"])
    return Mediation.objects.create(case=case, recorded_by=_user(case), **fields)


def make_appeal(case: Case, **fields) -> Appeal:
    fields.setdefault("decision_on", DECIDED)
    fields.setdefault("grounds", ["section_i"])
    return Appeal.objects.create(case=case, recorded_by=_user(case), **fields)


def make_order(case: Case, **fields) -> AppealOrder:
    appeal = make_appeal(case, outcome="allowed", decided_on=date(2026, 5, 1))
    fields.setdefault("kind", AppealOrder.Kind.AMEND_CONTENTS)
    fields.setdefault("made_on", date(2026, 5, 1))
    return AppealOrder.objects.create(appeal=appeal, **fields)
