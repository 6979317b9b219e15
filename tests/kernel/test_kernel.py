"""The shared kernel: the error, the checks and today (Europe/London)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS

from senda import kernel
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    Refusals,
    check_choice,
    check_not_before,
    check_not_future,
    check_permission,
    long_date,
    required_date,
    required_text,
)

UTC = ZoneInfo("UTC")


def test_it_names_the_whole_form_as_django_does():
    assert WHOLE_FORM == NON_FIELD_ERRORS


def test_it_keeps_the_field_and_message_of_an_error():
    error = ActionError("on", "Enter the date.")

    assert (error.field, error.message, str(error)) == (
        "on",
        "Enter the date.",
        "on: Enter the date.",
    )


def test_one_error_can_carry_several_fields_first_first():
    error = ActionError.several([("a", "Enter a"), ("b", "Enter b")])
    assert (error.field, error.message) == ("a", "Enter a")  # who shows one shows the first
    assert error.errors == (("a", "Enter a"), ("b", "Enter b"))
    assert "b: Enter b" in str(error)
    assert ActionError("c", "Enter c").errors == (("c", "Enter c"),)
    with pytest.raises(ValueError):
        ActionError.several([])


def test_refusals_gathers_every_check_and_raises_once():
    refusals = Refusals()
    with refusals.check():
        required_text("  ", "name", "Enter a name.")
    with refusals.check():
        check_choice("x", ["y"], "kind", "the kind")
    with refusals.check():
        kept = required_text(" ok ", "note", "Enter a note.")
    assert refusals.refused("kind") and not refusals.refused("note") and kept == "ok"
    with pytest.raises(ActionError) as refused:
        refusals.raise_any()
    assert [field for field, _ in refused.value.errors] == ["name", "kind"]
    Refusals().raise_any()  # nothing refused: nothing raised
    with pytest.raises(KeyError), Refusals().check():
        raise KeyError("not an action's refusal")


def test_it_refuses_without_permission_on_the_whole_form_or_a_field():
    check_permission(True, "No.")
    with pytest.raises(ActionError) as refused:
        check_permission(False, "No.")
    assert (refused.value.field, refused.value.message) == (WHOLE_FORM, "No.")
    with pytest.raises(ActionError) as on_field:
        check_permission(False, "Only your own.", "partner")
    assert on_field.value.field == "partner"


def test_it_strips_required_text_and_refuses_none_left():
    assert required_text("  x ", "text", "Enter it.") == "x"
    for empty in (None, "", "   "):
        with pytest.raises(ActionError) as missing:
            required_text(empty, "text", "Enter it.")
        assert (missing.value.field, missing.value.message) == ("text", "Enter it.")


def test_it_refuses_a_missing_date():
    assert required_date(date(2026, 1, 2), "on", "Enter it.") == date(2026, 1, 2)
    with pytest.raises(ActionError) as missing:
        required_date(None, "on", "Enter it.")
    assert missing.value.field == "on"


def test_it_refuses_a_value_not_among_the_choices():
    check_choice("a", ("a", "b"), "kind", "a kind")
    with pytest.raises(ActionError) as wrong:
        check_choice("c", ("a", "b"), "kind", "a kind")
    assert wrong.value.message == "Choose a kind: one of a, b."


def test_it_checks_a_date_is_not_in_the_future():
    check_not_future(date(2026, 1, 2), date(2026, 1, 2))
    with pytest.raises(ActionError) as future:
        check_not_future(date(2026, 1, 3), date(2026, 1, 2), "done_on")
    assert (future.value.field, future.value.message) == (
        "done_on",
        "The date must be today or in the past.",
    )


def test_it_checks_a_date_is_not_before_another_naming_it():
    check_not_before(date(2026, 3, 1), date(2026, 3, 1), "the plan started")
    with pytest.raises(ActionError) as early:
        check_not_before(date(2026, 2, 28), date(2026, 3, 1), "the plan started")
    assert early.value.message == "The date must be on or after the plan started (1 March 2026)."


def test_it_writes_a_date_in_words():
    assert long_date(date(2026, 7, 9)) == "9 July 2026"


def test_it_is_in_the_zone_settings_name():
    assert str(kernel.LONDON) == settings.TIME_ZONE == "Europe/London"


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        # British Summer Time: 23:30 UTC is already tomorrow in London.
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), date(2026, 7, 1)),
        # Greenwich Mean Time: London and UTC agree.
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2026, 12, 31)),
        (datetime(2026, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London")), date(2026, 7, 1)),
    ],
)
def test_it_is_today_in_london_whatever_the_servers_zone(instant, expected):
    with time_machine.travel(instant, tick=False):
        assert kernel.today() == expected


def test_it_imports_no_django_and_no_room():
    import ast
    from pathlib import Path

    folder = Path(kernel.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith("django"), (path.name, name)
                assert not name.startswith("senda.") or name.startswith("senda.kernel"), (
                    path.name,
                    name,
                )
