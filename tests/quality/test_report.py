"""The termly QA report (``senda.quality.report``): terms and due dates, the content built
from the records with small numbers hidden, the workbook, and its actions."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.quality import report
from senda.quality.models import Audit, QARecommendation, Round, SampleItem
from tests.factories import make_la, make_user
from tests.quality.factories import (
    make_advice_moderation,
    make_audit,
    make_audit_action,
    make_round,
    make_sample,
)

pytestmark = pytest.mark.django_db
TODAY = date(2027, 1, 20)


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("day", "name", "start", "end"),
    [
        (date(2026, 9, 1), "Autumn 2026", date(2026, 9, 1), date(2026, 12, 31)),
        (date(2026, 12, 31), "Autumn 2026", date(2026, 9, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), "Spring 2027", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 3, 31), "Spring 2027", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), "Summer 2027", date(2027, 4, 1), date(2027, 8, 31)),
        (date(2027, 8, 31), "Summer 2027", date(2027, 4, 1), date(2027, 8, 31)),
    ],
)
def test_terms(day, name, start, end) -> None:
    term = report.term_of(day)
    assert (term.name, term.start, term.end) == (name, start, end)


@pytest.mark.django_db(False)
def test_small_numbers_are_hidden() -> None:
    assert report.figure("x", 3, None, 5).hidden
    assert not report.figure("x", 0, None, 5).hidden
    assert report.figure("x", 18, 20, 5).hidden  # 2 not counted
    assert not report.figure("x", 15, 20, 5).hidden
    assert report.figure("x", 15, 20, 5).shown == "15 of 20 (75.0%)"
    # One small row hidden: the smallest shown row is hidden too.
    rows = report.distribution([("O", 2), ("G", 10), ("RI", 6), ("I", 0)], 5)
    assert [r.hidden for r in rows] == [True, False, True, False]


def lead_and_area():
    la = make_la()
    return la, make_user("qa_auditor", la)


def test_create_report_sets_the_term_and_due_date_and_is_audited() -> None:
    la, lead = lead_and_area()
    made = report.create_report(la=la, term_start=date(2026, 10, 5), by=lead, today=TODAY)
    assert (made.term, made.period_start, made.period_end, made.due_on) == (
        "Autumn 2026",
        date(2026, 9, 1),
        date(2026, 12, 31),
        date(2027, 1, 30),
    )
    assert AuditEntry.objects.filter(verb="write", summary=f"QA report {made.pk} created").exists()
    with pytest.raises(ActionError) as again:
        report.create_report(la=la, term_start=date(2026, 9, 1), by=lead, today=TODAY)
    assert again.value.field == "term_start"
    with pytest.raises(ActionError):
        report.create_report(la=la, term_start=date(2027, 4, 1), by=lead, today=TODAY)
    with pytest.raises(ActionError):
        report.create_report(
            la=la, term_start=date(2026, 1, 5), by=make_user("case_officer", la), today=TODAY
        )
    with pytest.raises(ActionError):
        report.create_report(
            la=la, term_start=date(2026, 1, 5), by=make_user("qa_auditor", make_la()), today=TODAY
        )


def test_publish_recommend_and_implement() -> None:
    la, lead = lead_and_area()
    made = report.create_report(la=la, term_start=date(2026, 9, 1), by=lead, today=TODAY)
    with pytest.raises(ActionError):
        report.publish_report(report=made, summary="Early", by=lead, today=date(2026, 12, 31))
    with pytest.raises(ActionError) as blank:
        report.publish_report(report=made, summary="  ", by=lead, today=TODAY)
    assert blank.value.field == "summary"
    rec = report.add_recommendation(
        report=made,
        text="Train officers on outcomes",
        owner="QA lead",
        due_on=date(2027, 3, 1),
        by=lead,
    )
    with pytest.raises(ActionError) as missing:
        report.add_recommendation(report=made, text="x", owner="y", due_on=None, by=lead)
    assert missing.value.field == "due_on"
    with pytest.raises(ActionError):
        report.add_recommendation(
            report=made, text="x" * 501, owner="y", due_on=date(2027, 3, 1), by=lead
        )
    done = report.publish_report(report=made, summary="Grades improved.", by=lead, today=TODAY)
    assert (done.published_on, done.summary) == (TODAY, "Grades improved.")
    with pytest.raises(ActionError):
        report.publish_report(report=made, summary="Again", by=lead, today=TODAY)
    with pytest.raises(ActionError, match="This report has been published"):
        report.add_recommendation(
            report=made, text="Late", owner="QA lead", due_on=date(2027, 3, 1), by=lead
        )
    assert QARecommendation.objects.count() == 1
    report.mark_implemented(recommendation=rec, note="Two sessions held", by=lead, today=TODAY)
    rec.refresh_from_db()
    assert (rec.implemented_on, rec.note) == (TODAY, "Two sessions held")
    with pytest.raises(ActionError):
        report.mark_implemented(recommendation=rec, note="again", by=lead, today=TODAY)


def _autumn(la):
    lead = make_user("qa_auditor", la)
    return report.create_report(la=la, term_start=date(2026, 9, 1), by=lead, today=TODAY)


def test_the_content_counts_the_terms_records() -> None:
    la = make_la()
    made = _autumn(la)
    sample = make_sample(la, plans=8)  # November 2026: 8 planned
    items = list(SampleItem.objects.filter(sample=sample))
    grades = [4, 4, 3, 3, 3, 3, 2, 1]
    for item, grade in zip(items[:6], grades, strict=False):
        make_audit(
            la,
            case=item.case,
            sample_item=item,
            submitted_on=date(2026, 11, 20),
            computed_grade=grade,
            outcome_grade=3,
        )
    for grade in [*grades[6:], 3, 3, 3, 3]:
        make_audit(la, submitted_on=date(2026, 10, 10), computed_grade=grade, outcome_grade=2)
    first = Audit.objects.filter(la=la).first()
    make_audit_action(first, due_on=date(2026, 12, 1))  # open, overdue
    round_ = make_round(la, plans=1)
    Round.objects.filter(pk=round_.pk).update(held_on=date(2026, 11, 25), themes="Outcomes vague")
    for _ in range(6):
        make_advice_moderation(la, moderated_on=date(2026, 11, 5), themes=["outcomes", "clear"])
    content = report.build(made, threshold=5, as_of=TODAY)
    assert (content.planned.numerator, content.planned.denominator) == (6, 8)
    assert content.planned.hidden  # 2 not audited: small
    assert content.audits.numerator == 12
    overall = {f.label: f for f in content.grades}
    assert overall["Good"].numerator == 8 and not overall["Good"].hidden
    assert overall["Outstanding"].hidden and overall["Inadequate"].hidden
    outcomes = {f.label: f for f in content.outcome_grades}
    assert (outcomes["Good"].numerator, outcomes["Requires improvement"].numerator) == (6, 6)
    months = {m.label: m.good for m in content.months}
    assert list(months) == ["September 2026", "October 2026", "November 2026", "December 2026"]
    assert (months["October 2026"].numerator, months["October 2026"].denominator) == (4, 6)
    assert [r.themes for r in content.rounds] == ["Outcomes vague"]
    assert sum(f.denominator or 0 for f in content.by_need) == 12
    assert sum(f.numerator for f in content.by_phase) == 10
    assert {f.label: f.numerator for f in content.advice_themes} == {
        "Outcomes written": 6,
        "Clear and free of jargon": 6,
    }
    assert (content.actions_open.numerator, content.actions_overdue.numerator) == (1, 1)
    good = next(k for k in content.kpis if k.label.startswith("Audited plans rated"))
    assert (good.numerator, good.denominator) == (10, 12)


def test_the_workbook_hides_small_numbers_and_neutralises_formulas() -> None:
    la = make_la()
    made = _autumn(la)
    QARecommendation.objects.create(
        report=made, text='=HYPERLINK("http://x")', owner="QA lead", due_on=date(2027, 2, 1)
    )
    make_audit(la, submitted_on=date(2026, 10, 10), computed_grade=3)
    content = report.build(made, threshold=5, as_of=TODAY)
    book = load_workbook(BytesIO(report.xlsx(content)))
    assert book.sheetnames == [
        "Figures", "Grades", "Months", "By phase", "By primary need", "Rounds",
        "Advice themes", "Recommendations", "About",
    ]  # fmt: skip
    figures = {row[0]: row[1:] for row in book["Figures"].iter_rows(min_row=2, values_only=True)}
    assert figures["Plan audits submitted"][0] == "[c]"  # one audit
    cell = book["Recommendations"]["A2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_a_hidden_figure_is_neither_quoted_nor_judged() -> None:
    """Walk item 13: moderation agreement shown as [c] while the summary said "close to the
    90% target". Three plans moderated, all agreeing: 3 of 3 is hidden (threshold 5)."""
    la, lead = lead_and_area()
    made = report.create_report(la=la, term_start=date(2026, 9, 1), by=lead, today=TODAY)
    rnd = make_round(la, plans=3)
    Round.objects.filter(pk=rnd.pk).update(held_on=date(2026, 11, 25))
    for rp in rnd.plans.all():
        for _ in range(2):
            make_audit(
                la,
                case=rp.case,
                kind=Audit.Kind.MODERATION,
                round_plan=rp,
                submitted_on=date(2026, 11, 20),
                computed_grade=3,
            )
    content = report.build(made, threshold=5, as_of=TODAY)
    assert content.hidden["moderation-agreement"] == "Agreement between auditors in moderation"
    assert (
        "Agreement between auditors in moderation: [c] (not shown: it rests on a small "
        "number, so it is not compared with any target)."
    ) in content.findings
    summary = "Grades held up. Moderation agreement is close to the 90% target."
    with pytest.raises(ActionError) as refused:
        report.publish_report(report=made, summary=summary, by=lead, today=TODAY, threshold=5)
    assert refused.value.field == "summary"
    assert "describes agreement between auditors in moderation, shown as [c]" in str(refused.value)
    # a summary saying the figure is not shown is accepted
    fine = "Grades held up. Moderation agreement is not shown: too few plans were moderated."
    report.publish_report(report=made, summary=fine, by=lead, today=TODAY, threshold=5)
    # a summary stored before (the demo's) has the sentence withheld where it is shown
    made.summary = summary
    made.save()
    content = report.build(made, threshold=5, as_of=TODAY)
    assert content.summary_paragraphs == [
        "Grades held up. [A sentence about agreement between auditors in moderation is not "
        "shown: the figure rests on a small number, so it is neither quoted nor judged.]"
    ]
    # with nothing hidden the summary is shown as written
    shown = report.build(made, threshold=1, as_of=TODAY)
    assert "moderation-agreement" not in shown.hidden
    assert shown.summary_paragraphs == [summary]
