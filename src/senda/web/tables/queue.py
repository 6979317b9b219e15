"""GOV.UK tables of the background queue (``/service/queue/``)."""

from __future__ import annotations

from django.utils.safestring import SafeString

from senda.portal.queue import Failure, TaskCounts
from senda.web.phone_tables import stacked_table
from senda.web.tables.messages import when


def _number(value: int) -> dict[str, str]:
    return {"text": f"{value:,}", "format": "numeric"}


def counts_table(rows: list[TaskCounts]) -> SafeString:
    head = ["Task", "Waiting", "Queued for later", "Running", "Failed", "Done"]
    return stacked_table(
        caption="Tasks by what became of them",
        captionClasses="govuk-table__caption--m",
        head=[{"text": h, **({"format": "numeric"} if h != "Task" else {})} for h in head],
        rows=[
            [
                {"text": c.task},
                _number(c.waiting),
                _number(c.later),
                _number(c.running),
                _number(c.failed),
                _number(c.done),
            ]
            for c in rows
        ],
    ).render()


def failures_table(failures: list[Failure]) -> SafeString:
    return stacked_table(
        caption="Recent failures, newest first",
        captionClasses="govuk-table__caption--m",
        head=[{"text": h} for h in ("Task", "Failed", "Error", "Where")],
        rows=[
            [{"text": f.task}, {"text": when(f.finished_at)}, {"text": f.error}, {"text": f.where}]
            for f in failures
        ],
    ).render()
