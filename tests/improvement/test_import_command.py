"""``senda import plan FILE --la CODE``: messages and exit status."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from senda.audit.models import AuditEntry
from senda.improvement.models import Action, ImprovementPlan
from tests.factories import make_user

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def senda_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", *args, stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue()


def test_it_imports_a_plan_and_prints_a_summary(personas):
    path = EXAMPLES / "improvement-plan-areas.xlsx"

    out, err = senda_import(
        "plan", str(path), "--la", personas.la.code, "--title", "SEND plan", "--today", "2026-03-01"
    )

    assert err == ""
    assert out.startswith(
        "Imported 'SEND plan': 3 areas, 7 actions (7 new), 0 milestones; "
        "1 timescale to resolve: 3.1 timescale 'Ongoing'"
    )
    assert f"(as {personas.service_manager.username})" in out
    plan = ImprovementPlan.objects.get(title="SEND plan")
    assert plan.la == personas.la
    assert AuditEntry.objects.get(object_type="improvement.ImprovementPlan").user == (
        personas.service_manager
    )


def test_it_imports_as_the_user_named_and_reads_options(personas):
    out, _ = senda_import(
        "plan",
        str(EXAMPLES / "improvement-plan-milestones.xlsx"),
        "--la",
        personas.la.code,
        "--user",
        personas.team_manager.username,
        "--layout",
        "milestones",
    )

    assert "4 actions (4 new), 13 milestones; every timescale read." in out
    assert AuditEntry.objects.get(verb="write").user == personas.team_manager


def test_it_reads_a_column_mapping(personas, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Priority,Our action\n1 Early help,Do the thing\n")

    out, _ = senda_import(
        "plan",
        str(path),
        "--la",
        personas.la.code,
        "--map",
        "area=Priority",
        "--map",
        "what=Our action",
        "--layout",
        "areas",
    )

    assert "1 actions (1 new)" in out
    assert Action.objects.get().what == "Do the thing"


def test_it_lists_every_problem_on_stderr_and_exits_1(personas, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "Area,No.,What\n1 Early help,1.1,Do the thing\n1 Early help,1.2,\n1 Early help,1.1,Again\n"
    )

    error, err = failing("plan", str(path), "--la", personas.la.code)

    assert error.returncode == 1
    assert "Nothing was imported: 2 problems (listed above)" in str(error)
    assert err.splitlines() == [
        'plan.csv: Row 3, column C (What): "What" is empty: every action needs to say what '
        "will be done.",
        "plan.csv: Row 4, column B (No.): Action number 1.1 is used twice in the same area "
        "(rows 2 and 4).",
    ]
    assert not ImprovementPlan.objects.exists()


def test_it_exits_1_for_a_wrong_file_type(personas, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK")

    error, err = failing("plan", str(path), "--la", personas.la.code)

    assert error.returncode == 1
    assert "is not a CSV or XLSX file" in err


def test_it_exits_1_when_the_user_may_not_import(personas):
    error, _ = failing(
        "plan",
        str(EXAMPLES / "improvement-plan-areas.csv"),
        "--la",
        personas.la.code,
        "--user",
        personas.case_officer.username,
    )

    assert error.returncode == 1
    assert "may not import a plan" in str(error)
    assert not ImprovementPlan.objects.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--la", "799"], "No local authority with code '799'"),  # factories use 800–999
        (["--la", "{la}", "--user", "nobody"], "No active user 'nobody'"),
    ],
)
def test_it_exits_2_for_usage_errors(personas, args, says):
    args = [a.format(la=personas.la.code) for a in args]

    error, _ = failing("plan", str(EXAMPLES / "improvement-plan-areas.csv"), *args)

    assert error.returncode == 2
    assert says in str(error)


def test_it_exits_2_for_a_missing_file(personas, tmp_path):
    error, _ = failing("plan", str(tmp_path / "nope.xlsx"), "--la", personas.la.code)

    assert error.returncode == 2
    assert "No such file" in str(error)


def test_it_exits_2_when_the_area_has_no_service_manager(personas):
    error, _ = failing(
        "plan", str(EXAMPLES / "improvement-plan-areas.csv"), "--la", personas.other_la.code
    )

    assert error.returncode == 2
    assert "has no service manager: say who imports with --user USERNAME" in str(error)


def test_it_picks_the_first_service_manager_by_username(personas):
    make_user("service_manager", personas.la, username="aaa-manager")

    out, _ = senda_import(
        "plan", str(EXAMPLES / "improvement-plan-areas.csv"), "--la", personas.la.code
    )

    assert out.rstrip().endswith("(as aaa-manager)")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["plan"],
        ["plan", "file.xlsx"],
        ["plan", "file.xlsx", "--la", "936", "--layout", "columns"],
        ["plan", "file.xlsx", "--la", "936", "--map", "what"],
        ["ehcp", "file.xlsx"],
    ],
)
def test_it_exits_2_with_usage_on_bad_arguments(argv, capsys):
    command = load_command_class("senda.performance", "import")
    command._called_from_command_line = True  # as `senda import …` runs it
    parser = command.create_parser("senda", "import")

    with pytest.raises(SystemExit) as exited:
        parser.parse_args(argv)

    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err
