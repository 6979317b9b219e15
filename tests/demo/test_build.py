"""The demo area: repeatable, valid, plausible, and what the clock says it should be."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command

import senda.clock as clock
from senda.audit.models import AuditEntry
from senda.casework.clock_input import clock_child, clock_policy
from senda.casework.models import Case, CaseEvent, Complaint, DeadlineRow, Plan
from senda.demo.build import Built, build_area
from senda.improvement.models import ImprovementPlan
from senda.people.identifiers import (
    LA_CODES,
    nhs_number_is_valid,
    uln_is_valid,
    upn_is_valid,
)
from senda.people.models import Child, Membership, Role
from tests.demo.conftest import TODAY
from tests.demo.test_demo_improvement import plan_fingerprint


def _rows(queryset: object) -> list[str]:
    return sorted(map(repr, queryset))  # type: ignore[call-overload]


def fingerprint() -> dict[str, object]:
    """Everything but database ids and recording times, in a stable order: the cases, the
    complaints and the improvement plan (one rebuild checks them all: a build is seconds)."""
    child = (
        "case__child__family_name",
        "case__child__given_name",
        "case__child__date_of_birth",
        "case__child__upn",
    )
    return {
        "children": _rows(
            Child.objects.values_list(
                "family_name", "given_name", "date_of_birth", "upn", "nhs_number"
            )
        ),
        "events": _rows(
            CaseEvent.objects.values_list(*child, "type", "on", "outcome", "discipline", "kind")
        ),
        "deadlines": _rows(
            DeadlineRow.objects.values_list(*child, "rule", "due", "done", "status", "discipline")
        ),
        "users": _rows(User.objects.values_list("username", "membership__role")),
        "officers": _rows(Case.objects.values_list(*(c[6:] for c in child), "officer__username")),
        "complaints": _rows(
            Complaint.objects.values_list(*child, "received_on", "stage", "closed_on", "outcome")
        ),
        "plan": plan_fingerprint(),
        "families": families_fingerprint(),
    }


def families_fingerprint() -> list[int]:
    """How many of the families' records there are: a rebuild leaves one copy of each."""
    from senda.casework.models import Appeal, Mediation
    from senda.people.models import Delegation
    from senda.portal.models import SharedDocument, SurveyResponse

    tables = (Appeal, Mediation, SurveyResponse, SharedDocument, Delegation)
    return [model.objects.count() for model in tables]


def test_it_builds_the_same_area_again_and_wipes_the_old_one(area: Built) -> None:
    """Built again, the area is the same; built as ``senda demo`` does (its default seed,
    40 cases), it is another area, and the old one is gone but for the superuser."""
    admin = User.objects.create_superuser("admin", password="an admin password")
    first = fingerprint()
    assert first["complaints"] and first["plan"]["actions"]  # something to compare
    build_area(seed=7, today=TODAY, cases=300, password="demo-test-password")
    assert fingerprint() == first
    assert ImprovementPlan.objects.count() == 1
    assert User.objects.filter(pk=admin.pk).exists()
    assert Plan.objects.live(TODAY).filter(case__la__code="990").count() == 300
    # The build's own entry, and the portal story's writes (through the portal's actions).
    assert AuditEntry.objects.filter(summary="demo area built").count() == 1
    assert AuditEntry.objects.filter(summary__startswith="message ").exists()
    text = run_demo_command(cases=40, today=TODAY)  # another area
    assert fingerprint()["events"] != first["events"]
    assert User.objects.filter(pk=admin.pk).exists()
    for username in (
        "officer",
        "team-manager",
        "qa-auditor",
        "service-manager",
        "senco",
        "parent",
        "young-person",
        "board-member",
        "other-officer",
    ):
        assert f"\n  {username} " in text
    assert "senda-demo-2026" in text
    [qa_line] = [line for line in text.splitlines() if line.startswith("  qa-auditor ")]
    assert "leads quality assurance" in qa_line and "read only" not in qa_line
    assert Plan.objects.live(TODAY).filter(case__la__code="990").count() == 40
    # The wipe took every audit entry of the old area: left are the new build's own and
    # the portal story's writes (no reads by nobody).
    entry = AuditEntry.objects.get(summary="demo area built")
    assert (entry.verb, entry.child) == ("write", None)
    assert not AuditEntry.objects.exclude(verb="write").exists()


def run_demo_command(*, cases: int, today: date) -> str:
    """``senda demo --no-serve``: what it prints."""
    out = StringIO()
    call_command(
        "demo", "--no-serve", "--cases", str(cases), "--today", today.isoformat(), stdout=out
    )
    return out.getvalue()


def test_it_creates_each_persona_with_its_scope(area: Built) -> None:
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles["officer"] == roles["other-officer"] == Role.CASE_OFFICER
    assert [
        roles[u]
        for u in (
            "team-manager",
            "qa-auditor",
            "service-manager",
            "senco",
            "parent",
            "board-member",
        )
    ] == [
        Role.TEAM_MANAGER,
        Role.QA_AUDITOR,
        Role.SERVICE_MANAGER,
        Role.SENCO,
        Role.PARENT,
        Role.BOARD_MEMBER,
    ]
    assert sum(1 for r in roles.values() if r == Role.CASE_OFFICER) == 26
    senco = Membership.objects.get(user__username="senco")
    assert senco.setting.phase == "secondary" and senco.la == area.la
    assert Child.objects.filter(setting=senco.setting).exists()
    parent = User.objects.get(username="parent")
    children = [contact.child for contact in parent.family_contacts.all()]
    assert len(children) == 2 and any(c.cases.get().plans.live(TODAY).exists() for c in children)
    other = Membership.objects.get(user__username="other-officer")
    assert other.la == area.other_la
    assert set(Case.objects.filter(officer=other.user).values_list("la", flat=True)) == {
        area.other_la.pk
    }
    assert Case.objects.filter(officer__username="officer", status="open").count() > 5
    assert User.objects.get(username="officer").check_password("demo-test-password")


def _share(rule: str, among: tuple[str, ...]) -> float:
    statuses = Counter(
        DeadlineRow.objects.filter(rule=rule, status__in=among).values_list("status", flat=True)
    )
    return statuses["met"] / sum(statuses.values())


def test_it_has_plausible_rates(area: Built) -> None:
    assert 0.3 <= _share("final-plan", ("met", "late", "overdue")) <= 0.7
    assert 0.15 <= _share("annual-review", ("met", "late", "overdue")) <= 0.5
    rows = DeadlineRow.objects
    assert rows.filter(rule="annual-review", status="overdue").count() >= 10
    assert rows.filter(status="excepted").exists()
    assert rows.filter(rule="phase-transfer", status="pending").exists()
    assert CaseEvent.objects.filter(type="transferred_in").count() >= 5
    moved = Plan.objects.filter(transferred_in_on__isnull=False)
    # Each plan transferred in names the LA it came from, a real DfE number (SEN2 TransferLA).
    assert set(moved.values_list("transferred_from_la", flat=True)) <= LA_CODES
    assert CaseEvent.objects.filter(type="plan_ceased").exists()
    assert rows.filter(rule="assess-decision", status="pending").exists()


def test_it_has_cases_in_each_state_of_the_rest_of_the_clock(area: Built) -> None:
    """Issue 12: re-assessments, transfers between areas, ceasing by decision, amendments'
    comment windows and the under-fives guidance all show on the demo's pages."""
    events = CaseEvent.objects
    for kind in (
        "reassessment_requested",
        "reassess_decision",
        "reassessment_outcome",
        "transfer_in_notified",
        "move_out_known",
        "transferred_out",
        "cease_proposed",
        "cease_decision",
        "cease_appealed",
        "cease_appeal_decided",
    ):
        assert events.filter(type=kind).exists(), kind
    rows = DeadlineRow.objects
    for rule, statuses in (
        ("reassess-decision", ("met", "late")),
        ("reassessment-plan", ("met", "late")),
        ("transfer-in-notice", ("met", "late")),
        ("transfer-out", ("met", "late")),
        ("amendment-comment-period", ("met", "breached")),
        ("under-five-review", ("met", "late", "overdue")),
    ):
        for status in statuses:
            assert rows.filter(rule=rule, status=status).exists(), (rule, status)
    # Transfers out are their own event, ending the plan with SEN2 reason 5; a decision to
    # cease keeps some plans current until the time to appeal has passed.
    assert not events.filter(type="plan_ceased", cease_reason=5).exists()
    assert (
        Plan.objects.filter(cease_reason=5).count() == events.filter(type="transferred_out").count()
    )
    ending = Plan.objects.filter(ceased_on__gt=TODAY)
    assert ending.exists() and all(plan.case.is_open for plan in ending)
    # The under-fives guidance is the main area's choice, not the other's.
    assert {la.under_five_review_months for la in {c.la for c in Case.objects.all()}} == {6, None}
    # the main area has a Local Offer website that families' pages link to; the other not
    assert area.la.local_offer_url.startswith("https://") and area.other_la.local_offer_url == ""


def test_it_gives_only_valid_identifiers(area: Built) -> None:
    children = Child.objects.values_list("date_of_birth", "upn", "uln", "nhs_number")
    assert all(upn_is_valid(upn) for _, upn, _, _ in children if upn)
    assert all(uln_is_valid(uln) for _, _, uln, _ in children if uln)
    assert all(nhs_number_is_valid(nhs) for _, _, _, nhs in children if nhs)
    assert sum(1 for _, upn, _, _ in children if upn) > len(children) * 0.8
    assert all(nhs.startswith("999") for _, _, _, nhs in children if nhs)
    for child in Child.objects.all()[:50]:
        child.full_clean()


def test_it_stores_what_the_clock_says(area: Built) -> None:
    cases = Case.objects.select_related("la", "child").order_by("id")
    for case in list(cases)[::7]:
        expected = clock.evaluate(
            case.clock_events(),
            TODAY,
            child=clock_child(case.child.date_of_birth),
            policy=clock_policy(case.la),
        )
        stored = case.deadlines.order_by("id").values_list(
            "rule", "due", "done", "status", "citation", "discipline", "evaluated_for"
        )
        assert list(stored) == [
            (d.rule, d.due, d.done, d.status, d.citation, d.discipline or "", TODAY)
            for d in expected
        ]


def test_it_records_some_review_steps_wrongly_and_corrects_or_withdraws_them(
    area: Built,
) -> None:
    from django.utils import timezone

    from senda.casework.models import EventCorrection
    from senda.performance import kpi_figures
    from senda.performance.periods import containing

    found = EventCorrection.objects.filter(la=area.la).select_related("event", "replacement")
    kinds = Counter(found.values_list("kind", flat=True))
    assert kinds["corrected"] >= 5 and kinds["withdrawn"] >= 2
    assert not EventCorrection.objects.filter(la=area.other_la).exists()
    for correction in found:
        original, new = correction.event, correction.replacement
        assert original.type.startswith("review_") and correction.reason
        assert correction.was_on == original.on and original.on < TODAY
        first = timezone.localdate(original.recorded_at)
        assert first <= timezone.localdate(correction.at) < TODAY
        assert correction.needed_manager == ((correction.at.date() - first).days > 30)
        if new is not None:  # the story's step, as corrected
            assert (
                (new.type, new.on)
                == (original.type, correction.now_on)
                != (
                    original.type,
                    original.on,
                )
            )
            assert timezone.localdate(new.recorded_at) == timezone.localdate(correction.at)
    assert not CaseEvent.objects.current().filter(correction__isnull=False).exists()
    quarter = containing(TODAY, "quarter").previous()
    errors = kpi_figures.value(area.la, "review-logging-errors", quarter)
    assert errors is not None and 0 < errors.numerator < errors.denominator
    assert 1 <= errors.value <= 15


def test_the_demos_plans_transfer_in_from_real_las() -> None:
    from senda.demo.stories import NEIGHBOURS

    assert set(NEIGHBOURS) <= LA_CODES
