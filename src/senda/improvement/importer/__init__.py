"""Importing an improvement plan from a CSV or XLSX table.

    from senda.improvement.importer import import_plan, ImportFailed
    result = import_plan(upload, filename="plan.xlsx", la=la, by=request.user)

The file is read whole and checked first: every problem is reported with its row and column
(:class:`ImportFailed`) and nothing is written. Otherwise it is written in one transaction,
matched on natural keys so that importing the same file again changes nothing and an
edited file updates what changed. The layouts are described in :mod:`.layouts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path, PurePath
from typing import IO, Any

from django.core.exceptions import PermissionDenied

from senda import kernel
from senda.improvement.importer.layouts import LAYOUTS
from senda.improvement.importer.problems import ImportFailed, ImportResult, Problem, Unresolved

__all__ = ["ImportFailed", "ImportResult", "Problem", "Unresolved", "import_plan", "may_import"]


def may_import(user: Any, la: Any) -> bool:
    """Whether ``user`` may import a plan for ``la``: its service and team managers."""
    from senda.improvement.access import PLAN_EDIT_ROLES
    from senda.people.models import Membership

    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user_id=user.pk, la_id=la.pk, role__in=PLAN_EDIT_ROLES
    ).exists()


def import_plan(
    file: IO[bytes] | bytes | Path,
    *,
    filename: str,
    la: Any,
    by: Any,
    title: str | None = None,
    layout: str | None = None,
    mapping: Mapping[str, str] | None = None,
    today: date | None = None,
) -> ImportResult:
    """Import the plan in ``file`` (named ``filename``: ``.csv`` or ``.xlsx``) for ``la``.

    ``title`` names the plan (default: the file's name); importing again with the same
    title updates that plan. ``layout`` is "areas" or "milestones" (default: read from the
    header row); ``mapping`` maps a field of the layout (see :mod:`.layouts`) to the file's
    own header for it. Raises PermissionDenied unless ``by`` may import for ``la``, and
    ImportFailed, having written nothing, if the file has any problem.
    """
    from senda.improvement.importer.build import write
    from senda.improvement.importer.parse import parse
    from senda.performance import kpis
    from senda.sheets import read_sheets

    if not may_import(by, la):
        raise PermissionDenied("Only a service manager or team manager of the area may import.")
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: one of {', '.join(LAYOUTS)}")
    today = today or kernel.today()
    data = _bytes(file)
    sheets = read_sheets(data, filename)
    parsed = parse(
        sheets,
        layout=layout,
        mapping=mapping,
        today=today,
        csv=PurePath(filename).suffix.lower() == ".csv",
        kpi_ids=[entry.id for entry in kpis.for_area(la)],  # the area's own KPIs too
    )
    plan_title = " ".join((title or _title_from(filename)).split())[:200]
    problems = parsed.problems or _implausible(parsed, la=la, title=plan_title, today=today)
    if problems:
        raise ImportFailed(problems)
    if not any(area.actions for area in parsed.areas):
        raise ImportFailed([Problem(None, "", "The file has a header row but no actions.")])
    return write(parsed, la=la, by=by, title=plan_title, today=today)


def _implausible(parsed: Any, *, la: Any, title: str, today: date) -> list[Problem]:
    """A problem for every date outside the plan's plausible window (the plan's period ± 5
    years: :func:`senda.improvement.dates.check_plausible`, as the actions check it)."""
    from senda.improvement.dates import check_plausible
    from senda.improvement.models import ImprovementPlan
    from senda.kernel import ActionError

    plan = ImprovementPlan.objects.filter(la=la, title=title).order_by("id").first()
    problems = []
    for area in parsed.areas:
        for action in area.actions:
            dated = [("timescale", action.starts_on), ("timescale", action.ends_on)]
            for milestone in action.milestones:
                what = f"milestone {milestone.title!r}"
                dated += [(what, milestone.due_on), (what, milestone.done_on)]
            dated += [("update", update.on) for update in action.updates]
            for what, day in dated:
                try:
                    check_plausible(day, plan=plan, field=what, today=today)
                except ActionError as error:
                    assert day is not None
                    reason = error.message.removeprefix("The date ")
                    message = f"The {what} is dated {kernel.long_date(day)}: dates {reason}"
                    problems.append(Problem(action.row, "", message, sheet=action.sheet))
                    break
    return problems


def _bytes(file: IO[bytes] | bytes | Path) -> bytes:
    if isinstance(file, bytes):
        return file
    if isinstance(file, Path):
        return file.read_bytes()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data if isinstance(data, bytes) else bytes(data)


def _title_from(filename: str) -> str:
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    stem = " ".join(stem.split())
    return stem[:1].upper() + stem[1:] if stem else "Improvement plan"
