"""The family's voice in the portal room: views kept for the next review, comments on a
draft within the clock's window, messages with a reply date in working days, replies."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from senda.audit.models import AuditEntry
from senda.casework.models import Case
from senda.clock.rules import RULES
from senda.kernel import ActionError
from senda.people.models import FamilyContact
from senda.portal import family_voice as voice
from senda.portal.models import CaseMessage, FamilyViews, Message, Representation, Upload
from tests.portal.family_fixtures import (
    DRAFT_ON,
    FRIDAY,
    issue,
    other_family,
    review_due,
    with_officer_email,
)
from tests.portal.upload_helpers import media, pdf  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_views_are_kept_for_the_next_review_and_audited(personas):
    review_due(personas.case, date(2026, 9, 1))
    views = voice.save_views(
        case=personas.case,
        about="child",
        answers={"like": " Lego ", "hard": ""},
        helped_by="Mum",
        by=personas.parent,
        today=date(2026, 6, 1),
    )
    assert views.answers == {"like": "Lego"}
    assert views.review_due_on == date(2026, 9, 1)
    assert voice.cycle_views(personas.case) == {"child": views}
    assert voice.answer_rows(views) == [("What I like", "Lego")]
    assert AuditEntry.objects.filter(verb="write", summary__contains="family views").exists()


def test_views_since_the_last_review_decision_only(personas):
    old = voice.save_views(
        case=personas.case,
        about="parent",
        answers={"worries": "x"},
        by=personas.parent,
        today=date(2025, 6, 1),
    )
    issue(personas.case, "review_decision", date(2025, 7, 1), personas.case_officer)
    assert old not in voice.cycle_views(personas.case).values()


@pytest.mark.parametrize(
    ("answers", "field"),
    [({}, "__all__"), ({"nope": "x"}, "__all__"), ({"like": "a" * 5001}, "like")],
)
def test_views_refuse_nothing_unknown_questions_and_long_answers(personas, answers, field):
    with pytest.raises(ActionError) as refused:
        voice.save_views(case=personas.case, about="child", answers=answers, by=personas.parent)
    assert refused.value.field == field
    assert not FamilyViews.objects.exists()


def test_a_file_is_not_stored_when_the_answers_are_refused(personas, media):  # noqa: F811
    file = SimpleUploadedFile("me.pdf", pdf(), content_type="application/pdf")
    with pytest.raises(ActionError):
        voice.save_views(
            case=personas.case,
            about="child",
            answers={},
            helped_by="x" * 101,
            file=file,
            by=personas.parent,
        )
    assert not Upload.objects.exists()
    views = voice.save_views(
        case=personas.case, about="child", answers={}, file=file, by=personas.parent
    )
    assert views.upload.purpose == "child_views" and views.upload.case == personas.case


def test_another_family_and_a_family_member_who_only_sees_may_not_write(personas):
    with pytest.raises(ActionError):
        voice.save_views(
            case=personas.case, about="child", answers={"like": "x"}, by=other_family(personas)
        )
    FamilyContact.objects.filter(user=personas.parent).update(parental_responsibility=False)
    with pytest.raises(ActionError):
        voice.send_family_message(case=personas.case, body="Hello", by=personas.parent)
    assert not FamilyViews.objects.exists() and not CaseMessage.objects.exists()


def test_the_window_is_the_clocks_rule_and_closes_with_the_final_plan(personas):
    draft = issue(personas.case, "draft_plan_issued", DRAFT_ON, personas.case_officer)
    window = voice.comment_window(personas.case, DRAFT_ON)
    assert window is not None and window.event == draft
    assert window.ends_on == RULES["draft-comment-period"].due(DRAFT_ON) == date(2026, 3, 16)
    assert window.is_open
    assert not voice.comment_window(personas.case, date(2026, 3, 17)).is_open
    issue(personas.case, "final_plan_issued", date(2026, 3, 20), personas.case_officer)
    assert voice.comment_window(personas.case, date(2026, 3, 20)) is None


def test_an_amendment_notice_uses_its_own_rule(personas):
    issue(personas.case, "amendment_notice_issued", DRAFT_ON, personas.case_officer)
    window = voice.comment_window(personas.case, DRAFT_ON)
    assert window.rule == "amendment-comment-period" and window.is_amendment
    assert window.ends_on == RULES["amendment-comment-period"].due(DRAFT_ON)


def test_one_representation_per_person_editable_until_the_window_ends(personas):
    with_officer_email(personas)
    issue(personas.case, "draft_plan_issued", DRAFT_ON, personas.case_officer)
    first = voice.make_representation(
        case=personas.case,
        comments={"B": "Needs more on speech"},
        by=personas.parent,
        today=DRAFT_ON,
    )
    again = voice.make_representation(
        case=personas.case,
        comments={"F": "More hours"},
        school_name="Oak School",
        school_category="academy",
        meeting_requested=True,
        finished=True,
        by=personas.parent,
        today=date(2026, 3, 16),
    )
    assert again.pk == first.pk and Representation.objects.count() == 1
    again.refresh_from_db()
    assert again.comments == {"F": "More hours"} and again.school_category == "academy"
    voice.make_representation(
        case=personas.case, comments={"F": "Even more"}, by=personas.parent, today=date(2026, 3, 16)
    )
    sent = Message.objects.filter(template="family_representation")  # once a day at most
    assert sent.count() == 2 and sent.first().to == "officer@example.org"


def test_after_the_window_nothing_is_saved(personas):
    issue(personas.case, "draft_plan_issued", DRAFT_ON, personas.case_officer)
    with pytest.raises(ActionError) as refused:
        voice.make_representation(
            case=personas.case,
            comments={"B": "Late"},
            by=personas.parent,
            today=date(2026, 3, 17),
        )
    assert "The time to comment ended on 16 March 2026" in refused.value.message
    assert not Representation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"school_name": "Oak"}, "school_category"),
        ({"school_category": "academy"}, "school_name"),
        ({"school_name": "Oak", "school_category": "nonsense"}, "school_category"),
        ({}, "__all__"),
    ],
)
def test_a_school_needs_a_name_and_a_type(personas, fields, field):
    issue(personas.case, "draft_plan_issued", DRAFT_ON, personas.case_officer)
    with pytest.raises(ActionError) as refused:
        voice.make_representation(
            case=personas.case, comments={}, by=personas.parent, today=DRAFT_ON, **fields
        )
    assert refused.value.field == field


def test_a_message_is_due_a_reply_in_working_days_and_acknowledged(personas):
    with_officer_email(personas)
    message = voice.send_family_message(
        case=personas.case, body="  When is the review?  ", by=personas.parent, today=FRIDAY
    )
    assert message.body == "When is the review?" and message.from_family
    assert message.reply_due_on == date(2026, 5, 11)  # 5 working days, skipping 4 May
    templates = set(Message.objects.values_list("template", flat=True))
    assert templates == {"family_message_received", "family_message"}


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_an_empty_or_long_message_is_refused(personas, body):
    with pytest.raises(ActionError) as refused:
        voice.send_family_message(case=personas.case, body=body, by=personas.parent)
    assert refused.value.field == "body"


def test_a_message_to_a_closed_case_is_not_saved(personas):
    Case.objects.filter(pk=personas.case.pk).update(status="closed")
    with pytest.raises(ActionError) as refused:
        voice.send_family_message(case=personas.case, body="Hello", by=personas.parent)
    assert refused.value.message == voice.CLOSED_CASE
    assert not CaseMessage.objects.exists()


def test_a_reply_answers_every_waiting_message_and_clears_the_overdue_list(personas):
    with_officer_email(personas)
    one = voice.send_family_message(case=personas.case, body="1", by=personas.parent, today=FRIDAY)
    two = voice.send_family_message(case=personas.case, body="2", by=personas.parent, today=FRIDAY)
    late = date(2026, 5, 12)
    assert list(voice.overdue_messages(personas.la.pk, late)) == [one, two]
    assert list(voice.overdue_messages(personas.la.pk, date(2026, 5, 11))) == []
    assert list(voice.overdue_messages(personas.other_la.pk, late)) == []
    reply = voice.reply_to_family(case=personas.case, body="Soon", by=personas.case_officer)
    assert reply.reply_to == two and not reply.from_family
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.replied_at and two.replied_at
    assert list(voice.overdue_messages(personas.la.pk, late + timedelta(days=30))) == []
    assert Message.objects.filter(template="family_message_reply").count() == 1


def test_only_casework_staff_reply(personas):
    for user in (personas.parent, personas.qa_auditor, personas.other_la_officer):
        with pytest.raises(ActionError):
            voice.reply_to_family(case=personas.case, body="Hi", by=user)


def test_families_words_are_plain():
    """A child's questions read at about age 9 or below; the rest of what a family reads
    here at about age 13 or below (Flesch-Kincaid grade)."""
    import textstat

    from senda.portal.messages import TEMPLATES

    for question, hint in voice.ABOUT_ME.values():
        assert textstat.flesch_kincaid_grade(f"{question}. {hint}") <= 4, question
    family = [f"{q}. {h}" for q, h in voice.PARENT_QUESTIONS.values()] + [voice.CLOSED_CASE]
    family += [TEMPLATES[k].body for k in ("family_message_received", "family_message_reply")]
    for text in family:
        assert textstat.flesch_kincaid_grade(text) <= 8, text
