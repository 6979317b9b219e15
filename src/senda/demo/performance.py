"""The demo area's performance framework: national figures, comparators, trajectories,
recorded values, commentary and a history of facts.

Order matters: recorded values, trajectories and overrides come first, so the facts and
statuses built last see them; the national figures are imported once per database (they are
public data, not demo data, and survive a rebuild).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from senda.demo import perf_benchmarks, perf_facts, perf_recorded, perf_trajectories
from senda.people.models import LocalAuthority


def write_performance(*, la: LocalAuthority, today: date) -> None:
    """Everything the board dashboard, KPI pages and quarterly report show for ``la``."""
    manager = User.objects.get(username="service-manager")
    perf_benchmarks.write(la)
    perf_recorded.write(la, today, manager)
    perf_trajectories.write(la, today, manager)
    perf_facts.write(la, today)
