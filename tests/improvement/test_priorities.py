"""The partnership's priorities: statements and ratings kept with their history, the key
actions for the coming quarter drawn from what is due, edited while a draft, frozen once
published, and what the quarterly report is given."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import priorities as reads
from senda.improvement import priority_actions as write
from senda.improvement.models import KeyAction, PriorityStatement
from senda.kernel import ActionError
from senda.performance.periods import parse
from tests.factories import make_la
from tests.improvement.priority_factories import I_WORDS, WE_WORDS, priority_plan

TODAY = date(2026, 11, 22)
Q2, Q3 = parse("2026-27-q2"), parse("2026-27-q3")


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def made(personas):
    return priority_plan(personas.la, personas.service_manager)


def test_statements_keep_their_history_and_the_latest_counts(personas, made):
    by = personas.service_manager
    write.write_statements(
        area=made.first, i_statement="I am listened to.", we_statement="We listen.", by=by
    )
    rows = list(PriorityStatement.objects.filter(area=made.first))
    assert [r.i_statement for r in rows] == ["I am listened to.", I_WORDS]
    assert reads.current_statements([made.first])[made.first.pk].we_statement == "We listen."
    assert AuditEntry.objects.filter(verb="write", object_type="improvement.PriorityStatement")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"i_statement": "  ", "we_statement": "We do."}, "i_statement"),
        ({"i_statement": "I can.", "we_statement": ""}, "we_statement"),
        ({"i_statement": "x" * 2001, "we_statement": "We do."}, "i_statement"),
    ],
)
def test_statements_are_refused_blank_or_too_long(personas, made, fields, field):
    with pytest.raises(ActionError) as refused:
        write.write_statements(area=made.first, by=personas.service_manager, **fields)
    assert refused.value.field == field


@pytest.mark.parametrize("persona", ["case_officer", "board_member", "qa_auditor"])
def test_only_the_plans_managers_change_priorities(personas, made, persona):
    with pytest.raises(ActionError):
        write.write_statements(
            area=made.first, i_statement="I", we_statement="We", by=getattr(personas, persona)
        )
    with pytest.raises(ActionError):
        write.rate_priority(
            area=made.first, quarter=Q2, value="green", narrative="n", by=getattr(personas, persona)
        )


@pytest.mark.parametrize(
    ("quarter", "value", "narrative", "field"),
    [
        ("2026-27-q2", "pink", "Fine.", "value"),
        ("2026-27-q2", "green", " ", "narrative"),
        ("2027-28-q1", "green", "Fine.", "quarter"),  # not started
        ("2026-11", "green", "Fine.", "quarter"),  # a month
        ("next", "green", "Fine.", "quarter"),
    ],
)
def test_a_rating_is_refused_naming_the_field(personas, made, quarter, value, narrative, field):
    with pytest.raises(ActionError) as refused:
        write.rate_priority(
            area=made.first,
            quarter=quarter,
            value=value,
            narrative=narrative,
            by=personas.service_manager,
        )
    assert refused.value.field == field


def test_a_quarter_rated_again_keeps_both_and_the_latest_counts(made):
    assert made.first.priority_ratings.filter(quarter=Q2.key).count() == 2
    assert reads.rating_for(made.first, Q2).value == "green"
    assert reads.rating_for(made.first, Q3) is None


def test_key_actions_are_drawn_from_actions_and_milestones_due_next_quarter(made):
    drawn = reads.draw(made.plan, Q3)
    assert [(d.text, d.due_on) for d in drawn] == [
        ("Track every assessment weekly against the 20-week clock.", date(2026, 11, 30)),
        (f"Interviews held (action {made.later.reference})", date(2026, 12, 10)),
    ]  # not the completed action, the reached milestone nor anything due later


def test_a_withdrawn_action_is_not_drawn(personas, made):
    made.ending.withdrawn_on = TODAY
    made.ending.save()
    assert [d.milestone for d in reads.draw(made.plan, Q3)] == [made.due]


def test_edits_to_a_draft_list_stick_and_keep_their_history(personas, made):
    by = personas.service_manager
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=by)
    first, second = KeyAction.objects.filter(key_list=key_list)
    new = write.reword_key_action(item=first, text="Weekly tracking of every assessment.", by=by)
    write.remove_key_action(item=second, by=by, reason="Moved to the recruitment workstream.")
    write.add_key_action(
        key_list=key_list,
        area=made.second,
        text="Run two transition fairs.",
        due_on=date(2026, 12, 1),
        by=by,
    )
    shown = reads.for_report(personas.la, Q2)
    assert shown.key_actions_state == "draft"
    one, two = shown.priorities
    assert [k.text for k in one.key_actions] == ["Weekly tracking of every assessment."]
    assert one.key_actions[0].reference == made.ending.reference
    assert [k.text for k in two.key_actions] == ["Run two transition fairs."]
    first.refresh_from_db()
    assert first.withdrawn and new.replaces == first and new.action == made.ending
    # Drawing again adds nothing new and does not bring the removed one back.
    assert write.redraw_key_actions(key_list=key_list, by=by) == 0
    assert KeyAction.all_objects.filter(key_list=key_list).count() == 4


def test_drawing_again_adds_what_fell_due_since(personas, made):
    by = personas.service_manager
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=by)
    made.later.milestones.create(title="Offers made", due_on=date(2026, 12, 20))
    assert write.redraw_key_actions(key_list=key_list, by=by) == 1
    with pytest.raises(ActionError):
        write.start_key_actions(plan=made.plan, quarter=Q2, by=by)


def test_a_key_action_dated_outside_the_coming_quarter_is_refused(personas, made):
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=personas.service_manager)
    with pytest.raises(ActionError) as refused:
        write.add_key_action(
            key_list=key_list,
            area=made.first,
            text="Later.",
            due_on=date(2027, 3, 1),
            by=personas.service_manager,
        )
    assert refused.value.field == "due_on"


def test_a_published_list_is_frozen(personas, made):
    by = personas.service_manager
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=by)
    item = KeyAction.objects.filter(key_list=key_list).first()
    write.publish_key_actions(key_list=key_list, by=by)
    for change in (
        lambda: write.reword_key_action(item=item, text="New words.", by=by),
        lambda: write.remove_key_action(item=item, by=by),
        lambda: write.add_key_action(key_list=key_list, area=made.first, text="More.", by=by),
        lambda: write.redraw_key_actions(key_list=key_list, by=by),
        lambda: write.publish_key_actions(key_list=key_list, by=by),
    ):
        with pytest.raises(ActionError, match="published"):
            change()
    assert reads.for_report(personas.la, Q2).key_actions_state == "published"
    assert KeyAction.all_objects.filter(key_list=key_list).count() == 2


def test_an_empty_list_cannot_be_published(personas, made):
    by = personas.service_manager
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=by)
    for item in KeyAction.objects.filter(key_list=key_list):
        write.remove_key_action(item=item, by=by)
    with pytest.raises(ActionError):
        write.publish_key_actions(key_list=key_list, by=by)


def test_the_report_is_given_each_priority(personas, made):
    shown = reads.for_report(personas.la, Q2)
    assert shown.plan_title == made.plan.title and shown.key_actions_state == "drawn"
    one, two = shown.priorities
    assert (one.number, one.i_statement, one.we_statement) == (1, I_WORDS, WE_WORDS)
    assert one.areas_of_action == ["More plans issued within 20 weeks."]
    assert (one.rating.code, one.rating.label) == ("green", "Green")
    assert one.rating.narrative == "Plans within 20 weeks rose to 58% in September."
    assert (one.previous.code, one.previous.quarter_label) == ("red", "Q1 2026-27")
    assert one.kpi_ids == ["final-plan-20w", "annual-review-on-time"]
    assert len(one.key_actions) == 2
    assert (two.i_statement, two.rating, two.key_actions) == ("", None, [])
    assert two.areas_of_action == ["Publish the local offer pages."]  # no aims: its actions


def test_an_area_without_a_plan_gives_the_report_nothing(db):
    assert reads.for_report(make_la(), Q2) is None
