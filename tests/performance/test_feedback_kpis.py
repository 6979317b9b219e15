"""The KPIs counted from families' feedback: satisfied with clarity and timeliness, the
portal easy to use (families' answers too), termly summaries produced; the recorded
recommendations KPI; and that no figure's drill-down lists who answered."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.casework.models import CaseEvent
from senda.improvement.models import Recommendation
from senda.improvement.recommendations import implemented_share
from senda.people.models import LocalAuthority
from senda.performance import catalogue, kpi_figures, tick
from senda.performance.definitions import FromRecords
from senda.performance.periods import parse
from senda.portal import measures
from senda.portal.models import FeedbackSummary, PortalFeedback, SurveyResponse
from tests.factories import make_case, make_child, make_la, make_plan, make_setting, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")  # 1 October – 31 December 2026
FAMILY_KPIS = (
    "parent-satisfaction-clarity",
    "parent-satisfaction-timeliness",
    "feedback-reported-termly",
    "portal-easy-to-use",
)


def survey(la: LocalAuthority, on: date, **answers: int | None) -> SurveyResponse:
    child = make_child(la)
    case = make_case(child)
    parent = make_user("parent", la, child=child)
    event = CaseEvent.objects.create(case=case, type="review_decision", on=on, recorded_by=parent)
    return SurveyResponse.objects.create(
        la=la, case=case, event=event, about="review", respondent=parent, answered_on=on,
        **answers,
    )  # fmt: skip


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date = TODAY):
    return measures.count(name, la, start, end, as_of)


def test_the_entries_are_computed_from_records_with_targets() -> None:
    for kpi_id in FAMILY_KPIS:
        entry = catalogue.get(kpi_id)
        assert entry.source == "computed" and isinstance(entry.computed_by, FromRecords)
        assert entry.unit == "percent" and entry.higher_is_better
    assert "80%" in catalogue.get("parent-satisfaction-clarity").seen
    assert "80%" in catalogue.get("parent-satisfaction-timeliness").seen
    assert "100%" in catalogue.get("feedback-reported-termly").seen
    assert "75%" in catalogue.get("portal-easy-to-use").seen
    recorded = catalogue.get("feedback-recommendations-implemented")
    assert recorded.source == "recorded" and "80%" in recorded.seen


def test_satisfied_is_4_or_5_of_those_who_answered_in_the_period() -> None:
    la, other = make_la(), make_la()
    for clarity, timeliness, on in (
        (5, 1, "2026-10-01"), (4, 2, "2026-11-22"), (3, 4, "2026-10-05"),
        (None, 5, "2026-11-01"), (1, None, "2026-11-02"),
        (5, 5, "2026-09-30"), (5, 5, "2026-11-23"),  # outside the period, or not yet
    ):  # fmt: skip
        survey(la, date.fromisoformat(on), clarity=clarity, timeliness=timeliness)
    survey(other, date(2026, 10, 1), clarity=5, timeliness=5)
    clarity = count("parent-satisfaction-clarity", la, Q3.start, Q3.end)
    assert clarity.of == "answer" and (clarity.numerator, clarity.denominator) == (2, 4)
    timeliness = count("parent-satisfaction-timeliness", la, Q3.start, Q3.end)
    assert (timeliness.numerator, timeliness.denominator) == (2, 4)


def test_easy_to_use_counts_families_and_partners_answers() -> None:
    la = make_la()
    senco = make_user("senco", la, setting=make_setting(la))
    PortalFeedback.objects.create(la=la, user=senco, answer=5, answered_on=date(2026, 10, 2),
                                  about="advice")  # fmt: skip
    survey(la, date(2026, 10, 3), easy_to_use=4)
    survey(la, date(2026, 10, 4), easy_to_use=2)
    survey(la, date(2026, 10, 5), clarity=5)  # did not answer the question
    found = count("portal-easy-to-use", la, Q3.start, Q3.end)
    assert (found.numerator, found.denominator) == (2, 3)


def summary(la: LocalAuthority, starts: date, ends: date, produced: date) -> FeedbackSummary:
    return FeedbackSummary.objects.create(
        la=la, term_starts=starts, term_ends=ends, produced_on=produced,
        produced_by=make_user("qa_auditor", la), figures={},
    )  # fmt: skip


def test_terms_reported_counts_terms_ending_in_the_period() -> None:
    la = make_la()
    year = (date(2026, 1, 1), date(2026, 12, 31))
    # Spring (ends 30 April) and summer (31 August) have ended by TODAY; autumn has not.
    summary(la, date(2026, 1, 1), date(2026, 4, 30), date(2026, 5, 6))
    found = count("feedback-reported-termly", la, *year)
    assert (found.numerator, found.denominator) == (1, 2)
    assert found.of == "answer"
    summary(la, date(2026, 5, 1), date(2026, 8, 31), date(2026, 9, 10))
    assert count("feedback-reported-termly", la, *year).numerator == 2
    # As the figure stood on 8 September: summer's summary not produced yet.
    early = count("feedback-reported-termly", la, *year, as_of=date(2026, 9, 8))
    assert (early.numerator, early.denominator) == (1, 2)
    # A quarter in which no term ends has no denominator.
    q4 = parse("2025-26-q4")
    none = count("feedback-reported-termly", la, q4.start, q4.end)
    assert none.denominator == 0


def test_tick_writes_the_family_kpis() -> None:
    la = make_la()
    for clarity in (5, 5, 4, 4, 4, 2, 1, 5, 5, 3):
        survey(la, date(2026, 10, 6), clarity=clarity, timeliness=5)
    tick.run(la, [TODAY], today=TODAY)
    figure = kpi_figures.value(la, "parent-satisfaction-clarity", Q3)
    assert (figure.numerator, figure.denominator, figure.value) == (7, 10, 70)
    figure = kpi_figures.value(la, "parent-satisfaction-timeliness", Q3)
    assert (figure.numerator, figure.denominator, figure.value) == (10, 10, 100)


def test_the_kpi_page_never_lists_respondents(client, personas, today_is) -> None:
    today_is(TODAY)
    made = [survey(personas.la, date(2026, 10, 6), clarity=5) for _ in range(6)]
    client.force_login(personas.service_manager)
    html = client.get(reverse("web:kpi", args=["parent-satisfaction-clarity"])).content.decode()
    assert "Answers are not listed one by one." in html
    for response in made:
        assert response.respondent.username not in html
        assert f"R-{response.case_id}" not in html


def test_the_recommendations_share_leaves_out_those_not_adopted() -> None:
    plan = make_plan(make_la())
    made = date(2026, 10, 1)
    rows = [
        Recommendation(plan=plan, source="feedback", theme="portal", text="a", made_on=made,
                       implemented_on=date(2026, 11, 1)),
        Recommendation(plan=plan, source="feedback", theme="portal", text="b", made_on=made),
        Recommendation(plan=plan, source="feedback", theme="portal", text="c", made_on=made,
                       not_adopted_reason="Too costly"),
    ]  # fmt: skip
    assert implemented_share(rows) == (1, 2)


def test_the_summary_hides_small_numbers_and_few_responses_comments() -> None:
    from senda.performance.feedback import csv_rows, shown

    figures = {
        "responses": 12,
        "questions": {
            "clarity": {"answered": 12, "satisfied": 8},  # 4 not satisfied: small
            "timeliness": {"answered": 12, "satisfied": 12},  # none not satisfied: shown
            "listened_to": {"answered": 10, "satisfied": 0},
        },
        "themes": {"portal": {"surveys": 3, "complaints": 0}, "timeliness": {"surveys": 6}},
        "complaints": 2,
        "comments": ["=SUM(A1)", "Quicker please"],
    }
    found = shown(figures, 5)
    by_name = {q.name: q for q in found.questions}
    assert by_name["clarity"].hidden and by_name["clarity"].percent is None
    assert not by_name["timeliness"].hidden and by_name["timeliness"].percent == 100
    assert by_name["listened_to"].percent == 0
    assert by_name["easy_to_use"].answered == 0 and by_name["easy_to_use"].percent is None
    themes = {t.code: t for t in found.themes}
    assert themes["portal"].surveys is None and themes["portal"].complaints == 0
    assert themes["timeliness"].surveys == 6
    assert found.complaints is None and found.responses == 12
    assert found.comments == ["=SUM(A1)", "Quicker please"]
    rows = csv_rows("Autumn term 2026", found)
    assert ["Autumn term 2026", "complaints", "complaints received", "fewer than 5", "", ""] in rows
    few = shown({**figures, "responses": 3}, 5)
    assert few.comments == [] and few.comments_hidden and few.responses is None
    assert shown({**figures, "responses": 3}, 2).comments  # the threshold is the setting's
