"""``senda deadlines``: the public JSON contract, in process and as a real command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from senda.clock.cli import main

ROW_KEYS = {"rule", "due", "done", "status", "citation"}
STATUSES = {"met", "late", "pending", "overdue", "excepted", "breached", "lapsed"}
SENDA = Path(sys.executable).with_name("senda")

CASE: dict[str, Any] = {
    "child": {"date_of_birth": "2014-09-01"},
    "events": [
        {"type": "advice_requested", "date": "2026-02-02", "discipline": "Health"},
        {"type": "request_received", "date": "2026-01-05"},
        {"type": "assess_decision", "date": "2026-02-10", "outcome": "assess"},
        {"type": "advice_requested", "date": "2026-02-02", "discipline": "Educational psychology"},
        {"type": "advice_received", "date": "2026-03-01", "discipline": "educational psychology"},
        {"type": "draft_plan_issued", "date": "2026-04-20"},
        {"type": "final_plan_issued", "date": "2026-05-20"},
        {"type": "phase_transfer", "date": "2027-09-01", "kind": "school"},
    ],
}


def run(
    capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            code = main(argv)
    else:
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def deadlines(capsys: pytest.CaptureFixture[str], case: object, *args: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, [*args, "-"], json.dumps(case))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert isinstance(rows, list)
    return rows


# --- good input -------------------------------------------------------------------------


def test_reads_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    code, out, err = run(capsys, ["--as-of", "2026-03-02", str(path)])
    assert (code, err) == (0, "")
    assert out.endswith("\n")
    rows = json.loads(out)
    assert [(r["rule"], r["due"], r["done"], r["status"]) for r in rows] == [
        ("assess-decision", "2026-02-16", "2026-02-10", "met"),
        ("advice", "2026-03-16", "2026-03-01", "met"),
        ("advice", "2026-03-16", None, "pending"),
        ("final-plan", "2026-05-25", None, "pending"),
        ("phase-transfer", "2027-02-15", None, "pending"),
    ]


def test_reads_stdin_given_as_dash_or_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(CASE)
    with_dash = run(capsys, ["--as-of", "2026-03-02", "-"], text)
    by_default = run(capsys, ["--as-of", "2026-03-02"], text)
    assert with_dash == by_default
    assert with_dash[0] == 0 and json.loads(with_dash[1])


def test_output_shape_sort_order_and_discipline(capsys: pytest.CaptureFixture[str]) -> None:
    rows = deadlines(capsys, CASE, "--as-of", "2027-06-01")
    assert rows, "the case has deadlines"
    for row in rows:
        keys = ROW_KEYS | ({"discipline"} if row["rule"] == "advice" else set())
        assert set(row) == keys
        assert row["status"] in STATUSES
        assert date.fromisoformat(row["due"])
        assert row["done"] is None or date.fromisoformat(row["done"])
        assert row["citation"]
    assert [(r["due"], r["rule"]) for r in rows] == sorted((r["due"], r["rule"]) for r in rows)
    advice = [r for r in rows if r["rule"] == "advice"]
    assert sorted(r["discipline"] for r in advice) == ["Educational psychology", "Health"]
    by_rule = {r["rule"]: r for r in rows if r["rule"] != "advice"}
    assert by_rule["draft-comment-period"]["status"] == "met"
    assert by_rule["final-plan"] == {
        "rule": "final-plan",
        "due": "2026-05-25",
        "done": "2026-05-20",
        "status": "met",
        "citation": "SEND Regulations 2014 reg 13(2)",
    }
    assert by_rule["annual-review"]["due"] == "2027-05-20"
    assert by_rule["phase-transfer"]["status"] == "overdue"


def test_as_of_replays_the_case(capsys: pytest.CaptureFixture[str]) -> None:
    early = deadlines(capsys, CASE, "--as-of", "2026-01-05")
    assert [(r["rule"], r["status"]) for r in early] == [
        ("assess-decision", "pending"),
        ("phase-transfer", "pending"),
    ]
    later = deadlines(capsys, CASE, "--as-of", "2026-02-17")
    assert {r["rule"] for r in later} == {
        "assess-decision",
        "advice",
        "final-plan",
        "phase-transfer",
    }
    assert {r["rule"] for r in deadlines(capsys, CASE, "--as-of", "2026-06-01")} >= {
        "annual-review",
        "draft-comment-period",
    }


def test_as_of_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today()
    case = {"events": [{"type": "request_received", "date": today.isoformat()}]}
    [row] = deadlines(capsys, case)
    assert (row["due"], row["status"]) == ((today + timedelta(weeks=6)).isoformat(), "pending")
    case = {"events": [{"type": "request_received", "date": "2000-01-03"}]}
    [row] = deadlines(capsys, case)
    assert row["status"] == "overdue"


def test_review_logged_days(capsys: pytest.CaptureFixture[str]) -> None:
    case = {"events": [{"type": "review_meeting", "date": "2026-03-04"}]}
    rows = deadlines(capsys, case, "--as-of", "2026-03-05")
    [logged] = [r for r in rows if r["rule"] == "review-logged"]
    assert logged["due"] == "2026-03-11"
    rows = deadlines(capsys, case, "--as-of", "2026-03-05", "--review-logged-days", "3")
    [logged] = [r for r in rows if r["rule"] == "review-logged"]
    assert logged["due"] == "2026-03-09"
    assert "3 working days" in logged["citation"]
    rows = deadlines(capsys, case, "--as-of", "2026-03-05", "--review-logged-days", "0")
    assert "review-logged" not in {r["rule"] for r in rows}
    assert {"review-report", "review-decision"} <= {r["rule"] for r in rows}


def test_child_is_optional_and_an_empty_case_prints_an_empty_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert deadlines(capsys, {"events": []}, "--as-of", "2026-01-01") == []
    assert deadlines(capsys, {"child": None, "events": []}, "--as-of", "2026-01-01") == []
    assert deadlines(capsys, {"child": {}, "events": []}, "--as-of", "2026-01-01") == []


def test_every_event_type_with_its_field_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    events = [
        {"type": "request_received", "date": "2026-01-05"},
        {"type": "assess_decision", "date": "2026-01-06", "outcome": "refuse"},
        {"type": "advice_requested", "date": "2026-01-06", "discipline": "Social care"},
        {"type": "advice_received", "date": "2026-01-07", "discipline": "Social care"},
        {"type": "exception", "date": "2026-01-07", "ground": "setting-closure"},
        {
            "type": "exception",
            "date": "2026-01-07",
            "ground": "absent-from-area",
            "applies_to": ["advice", "final-plan"],
        },
        {"type": "issue_decision", "date": "2026-01-08", "outcome": "issue"},
        {"type": "draft_plan_issued", "date": "2026-01-08"},
        {"type": "final_plan_issued", "date": "2026-01-09"},
        {"type": "review_invitations_sent", "date": "2026-01-09"},
        {"type": "review_advice_circulated", "date": "2026-01-09"},
        {"type": "review_meeting", "date": "2026-01-10"},
        {"type": "review_report_received", "date": "2026-01-10"},
        {"type": "review_logged", "date": "2026-01-10"},
        {"type": "review_decision", "date": "2026-01-11", "outcome": "cease"},
        {"type": "amendment_notice_issued", "date": "2026-01-11"},
        {"type": "amended_plan_issued", "date": "2026-01-12"},
        {"type": "plan_ceased", "date": "2026-01-12"},
        {"type": "phase_transfer", "date": "2026-09-01", "kind": "post16"},
        {"type": "phase_transfer_plan_issued", "date": "2026-01-12"},
        {"type": "transferred_in", "date": "2026-01-13"},
        {"type": "transferred_in", "date": "2026-01-14", "last_review": "2025-06-01"},
        {"type": "transferred_in", "date": "2026-01-14", "last_review": None},
        {"type": "transfer_in_notified", "date": "2026-01-15"},
        {"type": "reassessment_requested", "date": "2026-01-15"},
        {"type": "reassess_decision", "date": "2026-01-16", "outcome": "reassess"},
        {"type": "reassessment_outcome", "date": "2026-01-17", "outcome": "no-change"},
        {"type": "cease_proposed", "date": "2026-01-17"},
        {"type": "cease_decision", "date": "2026-01-18", "outcome": "cease", "reason": 2},
        {"type": "cease_decision", "date": "2026-01-18", "outcome": "maintain"},
        {"type": "cease_appealed", "date": "2026-01-19"},
        {"type": "cease_appeal_decided", "date": "2026-01-20", "outcome": "maintain"},
        {"type": "move_out_known", "date": "2026-01-20", "move_date": "2026-03-01"},
        {"type": "transferred_out", "date": "2026-01-21"},
    ]
    from senda.clock.model import EVENT_TYPES

    assert {e["type"] for e in events} == set(EVENT_TYPES)
    assert deadlines(capsys, {"events": events}, "--as-of", "2026-02-01")


def test_the_new_events_give_their_rows(capsys: pytest.CaptureFixture[str]) -> None:
    case = {
        "child": {"date_of_birth": "2023-03-01"},
        "events": [
            {"type": "transferred_in", "date": "2026-01-05"},
            {"type": "reassessment_requested", "date": "2026-01-05"},
            {"type": "move_out_known", "date": "2026-03-02", "move_date": "2026-04-01"},
        ],
    }
    rows = deadlines(capsys, case, "--as-of", "2026-02-01", "--under-five-review-months", "3")
    found = {r["rule"]: (r["due"], r["status"]) for r in rows}
    assert found["transfer-in-notice"] == ("2026-02-16", "pending")
    assert found["reassess-decision"] == ("2026-01-20", "overdue")
    assert found["under-five-review"] == ("2026-04-05", "pending")
    assert "transfer-out" not in found  # learnt of after the as-of day
    rows = deadlines(capsys, case, "--as-of", "2026-03-03")
    assert {r["rule"] for r in rows} >= {"transfer-out"} and "under-five-review" not in {
        r["rule"] for r in rows
    }


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"type": "move_out_known", "date": "2026-01-20"}, "missing field 'move_date'"),
        (
            {"type": "move_out_known", "date": "2026-01-20", "move_date": "1 March"},
            "'move_date' must be a date written YYYY-MM-DD",
        ),
        (
            {"type": "cease_decision", "date": "2026-01-18", "outcome": "cease"},
            "missing field 'reason'",
        ),
        (
            {"type": "cease_decision", "date": "2026-01-18", "outcome": "cease", "reason": 5},
            "is a transferred_out event",
        ),
        (
            {"type": "cease_decision", "date": "2026-01-18", "outcome": "cease", "reason": "2"},
            "'reason' must be one of 1, 2, 3, 4, 6, 7, 8, 9",
        ),
        (
            {"type": "cease_decision", "date": "2026-01-18", "outcome": "cease", "reason": True},
            "'reason' must be one of",
        ),
        (
            {"type": "cease_decision", "date": "2026-01-18", "outcome": "maintain", "reason": 2},
            "'reason' is only given with the outcome 'cease'",
        ),
        (
            {"type": "reassess_decision", "date": "2026-01-18", "outcome": "yes"},
            "'outcome' must be one of reassess, refuse",
        ),
        ({"type": "reassessment_outcome", "date": "2026-01-18"}, "missing field 'outcome'"),
        (
            {"type": "transferred_out", "date": "2026-01-18", "reason": 5},
            "unexpected field(s) 'reason'",
        ),
        (
            {"type": "cease_appeal_decided", "date": "2026-01-18", "outcome": "upheld"},
            "must be one of cease, maintain",
        ),
    ],
)
def test_malformed_new_events_are_refused_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, event: dict[str, object], expected: str
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps({"events": [event]}), encoding="utf-8")
    assert main([str(source), "--as-of", "2026-02-01"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err and captured.err.count("\n") == 1


@pytest.mark.parametrize("months", ["2", "7", "x", "-3", "99999999999999999999"])
def test_under_five_months_outside_3_to_6_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, months: str
) -> None:
    source = tmp_path / "case.json"
    source.write_text('{"events": []}', encoding="utf-8")
    assert main([str(source), "--under-five-review-months", months]) == 2
    assert "--under-five-review-months" in capsys.readouterr().err


# --- bad input ---------------------------------------------------------------------------

REQ = {"type": "request_received", "date": "2026-01-05"}


def case_with(event: object) -> str:
    """A case whose second event (``events[1]``) is the one at fault."""
    return json.dumps({"events": [REQ, event]})


BAD_EVENTS: list[tuple[str, object]] = [
    ("not an object", ["request_received", "2026-01-05"]),
    ("unknown type", {"type": "request_recieved", "date": "2026-01-05"}),
    ("missing type", {"date": "2026-01-05"}),
    ("missing date", {"type": "request_received"}),
    ("impossible date", {"type": "request_received", "date": "2026-02-30"}),
    ("slashed date", {"type": "request_received", "date": "2026/01/05"}),
    ("compact date", {"type": "request_received", "date": "20260105"}),
    ("date as a number", {"type": "request_received", "date": 20260105}),
    ("date with a time", {"type": "request_received", "date": "2026-01-05T09:00"}),
    ("missing outcome", {"type": "assess_decision", "date": "2026-01-05"}),
    ("wrong outcome", {"type": "assess_decision", "date": "2026-01-05", "outcome": "yes"}),
    (
        "another type's outcome",
        {"type": "review_decision", "date": "2026-01-05", "outcome": "issue"},
    ),
    ("outcome not a string", {"type": "issue_decision", "date": "2026-01-05", "outcome": True}),
    ("missing discipline", {"type": "advice_requested", "date": "2026-01-05"}),
    ("empty discipline", {"type": "advice_received", "date": "2026-01-05", "discipline": "  "}),
    ("discipline not text", {"type": "advice_requested", "date": "2026-01-05", "discipline": 3}),
    ("missing ground", {"type": "exception", "date": "2026-01-05"}),
    ("unknown ground", {"type": "exception", "date": "2026-01-05", "ground": "waiting-list"}),
    (
        "applies_to with an unknown rule",
        {
            "type": "exception",
            "date": "2026-01-05",
            "ground": "absent-from-area",
            "applies_to": ["annual-review"],
        },
    ),
    (
        "applies_to a rule the ground does not lift",
        {
            "type": "exception",
            "date": "2026-01-05",
            "ground": "missed-appointment",
            "applies_to": ["final-plan"],
        },
    ),
    (
        "applies_to empty",
        {"type": "exception", "date": "2026-01-05", "ground": "absent-from-area", "applies_to": []},
    ),
    (
        "applies_to not a list",
        {
            "type": "exception",
            "date": "2026-01-05",
            "ground": "absent-from-area",
            "applies_to": "advice",
        },
    ),
    (
        "unexpected extra field",
        {"type": "request_received", "date": "2026-01-05", "outcome": "assess"},
    ),
    (
        "field of another type",
        {
            "type": "advice_requested",
            "date": "2026-01-05",
            "discipline": "x",
            "ground": "absent-from-area",
        },
    ),
    ("missing kind", {"type": "phase_transfer", "date": "2027-09-01"}),
    ("unknown kind", {"type": "phase_transfer", "date": "2027-09-01", "kind": "college"}),
    (
        "last_review after transfer",
        {"type": "transferred_in", "date": "2026-01-05", "last_review": "2026-02-01"},
    ),
    (
        "last_review not a date",
        {"type": "transferred_in", "date": "2026-01-05", "last_review": "2025"},
    ),
    # Events after the as-of day are ignored, but still checked.
    (
        "bad event after the as-of day",
        {"type": "assess_decision", "date": "2099-01-05", "outcome": "x"},
    ),
]


def assert_bad_input(code: int, out: str, err: str, position: str | None) -> None:
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("senda deadlines: ")
    if position is not None:
        assert position in err


@pytest.mark.parametrize(("problem", "event"), BAD_EVENTS, ids=[p for p, _ in BAD_EVENTS])
def test_bad_event(capsys: pytest.CaptureFixture[str], problem: str, event: object) -> None:
    code, out, err = run(capsys, ["--as-of", "2026-03-01", "-"], case_with(event))
    assert_bad_input(code, out, err, "events[1]")


BAD_CASES: list[tuple[str, str, list[str]]] = [
    ("invalid JSON", '{"events": [', []),
    ("trailing comma", '{"events": [],}', []),
    ("empty input", "", []),
    ("not an object", json.dumps([REQ]), []),
    ("events missing", "{}", []),
    ("events not a list", json.dumps({"events": {"0": REQ}}), []),
    ("unexpected top-level field", json.dumps({"events": [], "case": 1}), []),
    ("child not an object", json.dumps({"child": "2014-09-01", "events": []}), []),
    ("child with an extra field", json.dumps({"child": {"name": "A"}, "events": []}), []),
    (
        "child with a bad birth date",
        json.dumps({"child": {"date_of_birth": "2014-02-30"}, "events": []}),
        [],
    ),
    ("impossible --as-of", json.dumps({"events": []}), ["--as-of", "2026-02-30"]),
    ("wordy --as-of", json.dumps({"events": []}), ["--as-of", "today"]),
    ("slashed --as-of", json.dumps({"events": []}), ["--as-of", "2026/03/01"]),
    ("negative --review-logged-days", json.dumps({"events": []}), ["--review-logged-days", "-1"]),
]


@pytest.mark.parametrize(("problem", "text", "args"), BAD_CASES, ids=[p for p, _, _ in BAD_CASES])
def test_bad_case(
    capsys: pytest.CaptureFixture[str], problem: str, text: str, args: list[str]
) -> None:
    argv = ["--as-of", "2026-03-01", *args, "-"] if "--as-of" not in args else [*args, "-"]
    code, out, err = run(capsys, argv, text)
    assert_bad_input(code, out, err, None)
    if "as-of" in problem:
        assert "--as-of" in err


def test_the_first_bad_event_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps({"events": [REQ, REQ, {"type": "x", "date": "2026-01-05"}, {"type": "y"}]})
    code, out, err = run(capsys, ["--as-of", "2026-03-01", "-"], text)
    assert_bad_input(code, out, err, "events[2]")
    assert "events[3]" not in err


def test_missing_and_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, ["--as-of", "2026-03-01", str(tmp_path / "nowhere.json")])
    assert_bad_input(code, out, err, None)
    assert "nowhere.json" in err
    latin1 = tmp_path / "latin1.json"
    text = '{"events": [{"type": "advice_requested", "date": "2026-01-05", "discipline": "Santé"}]}'
    latin1.write_bytes(text.encode("latin-1"))
    code, out, err = run(capsys, ["--as-of", "2026-03-01", str(latin1)])
    assert_bad_input(code, out, err, None)
    code, out, err = run(capsys, ["--as-of", "2026-03-01", str(tmp_path)])
    assert_bad_input(code, out, err, None)


@pytest.mark.parametrize("entry", [["advice"], {"rule": "advice"}])
def test_bad_event_applies_to_entry_not_text(
    capsys: pytest.CaptureFixture[str], entry: object
) -> None:
    event = {
        "type": "exception",
        "date": "2026-01-05",
        "ground": "absent-from-area",
        "applies_to": [entry],
    }
    code, out, err = run(capsys, ["--as-of", "2026-03-01", "-"], case_with(event))
    assert_bad_input(code, out, err, "events[1]")


def test_deeply_nested_json_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ["--as-of", "2026-03-01", "-"], "[" * 100_000)
    assert_bad_input(code, out, err, None)


@pytest.mark.parametrize(
    "event",
    [
        {"type": "request_received", "date": "9999-12-01"},
        {"type": "transferred_in", "date": "9999-12-01"},
        {"type": "final_plan_issued", "date": "9999-12-01"},
    ],
)
def test_dates_near_the_end_of_the_calendar_do_not_crash(
    capsys: pytest.CaptureFixture[str], event: dict[str, str]
) -> None:
    code, out, err = run(capsys, ["--as-of", "2026-03-01", "-"], json.dumps({"events": [event]}))
    assert code in (0, 2)
    if code == 2:
        assert_bad_input(code, out, err, "events[0]")


# --- as a real command, without Django --------------------------------------------------


def no_django_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def test_the_senda_command_runs_in_a_subprocess(tmp_path: Path) -> None:
    assert SENDA.exists(), f"no senda script next to {sys.executable}"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    done = subprocess.run(
        [str(SENDA), "deadlines", "--as-of", "2026-03-02", str(path)],
        capture_output=True,
        text=True,
        env=no_django_env(),
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    rows = json.loads(done.stdout)
    assert rows[0]["rule"] == "assess-decision"
    piped = subprocess.run(
        [str(SENDA), "deadlines", "--as-of", "2026-03-02", "-"],
        input=json.dumps(CASE),
        capture_output=True,
        text=True,
        env=no_django_env(),
        timeout=60,
        check=False,
    )
    assert piped.returncode == 0
    assert json.loads(piped.stdout) == rows


def test_bad_input_in_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "senda.cli", "deadlines", "--as-of", "2026-03-01", "-"],
        input=case_with({"type": "request_received", "date": "2026-02-30"}),
        capture_output=True,
        text=True,
        env=no_django_env(),
        timeout=60,
        check=False,
    )
    assert_bad_input(done.returncode, done.stdout, done.stderr, "events[1]")


def test_deadlines_never_imports_django(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys
        from senda.cli import main
        code = main(["deadlines", "--as-of", "2026-06-01", {str(path)!r}])
        assert code == 0, code
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "django")
        assert loaded in ([], ["django"]) and sys.modules.get("django") is None, loaded
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=no_django_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    # Even with Django made unimportable, the clock still answers.
    blocked = "import sys; sys.modules['django'] = None\n" + script
    done = subprocess.run(
        [sys.executable, "-c", blocked],
        capture_output=True,
        text=True,
        env=no_django_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_non_utf8_stdin_is_bad_input() -> None:
    env = no_django_env() | {"PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run(
        [str(SENDA), "deadlines", "--as-of", "2026-03-01", "-"],
        input=b'\xff{"events": []}',
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert_bad_input(done.returncode, done.stdout.decode(), done.stderr.decode(), None)
