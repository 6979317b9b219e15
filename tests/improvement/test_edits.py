"""Keeping a plan up to date: edit, set a timescale, withdraw, and a risk's history."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import boardpack, edits
from senda.improvement.actions import record_risk, update_risk
from senda.improvement.models import Action, Milestone, Rating, Risk
from senda.kernel import ActionError
from tests.factories import Personas, make_action, make_area, make_plan, make_plan_member, make_risk

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def plan(personas: Personas):
    return make_plan(personas.la)


@pytest.fixture
def action(plan):
    return make_action(make_area(plan), reference="1.1", what="Recruit psychologists")


def summaries(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            verb="write", object_type=obj._meta.label, object_id=str(obj.pk)
        ).values_list("summary", flat=True)
    )


# --- Editing an action -------------------------------------------------------------------


def test_it_edits_an_action_and_audits_which_fields_changed(personas, plan, action):
    Rating.objects.create(action=action, value="green", rated_on=TODAY, rationale="On track")

    edits.edit_action(
        action=action,
        by=personas.team_manager,
        what=" Recruit three psychologists ",
        how="Advertise\nInterview",
        kpi_ids=["advice-6w", "parent-satisfaction"],
        lead="Principal EP",
    )

    action.refresh_from_db()
    assert (action.what, action.how, action.kpi_ids, action.lead) == (
        "Recruit three psychologists",
        "Advertise\nInterview",
        ["advice-6w", "parent-satisfaction"],
        "Principal EP",
    )
    assert action.ratings.count() == 1  # a rating is never edited
    assert summaries(action) == [
        f"plan {plan.pk}: edited action {action.pk} (1.1): what, how, kpi_ids, lead"
    ]


def test_it_refuses_a_kpi_id_the_catalogue_does_not_know(personas, action):
    with pytest.raises(ActionError) as caught:
        edits.edit_action(
            action=action, by=personas.team_manager, what="x", kpi_ids=["final-plan-20w", "nope"]
        )
    assert caught.value.field == "kpi_ids"
    assert caught.value.message.startswith("nope is not in the KPI catalogue")


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"what": "  "}, "what"), ({"what": "x", "lead": "L" * 201}, "lead")],
)
def test_it_refuses_an_empty_what_and_a_lead_too_long(personas, action, fields, field):
    with pytest.raises(ActionError) as caught:
        edits.edit_action(action=action, by=personas.team_manager, **fields)
    assert caught.value.field == field
    assert not summaries(action)


@pytest.mark.parametrize("persona", ["case_officer", "board_member", "other_la_officer"])
def test_it_refuses_people_who_may_not_change_the_plan(personas, action, persona):
    with pytest.raises(ActionError):
        edits.edit_action(action=action, by=getattr(personas, persona), what="Changed")
    with pytest.raises(ActionError):
        edits.withdraw_action(action=action, by=getattr(personas, persona), reason="Error")
    action.refresh_from_db()
    assert (action.what, action.withdrawn_on) == ("Recruit psychologists", None)


# --- Timescales ---------------------------------------------------------------------------


@pytest.fixture
def unresolved(plan):
    return make_action(
        make_area(plan),
        timescale="Each term, ongoing",
        starts_on=None,
        ends_on=None,
        timescale_resolved=False,
    )


def test_it_sets_the_dates_of_a_timescale_senda_could_not_read(personas, plan, unresolved):
    edits.set_timescale(
        action=unresolved,
        by=personas.service_manager,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 7, 31),
    )

    unresolved.refresh_from_db()
    assert (
        unresolved.timescale,
        unresolved.starts_on,
        unresolved.ends_on,
        unresolved.timescale_resolved,
        unresolved.ongoing,
    ) == ("Each term, ongoing", date(2026, 4, 1), date(2026, 7, 31), True, False)
    assert summaries(unresolved) == [
        f"plan {plan.pk}: set the timescale of action {unresolved.pk} ({unresolved.reference})"
    ]


def test_it_marks_a_timescale_ongoing_without_an_end_date(personas, unresolved):
    edits.set_timescale(
        action=unresolved, by=personas.service_manager, ends_on=date(2026, 7, 31), ongoing=True
    )

    unresolved.refresh_from_db()
    assert (unresolved.ends_on, unresolved.ongoing, unresolved.timescale_resolved) == (
        None,
        True,
        True,
    )


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({}, "Enter the end date, or choose ongoing."),
        ({"starts_on": date(2026, 8, 1), "ends_on": date(2026, 7, 31)}, "on or after the start"),
    ],
)
def test_it_refuses_a_timescale_without_an_end_or_ending_before_it_starts(
    personas, unresolved, dates, message
):
    with pytest.raises(ActionError) as caught:
        edits.set_timescale(action=unresolved, by=personas.service_manager, **dates)
    assert caught.value.field == "ends_on"
    assert message in caught.value.message
    unresolved.refresh_from_db()
    assert not unresolved.timescale_resolved


# --- Withdrawing --------------------------------------------------------------------------


def test_it_withdraws_an_action_with_its_milestones_and_keeps_them(personas, plan, action):
    milestone = Milestone.objects.create(action=action, title="Posts advertised", due_on=TODAY)

    edits.withdraw_action(action=action, by=personas.service_manager, reason=" Entered twice ")

    assert not Action.objects.filter(pk=action.pk).exists()
    assert not action.area.actions.exists()
    kept = Action.all_objects.get(pk=action.pk)
    assert (kept.withdrawn_on, kept.withdrawn_by, kept.withdrawn_reason) == (
        TODAY,
        personas.service_manager,
        "Entered twice",
    )
    assert Milestone.all_objects.get(pk=milestone.pk).withdrawn_on == TODAY
    assert summaries(kept) == [f"plan {plan.pk}: withdrew action {action.pk} (1.1)"]
    with pytest.raises(ActionError, match="withdrawn on 15 June 2026"):
        edits.edit_action(action=kept, by=personas.service_manager, what="Changed")


def test_it_needs_a_reason_to_withdraw(personas, action):
    with pytest.raises(ActionError) as caught:
        edits.withdraw_action(action=action, by=personas.service_manager, reason=" ")
    assert caught.value.field == "reason"
    assert Action.objects.filter(pk=action.pk).exists()


def test_it_keeps_a_withdrawn_action_in_board_packs_of_earlier_meetings(personas, plan, action):
    Rating.objects.create(action=action, value="red", rated_on=date(2026, 3, 1), rationale="Late")
    edits.withdraw_action(action=action, by=personas.service_manager, reason="Entered twice")

    before = boardpack.rating_summary(plan, date(2026, 6, 1))
    after = boardpack.rating_summary(plan, TODAY)

    assert dict(before[0].counts)["Red"] == 1
    assert after == []
    assert [c.reference for c in boardpack.rating_changes(plan, None, date(2026, 6, 1))] == ["1.1"]
    assert boardpack.rating_changes(plan, None, TODAY) == []


def test_it_edits_a_milestone_and_audits_a_moved_due_date(personas, plan, action):
    milestone = Milestone.objects.create(action=action, title="Advert", due_on=date(2026, 5, 1))

    edits.edit_milestone(
        milestone=milestone, by=personas.team_manager, title="Posts advertised", due_on=TODAY
    )

    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Posts advertised", TODAY)
    assert summaries(milestone) == [
        f"plan {plan.pk}: edited milestone {milestone.pk}, due date 2026-05-01 → 2026-06-15"
    ]


def test_it_withdraws_a_milestone(personas, plan, action):
    milestone = Milestone.objects.create(action=action, title="Advert", due_on=TODAY)

    edits.withdraw_milestone(milestone=milestone, by=personas.team_manager, reason="Not ours")

    assert not action.milestones.exists()
    assert Milestone.all_objects.get(pk=milestone.pk).withdrawn_reason == "Not ours"
    assert summaries(milestone) == [
        f"plan {plan.pk}: withdrew milestone {milestone.pk} of action {action.pk}"
    ]


def test_it_withdraws_a_risk_and_hides_it_from_the_register(personas, plan):
    risk = make_risk(plan)

    edits.withdraw_risk(risk=risk, by=personas.service_manager, reason="Duplicate")

    assert not plan.risks.exists()
    assert boardpack.risks_by_severity(plan, TODAY) == []
    assert boardpack.risks_by_severity(plan, date(2026, 6, 1)) == [risk]
    with pytest.raises(ActionError):
        update_risk(risk=Risk.all_objects.get(pk=risk.pk), by=personas.service_manager, owner="X")


# --- A risk's history --------------------------------------------------------------------


def test_it_keeps_every_rating_of_a_risk(personas, plan):
    risk = record_risk(
        plan=plan,
        description="Not enough psychologists",
        raised_on=date(2026, 1, 5),
        owner="Head of SEND",
        severity_before=4,
        severity_after=3,
        by=personas.service_manager,
    )

    update_risk(risk=risk, by=personas.team_manager, severity_after="2", note="Locums in post")
    update_risk(risk=risk, by=personas.team_manager, mitigation="Locums")  # not a rating

    got = [
        (r.severity_before, r.severity_after, r.status, r.author, r.note)
        for r in risk.reviews.order_by("id")
    ]
    assert got == [
        (4, 3, "open", personas.service_manager, "Risk recorded."),
        (4, 2, "open", personas.team_manager, "Locums in post"),
    ]


def test_it_leaves_withdrawing_actions_and_setting_timescales_to_the_plans_managers(
    personas, plan, action, unresolved
):
    partner = make_plan_member(plan, access="edit").user
    with pytest.raises(ActionError):
        edits.withdraw_action(action=action, by=partner, reason="Not ours")
    with pytest.raises(ActionError):
        edits.set_timescale(action=unresolved, by=partner, ends_on=TODAY)
    assert Action.objects.filter(pk=action.pk).exists()


def test_it_leaves_a_withdrawn_action_withdrawn_when_the_plan_is_imported_again(personas):
    from pathlib import Path

    from senda.improvement.importer import import_plan

    example = Path(__file__).resolve().parents[2] / "docs/examples/improvement-plan-areas.csv"

    def run():
        return import_plan(
            example, filename="a.csv", la=personas.la, by=personas.service_manager, today=TODAY
        )

    plan = run().plan
    first = Action.objects.get(area__plan=plan, reference="1.1")
    Milestone.objects.create(action=first, title="Toolkit drafted", due_on=TODAY)
    edits.withdraw_action(action=first, by=personas.service_manager, reason="Entered twice")

    result = run()

    assert result.created == 0
    assert not Action.objects.filter(area__plan=plan, reference="1.1").exists()
    assert Action.all_objects.get(pk=first.pk).withdrawn_on == TODAY
