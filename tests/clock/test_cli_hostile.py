"""``senda deadlines`` with hostile input: exit 2 and one line on stderr, never a traceback."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senda.clock.cli import MAX_REVIEW_LOGGED_DAYS, main

FUZZ = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOOD_CASE: dict[str, Any] = {
    "child": {"date_of_birth": "2014-09-01"},
    "events": [
        {"type": "request_received", "date": "2026-01-05"},
        {"type": "assess_decision", "date": "2026-02-10", "outcome": "assess"},
        {"type": "final_plan_issued", "date": "2026-05-20"},
        {"type": "review_meeting", "date": "2027-03-01"},
    ],
}
HUGE = "9" * 5000
#: Stands for a JSON integer of 5,000 digits (Python itself cannot write one with json.dumps).
HUGE_MARK = "<a number of 5,000 digits>"


def as_json(value: Any) -> str:
    return json.dumps(value).replace(json.dumps(HUGE_MARK), HUGE)


def run(argv: list[str], stdin: str) -> tuple[int, str, str]:
    """``main(argv)`` with ``stdin``; (exit status, stdout, stderr). Nothing may escape."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, out: str, err: str) -> None:
    """Either deadlines as JSON, or exit 2 with one line on stderr and nothing on stdout."""
    if code == 0:
        assert err == ""
        assert isinstance(json.loads(out), list)
    else:
        assert code == 2, (code, err)
        assert out == ""
        assert err.startswith("senda deadlines: ") and err.count("\n") == 1, err


@pytest.mark.parametrize(
    "text",
    [
        '{"events": ' + HUGE + "}",
        '{"events": [{"type": "request_received", "date": ' + HUGE + "}]}",
        '{"child": {"date_of_birth": -' + HUGE + '}, "events": []}',
        '{"events": [], "x": 1' + "0" * 5000 + "}",
        '{"events": [{"type": "request_received", "date": 1.' + HUGE + "}]}",
    ],
    ids=["events", "date", "negative", "unknown field", "float"],
)
def test_it_refuses_a_json_number_of_thousands_of_digits(text: str) -> None:
    code, out, err = run(["--as-of", "2026-03-01", "-"], text)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "number of" in err


@pytest.mark.parametrize(
    "days", ["-1", "251", "99999999999999999999", HUGE, "1e3", "five", "", " 5", "٣", "¹"]
)
def test_it_refuses_an_absurd_review_logged_days(days: str) -> None:
    argv = ["--as-of", "2027-03-02", "--review-logged-days", days, "-"]
    code, out, err = run(argv, json.dumps(GOOD_CASE))
    assert (code, out) == (2, "")
    assert err.startswith("senda deadlines: argument --review-logged-days: ")
    assert err.count("\n") == 1


def test_it_accepts_review_logged_days_up_to_a_year_of_working_days() -> None:
    for days in ("0", "5", str(MAX_REVIEW_LOGGED_DAYS)):
        argv = ["--as-of", "2027-03-02", "--review-logged-days", days, "-"]
        code, out, err = run(argv, json.dumps(GOOD_CASE))
        assert (code, err) == (0, ""), days
    logged = [row for row in json.loads(out) if row["rule"] == "review-logged"]
    assert [row["due"][:4] for row in logged] == ["2028"]


def test_it_gives_an_unknown_option_one_line_not_the_usage() -> None:
    code, out, err = run(["--as-of", "2026-03-01", "--frobnicate", "-"], "{}")
    assert (code, out) == (2, "")
    assert err == "senda deadlines: unrecognized arguments: --frobnicate\n"


# --- properties: whatever arrives, a clean answer -----------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(HUGE_MARK)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["2026-01-05", "9999-12-31", "0001-01-01", "2026-02-30", "request_received"])
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@FUZZ
@given(value=json_values)
def test_it_answers_any_json_value_cleanly(value: Any) -> None:
    assert_clean(*run(["--as-of", "2026-03-01", "-"], as_json(value)))


@FUZZ
@given(
    index=st.integers(min_value=0, max_value=len(GOOD_CASE["events"]) - 1),
    field=st.sampled_from(["type", "date", "outcome", "discipline", "ground", "kind", "extra"]),
    value=json_values,
)
def test_it_answers_a_case_with_one_hostile_field_cleanly(
    index: int, field: str, value: Any
) -> None:
    case = json.loads(json.dumps(GOOD_CASE))
    case["events"][index][field] = value
    assert_clean(*run(["--as-of", "2026-03-01", "-"], as_json(case)))


@FUZZ
@given(text=st.text(max_size=200))
def test_it_answers_any_text_on_stdin_cleanly(text: str) -> None:
    assert_clean(*run(["--as-of", "2026-03-01", "-"], text))


@FUZZ
@given(as_of=st.text(max_size=30), days=st.text(max_size=30) | st.integers().map(str))
def test_it_answers_any_arguments_cleanly(as_of: str, days: str) -> None:
    argv = ["--as-of", as_of, "--review-logged-days", days, "-"]
    assert_clean(*run(argv, json.dumps(GOOD_CASE)))
