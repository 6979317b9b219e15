"""Learning summaries: drafted from the moderations of the period (figures per discipline,
themes in words, examples of good practice by case reference and team, never a child's
name), edited while a draft, published once, counted for the KPI."""

from __future__ import annotations

from datetime import date

import pytest

from senda.kernel import ActionError
from senda.quality import summaries
from senda.quality.models import Grade, LearningSummary
from tests.factories import make_advice_team, make_la, make_user
from tests.quality.factories import make_advice_moderation

START, END = date(2026, 4, 1), date(2026, 9, 30)


@pytest.fixture
def area(db):
    la = make_la()
    lead = make_user("qa_auditor", la)
    paediatrics = make_advice_team(la, name="Community paediatrics", discipline="health")
    social = make_advice_team(la, name="Children's social care", discipline="social care")

    def moderated(team, grade, themes, *, on=date(2026, 6, 1), good=False):
        return make_advice_moderation(
            la,
            team=team,
            by=lead,
            moderated_on=on,
            grade=grade,
            meets_criteria=grade >= Grade.GOOD,
            themes=themes,
            good_practice=good,
            feedback="Feedback",
        )

    made = [
        moderated(paediatrics, Grade.OUTSTANDING, ["quantified-provision"], good=True),
        moderated(paediatrics, Grade.GOOD, ["quantified-provision", "clear"]),
        moderated(paediatrics, Grade.REQUIRES_IMPROVEMENT, ["quantified-provision"]),
        moderated(paediatrics, Grade.INADEQUATE, ["child-voice"]),
        moderated(social, Grade.GOOD, ["social-care-enquiry"]),
        # outside the period: left out
        moderated(social, Grade.INADEQUATE, ["clear"], on=date(2026, 10, 2), good=True),
    ]
    return la, lead, made


def test_it_drafts_the_figures_themes_and_examples_per_discipline(area):
    la, lead, made = area
    summary = summaries.draft_summary(
        la=la, period_start=START, period_end=END, by=lead, today=date(2026, 10, 5)
    )
    body = summary.body
    assert "5 pieces of advice." in body
    assert (
        "Health: 4 pieces of advice moderated; 2 (50%) met the quality criteria (Good or better)."
        in body
    )
    assert "Grades: Outstanding 1, Good 1, Requires improvement 1, Inadequate 1." in body
    assert "Commonest themes: Provision specified and quantified (3);" in body
    assert "Social care: 1 piece of advice moderated; 1 (100%) met" in body
    assert "Educational psychology" not in body
    assert f"Case R-{made[0].case_id}, Community paediatrics (health): Outstanding" in body
    assert list(summary.examples.all()) == [made[0]]
    for moderation in made:
        assert moderation.case.child.family_name not in body
    assert summary.published_on is None
    assert summary.title == "Advice learning summary, 1 April 2026 to 30 September 2026"


def test_an_empty_period_says_so(area):
    la, lead, _ = area
    summary = summaries.draft_summary(
        la=la, period_start=date(2025, 1, 1), period_end=date(2025, 3, 31), by=lead
    )
    assert "No advice was moderated in this period." in summary.body


def test_edit_then_publish_once(area):
    la, lead, made = area
    summary = summaries.draft_summary(la=la, period_start=START, period_end=END, by=lead)
    with pytest.raises(ActionError) as error:
        summaries.edit_summary(summary=summary, title="T", body="B", examples=[made[5]], by=lead)
    assert error.value.field == "examples"
    with pytest.raises(ActionError) as error:
        summaries.edit_summary(summary=summary, title=" ", body="B", examples=[], by=lead)
    assert error.value.field == "title"
    with pytest.raises(ActionError):
        summaries.edit_summary(summary=summary, title="T", body="x" * 20_001, examples=[], by=lead)
    with pytest.raises(ActionError):
        summaries.edit_summary(
            summary=summary, title="T", body="B", examples=[], by=make_user("advice_giver", la)
        )
    summaries.edit_summary(
        summary=summary, title="Spring and summer", body="Edited", examples=made[1:3], by=lead
    )
    summary.refresh_from_db()
    assert (summary.title, summary.body) == ("Spring and summer", "Edited")
    assert set(summary.examples.all()) == set(made[1:3])
    summaries.publish_summary(summary=summary, by=lead, today=date(2026, 10, 6))
    summaries.publish_summary(summary=summary, by=lead, today=date(2026, 10, 9))
    summary.refresh_from_db()
    assert summary.published_on == date(2026, 10, 6)
    with pytest.raises(ActionError, match="published"):
        summaries.edit_summary(summary=summary, title="T", body="B", examples=[], by=lead)


def test_partners_read_published_summaries_of_their_area_only(area):
    la, lead, _ = area
    draft = summaries.draft_summary(la=la, period_start=START, period_end=END, by=lead)
    published = summaries.draft_summary(
        la=la, period_start=START, period_end=END, by=lead, another=True
    )
    summaries.publish_summary(summary=published, by=lead)
    giver = make_user("advice_giver", la)
    assert list(summaries.published_for(giver)) == [published]
    assert list(summaries.published_for(make_user("parent", la))) == []
    assert list(summaries.published_for(make_user("advice_giver", make_la()))) == []
    assert set(summaries.summaries_for(lead)) == {draft, published}


def test_it_counts_summaries_published_in_a_period(area):
    la, lead, _ = area
    for day in (date(2026, 5, 1), date(2026, 11, 1), date(2027, 5, 1)):
        summary = summaries.draft_summary(
            la=la, period_start=START, period_end=END, by=lead, another=True
        )
        summaries.publish_summary(summary=summary, by=lead, today=day)
    summaries.draft_summary(la=la, period_start=START, period_end=END, by=lead, another=True)
    assert summaries.summaries_published(la, date(2026, 4, 1), date(2027, 3, 31)) == 2
    assert LearningSummary.objects.filter(la=la).count() == 4


def test_the_period_must_make_sense(area):
    la, lead, _ = area
    with pytest.raises(ActionError) as error:
        summaries.draft_summary(la=la, period_start=END, period_end=START, by=lead)
    assert error.value.field == "period_end"
    with pytest.raises(ActionError):
        summaries.draft_summary(
            la=la, period_start=date(1900, 1, 1), period_end=date(2200, 1, 1), by=lead
        )
