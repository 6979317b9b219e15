"""``senda tick``: write the KPI facts of a day (default today) for each local area.

    senda tick                          # today, every local area
    senda tick --la 990 --date 2026-09-30
    senda tick --history-months 18      # today and the last 18 month ends
    senda tick --from 2026-10-01 --to 2026-10-31
    senda tick --history-months 18 --workers 2   # past days' tallies in a second process

Idempotent: a day's facts are replaced, so it is safe to run any number of times a day.
A past day is rebuilt as the cases stood then (the clock's as-of). After a correction of a
recorded step, any run also rebuilds the stored days from the area's stale mark and clears
it. Exit status 2 on a usage error. See ``senda.performance.tick``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda import kernel
from senda.commands import USAGE
from senda.people.models import LocalAuthority
from senda.performance import tick
from senda.performance.periods import history_days


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date: write YYYY-MM-DD", returncode=USAGE) from error


class Command(BaseCommand):
    help = (
        "Write the day's KPI facts (default today, every local area), and rebuild the "
        "stored days a correction made stale; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to tick, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--la", action="append", default=[], metavar="CODE", help="a local area (repeatable)"
        )
        parser.add_argument(
            "--history-months",
            type=int,
            default=0,
            metavar="N",
            help="also rebuild the month ends of the last N months",
        )
        parser.add_argument("--from", dest="first", help="rebuild every day from this day …")
        parser.add_argument("--to", dest="last", help="… to this day (inclusive)")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="2 or more: past days' tallies in a second process (default 1)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = kernel.today()
        days = self.days(options, today)
        if any(day > today for day in days):
            raise CommandError(f"Cannot tick a day after today ({today}).", returncode=USAGE)
        areas = list(LocalAuthority.objects.order_by("code"))
        if options["la"]:
            areas = [la for la in areas if la.code in options["la"]]
            missing = set(options["la"]) - {la.code for la in areas}
            if missing:
                raise CommandError(
                    f"No local authority with code {', '.join(sorted(missing))}.",
                    returncode=USAGE,
                )
        for la in areas:
            self.stdout.write(tick.run(la, days, today=today, workers=options["workers"]).line())

    def days(self, options: dict[str, Any], today: date) -> list[date]:
        if options["first"] or options["last"]:
            if not (options["first"] and options["last"]) or options["date"]:
                raise CommandError(
                    "Give --from and --to together, without --date.", returncode=USAGE
                )
            first, last = _day(options["first"]), _day(options["last"])
            if first > last:
                raise CommandError("--from is after --to.", returncode=USAGE)
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        else:
            days = [_day(options["date"]) if options["date"] else today]
        if options["history_months"] < 0:
            raise CommandError("--history-months must be 0 or more.", returncode=USAGE)
        if options["history_months"]:
            days = sorted({*days, *history_days(days[-1], options["history_months"])})
        return days
