"""What a family reads on "Where we are" is plain English: a Flesch–Kincaid grade of 6 or
less (a reading age of about 11, ``textstat``), and none of the service's own words
(``senda.portal.family_status.FORBIDDEN_WORDS``), for representative cases in both voices.

The rule's own sentence and its citation (the smaller "The law:" line) are measured apart:
they are the clock's (``Rule.plain``), shown so a family can check the law.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import textstat

import senda.clock as clock
from senda.clock import Event
from senda.portal.family_status import (
    STAGE_TEXTS,
    STEP_TEXTS,
    FamilyStatus,
    family_status,
    jargon_in,
    say,
)

MAX_GRADE = 6
CASE = SimpleNamespace(la=SimpleNamespace(message_reply_days=5))

REQUEST = [Event("request_received", date(2026, 1, 5))]
ASSESSING = [
    *REQUEST,
    Event("assess_decision", date(2026, 2, 9), outcome="assess"),
    Event("advice_requested", date(2026, 2, 10), discipline="education"),
    Event("advice_requested", date(2026, 2, 10), discipline="health"),
]
DRAFT = [
    *ASSESSING,
    Event("advice_received", date(2026, 3, 16), discipline="education"),
    Event("advice_received", date(2026, 3, 16), discipline="health"),
    Event("issue_decision", date(2026, 4, 6), outcome="issue"),
    Event("draft_plan_issued", date(2026, 4, 13)),
]
PLAN = [*DRAFT, Event("final_plan_issued", date(2026, 5, 18))]
REVIEW_MET = [*PLAN, Event("review_meeting", date(2027, 5, 10))]

#: (name, events, today, voice): the moments a family most often reads the page.
CASES = [
    ("request received", REQUEST, date(2026, 1, 20), "parent"),
    ("assess decision late", REQUEST, date(2026, 3, 2), "parent"),
    ("assessing", ASSESSING, date(2026, 3, 2), "parent"),
    ("draft issued", DRAFT, date(2026, 4, 20), "parent"),
    ("plan live, review due", PLAN, date(2027, 4, 1), "parent"),
    ("review overdue", PLAN, date(2027, 7, 1), "parent"),
    ("after the review meeting", REVIEW_MET, date(2027, 6, 20), "parent"),
    ("young person, draft", DRAFT, date(2026, 4, 20), "young person"),
    ("young person, review overdue", PLAN, date(2027, 7, 1), "young person"),
]


def status_for(events: list[Event], today: date, voice: str, **options) -> FamilyStatus:
    rows = clock.evaluate(events, today)
    return family_status(CASE, today, voice=voice, events=events, rows=rows, **options)


def main_text(status: FamilyStatus) -> str:
    """What the page says in its own words (its heading, stage, steps, apologies, tasks)."""
    parts = ["Where we are.", status.heading + ".", status.text, status.rights_note]
    for step in status.steps:
        when = f"By {step.due_text}." if step.due else step.more_time_text
        parts += [step.what, f"{step.who}. {when}", step.late_text]
    for task in status.tasks:
        parts += [task.text + ".", task.hint]
    return " ".join(part for part in parts if part)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


@pytest.mark.parametrize(("name", "events", "today", "voice"), CASES, ids=[c[0] for c in CASES])
def test_the_page_reads_at_grade_6_or_below(name, events, today, voice):
    status = status_for(events, today, voice)
    text = main_text(status)
    assert grade(text) <= MAX_GRADE, f"{name}: grade {grade(text):.1f}: {text}"
    assert jargon_in(text) == [], f"{name}: {jargon_in(text)}"


@pytest.mark.parametrize(("name", "events", "today", "voice"), CASES, ids=[c[0] for c in CASES])
def test_the_law_line_uses_no_internal_words(name, events, today, voice):
    """The rule's own sentence and its citation name the law in full ("SEND Regulations
    2014 reg 5(1)", never "reg 5(1)" alone) and use none of the service's status words (the
    law's own "local authority" may stay until every rule's plain sentence is written)."""
    for step in status_for(events, today, voice).steps:
        law = f"{step.law_text} The law: {step.citation}"
        found = [word for word in jargon_in(law) if word != "local authority"]
        assert found == [], f"{name}: {found} in {law}"


def test_the_check_fails_on_jargon():
    """The checks can fail: an officer's sentence is too hard, and its words are caught."""
    jargon = (
        "The local authority's statutory determination pursuant to reg 5(1) is pending; "
        "the review-logged standard was breached and the annual review is overdue."
    )
    assert grade(jargon) > MAX_GRADE
    found = jargon_in(jargon)
    for word in ("local authority", "statutory", "pending", "breached", "overdue"):
        assert word in found
    assert any(word.startswith("reg ") for word in found)
    assert jargon_in("The law: SEND Regulations 2014 reg 5(1)") == []
    assert jargon_in("The review was logged.") == ["logged"]


def test_every_sentence_written_reads_at_grade_6_or_below():
    """Each stage's and step's words on their own, in both voices (not only the cases
    above), with no placeholder left unfilled."""
    for voice in ("parent", "young person"):
        texts = [say(h, voice) + ". " + say(t, voice) for h, t in STAGE_TEXTS.values()]
        texts += [say(what, voice) for _, what in STEP_TEXTS.values()]
        for text in texts:
            assert "{" not in text and "}" not in text, text
            assert jargon_in(text) == [], text
        assert grade(" ".join(texts)) <= MAX_GRADE


def test_every_statutory_rule_has_words_and_no_local_rule_has():
    statutory = {rule for rule in clock.CASE_RULES if rule not in clock.LOCAL_RULES}
    assert set(STEP_TEXTS) == statutory


def test_a_local_standard_never_reaches_the_family():
    """After a review meeting the clock also times the council's own target for logging
    the review (``review-logged``): the family sees only the law's limits."""
    rows = clock.evaluate(REVIEW_MET, date(2027, 6, 20))
    assert "review-logged" in {row.rule for row in rows}
    status = status_for(REVIEW_MET, date(2027, 6, 20), "parent")
    assert status.steps and "review-logged" not in {step.rule for step in status.steps}
    assert {step.rule for step in status.steps} <= set(STEP_TEXTS)


def test_a_young_person_reads_you_and_a_parent_reads_your_child():
    young = status_for(DRAFT, date(2026, 4, 20), "young person")
    parent = status_for(DRAFT, date(2026, 4, 20), "parent")
    assert "your child" not in main_text(young).lower()
    assert "You" in young.text or "you" in young.text
    assert "your child" in main_text(parent).lower()


def test_a_late_step_is_said_plainly_with_an_apology():
    status = status_for(PLAN, date(2027, 7, 1), "parent")
    late = [step for step in status.steps if step.late]
    assert [step.rule for step in late] == ["annual-review"]
    assert "We are sorry" in late[0].late_text
    assert "18 May 2027" in late[0].late_text
    assert late[0].citation.startswith("Children and Families Act 2014, section 44(1)")


def test_the_familys_own_time_to_comment_is_never_late():
    """A draft's 15 days are the family's: once they pass, nothing of theirs is late."""
    status = status_for(DRAFT, date(2026, 5, 30), "parent")
    assert "draft-comment-period" not in {step.rule for step in status.steps}
    assert not any(step.late and step.who == "You" for step in status.steps)


def test_more_time_the_law_gives_is_said_without_a_date():
    """An exception (the family's circumstances) lifts the 20 weeks: the step shows with
    no date and says the law gives more time; it is not late."""
    events = [*ASSESSING, Event("exception", date(2026, 3, 1), ground="personal-circumstances")]
    status = status_for(events, date(2026, 6, 1), "parent")
    final = next(step for step in status.steps if step.rule == "final-plan")
    assert final.due is None and not final.late
    assert final.due_text == "No set date now"
    assert "The law gives more time" in final.more_time_text
    assert "assess-decision" not in {step.rule for step in status.steps}  # done
    text = main_text(status)
    assert final.more_time_text in text
    assert grade(text) <= MAX_GRADE and jargon_in(text) == []


def test_the_draft_task_says_by_when():
    status = status_for(DRAFT, date(2026, 4, 20), "parent")
    draft = next(task for task in status.tasks if task.url_name == "web:family-draft")
    assert draft.hint == "Please do it by 27 April 2026."


def test_a_parent_acting_for_a_young_person_is_told_so():
    agreed = status_for(DRAFT, date(2026, 4, 20), "parent", rights_holder="young person")
    acting = status_for(
        DRAFT, date(2026, 4, 20), "parent", rights_holder="young person", acts_for=True
    )
    assert "They agreed you can see this." in agreed.rights_note
    assert "You can make some choices for them." in acting.rights_note
    assert status_for(DRAFT, date(2026, 4, 20), "young person").rights_note == ""


def test_citations_are_spelled_out_for_families():
    """No "CFA 2014 s44(1)" or "reg 5(1)": the family reads the law's full name."""
    from senda import clock
    from senda.clock.rules import citation
    from senda.portal.family_status import in_full

    for rule in clock.CASE_RULES:
        if rule in clock.LOCAL_RULES:
            continue
        text = in_full(citation(rule))
        assert "CFA" not in text and " reg " not in text and " s4" not in text, text
    assert in_full("CFA 2014 s44(1); reg 18–20") == (
        "Children and Families Act 2014, section 44(1); regulations 18–20"
    )
