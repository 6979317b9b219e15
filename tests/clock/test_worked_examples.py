"""The worked examples of statutory-timescales.md, exactly as written there."""

from __future__ import annotations

from clock_cases import d, ev, one

from senda.clock import evaluate


def test_request_received_monday_5_january_2026() -> None:
    request = ev("request_received", "2026-01-05")
    assert request.on.strftime("%a") == "Mon"
    rows = evaluate(
        [request, ev("assess_decision", "2026-02-01", outcome="assess")], d("2026-01-06")
    )
    # The decision is after the as-of day, so only the request is known yet.
    assert one(rows, "assess-decision").due == d("2026-02-16")
    rows = evaluate(
        [
            request,
            ev("assess_decision", "2026-02-01", outcome="assess"),
            ev("issue_decision", "2026-04-01", outcome="not-issue"),
        ],
        d("2026-04-02"),
    )
    assert one(rows, "assess-decision").due == d("2026-02-16")
    assert one(rows, "no-issue-notice").due == d("2026-04-27")
    rows = evaluate(
        [request, ev("assess_decision", "2026-02-01", outcome="assess")], d("2026-02-02")
    )
    assert one(rows, "final-plan").due == d("2026-05-25")
    for due in ("2026-02-16", "2026-04-27", "2026-05-25"):
        assert d(due).strftime("%a") == "Mon"


def test_review_meeting_wednesday_4_march_2026() -> None:
    meeting = ev("review_meeting", "2026-03-04")
    assert meeting.on.strftime("%a") == "Wed"
    amend = ev("review_decision", "2026-03-25", outcome="amend")
    rows = evaluate([meeting, amend], d("2026-03-26"))
    assert one(rows, "review-report").due == d("2026-03-18")
    assert one(rows, "review-decision").due == d("2026-04-01")
    assert one(rows, "review-to-final").due == d("2026-05-27")


def test_plan_issued_29_february_2024() -> None:
    rows = evaluate([ev("final_plan_issued", "2024-02-29")], d("2024-03-01"))
    assert one(rows, "annual-review").due == d("2025-02-28")


def test_move_to_secondary_school_september_2027() -> None:
    rows = evaluate([ev("phase_transfer", "2027-09-01", kind="school")], d("2026-09-01"))
    assert one(rows, "phase-transfer").due == d("2027-02-15")


def test_move_from_secondary_to_post16_september_2027() -> None:
    rows = evaluate([ev("phase_transfer", "2027-09-01", kind="post16")], d("2026-09-01"))
    assert one(rows, "phase-transfer").due == d("2027-03-31")


# --- the worked examples printed under each rule in docs/clock.md ---------------------------

import json  # noqa: E402

import pytest  # noqa: E402

from senda.clock.cli import run  # noqa: E402
from senda.clock.examples import EXAMPLES, Example  # noqa: E402
from senda.clock.rules import RULES  # noqa: E402


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.rule}:{e.status}")
def test_every_printed_example_is_what_senda_deadlines_answers(
    example: Example, tmp_path: object
) -> None:
    from pathlib import Path

    source = Path(str(tmp_path)) / "case.json"
    source.write_text(json.dumps(example.case), encoding="utf-8")
    rows = json.loads(run([str(source), "--as-of", example.as_of, *example.options]))
    found = [r for r in rows if r["rule"] == example.rule and r["due"] == example.due]
    assert len(found) == 1, rows
    assert (found[0]["status"], found[0]["done"]) == (example.status, example.done)


def test_every_rule_added_for_the_rest_of_the_clock_has_a_worked_example() -> None:
    added = {
        "reassess-decision",
        "reassessment-plan",
        "amendment-comment-period",
        "transfer-out",
        "transfer-in-notice",
        "under-five-review",
    }
    assert added <= {example.rule for example in EXAMPLES} <= set(RULES)


from senda.clock.examples import RECORD_EXAMPLES, RecordExample  # noqa: E402
from senda.clock.rules import DISAGREEMENT_RULES  # noqa: E402


@pytest.mark.parametrize("example", RECORD_EXAMPLES, ids=lambda e: f"{e.rule}:{e.due}")
def test_every_printed_disagreement_example_is_what_the_clock_answers(
    example: RecordExample,
) -> None:
    row = example.row()
    done = row.done.isoformat() if row.done else None
    assert (row.due.isoformat(), done, row.status) == (example.due, example.done, example.status)


def test_the_disagreement_examples_cover_the_tribunals_holidays() -> None:
    assert {e.rule for e in RECORD_EXAMPLES} <= set(DISAGREEMENT_RULES)
    stories = " ".join(e.story for e in RECORD_EXAMPLES if e.rule == "appeal-deadline")
    assert "1 January" in stories and "31 August" in stories and "certificate" in stories
