"""``senda retention review --la CODE [--today YYYY-MM-DD]``: list every record of the area
past its retention period for a service manager to approve (docs/retention.md). Prints how
many were listed by record type and how many await approval; the records themselves are
on the retention page. ``--all``: every area (what the scheduled job runs). Exit 2 on a
usage error (no such area, a bad date)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda import kernel
from senda.commands import USAGE
from senda.people.command_user import area_coded
from senda.people.models import LocalAuthority
from senda.retention.models import Disposal
from senda.retention.review import review


class Command(BaseCommand):
    help = (__doc__ or "").split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["review"], help="review: list what is past retention")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--la", metavar="CODE", help="the area's LA number")
        where.add_argument("--all", action="store_true", help="every area")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="the day (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["today"]) if options["today"] else kernel.today()
        if options["all"]:
            areas = list(LocalAuthority.objects.order_by("code"))
        else:
            areas = [area_coded(str(options["la"]).strip())]
        for la in areas:
            made = review(la, today=today)
            kinds = Counter(row.record_type for row in made)
            listed = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "nothing new"
            waiting = Disposal.objects.pending().filter(la=la).count()
            self.stdout.write(f"{la.code} {la.name}: listed {listed}; {waiting} awaiting approval")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--today {text!r} is not a date (YYYY-MM-DD).", returncode=USAGE
        ) from None
