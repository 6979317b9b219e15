"""Writes of the sufficiency room: asking for a forecast (docs/forecast.md, "The pages").
Scenarios defined on a page are written by ``scenario_actions``; the places register's
and capital programme's by ``places_actions``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from senda import audit, kernel
from senda.people.models import LocalAuthority, Role
from senda.sufficiency.forecast import latest_census_year
from senda.sufficiency.models import ForecastRun, StoredScenario
from senda.sufficiency.scenarios import SCENARIOS, as_json

#: Who may ask for a forecast (board members see them only).
REQUEST_ROLES = frozenset({Role.SERVICE_MANAGER})
ALREADY = "A forecast under this scenario is already queued: wait for it to finish."
NO_CHANGES = "This scenario has no changes yet: add one before making a forecast under it."
#: A run still queued or running this long after it was asked for is abandoned (its worker
#: stopped, or none runs), so it no longer stops a new one being asked for.
ABANDONED_AFTER = timedelta(hours=1)


def can_request_forecast(user: Any, la: LocalAuthority) -> bool:
    """Whether ``user`` may ask for a forecast of ``la``: a service manager of the area."""
    membership = getattr(user, "membership", None)
    return membership is not None and membership.la_id == la.pk and membership.role in REQUEST_ROLES


def request_forecast(
    *, la: LocalAuthority, scenario: str, by: Any, simulations: int = 1000
) -> ForecastRun:
    """Queue a forecast of ``la`` under ``scenario`` (a built-in one's name, or a stored
    one's, ``scenario-12``), with a frozen copy of its levers; the queue makes it
    (``tasks.run_forecast``). Refused for an unknown scenario or a stored one with no
    changes, a user who is not a service manager of the area, or while one under the same
    scenario is queued or running."""
    kernel.check_permission(
        can_request_forecast(by, la), "Only service managers make forecasts.", "scenario"
    )
    stored = StoredScenario.objects.named(la.pk, scenario)
    if stored is None:
        kernel.check_choice(scenario, sorted(SCENARIOS), "scenario", "a scenario")
    chosen = stored.spec() if stored is not None else SCENARIOS[scenario]
    scenario = chosen.name  # a stored one's as it names itself (``scenario-12``)
    if stored is not None and not (chosen.levers or chosen.capacity):
        raise kernel.ActionError("scenario", NO_CHANGES)
    if not 1 <= simulations <= 10_000:
        raise kernel.ActionError("simulations", "Run 1 to 10,000 simulations.")
    with transaction.atomic():
        pending = ForecastRun.objects.of_area(la.pk).pending().filter(scenario=scenario)
        pending.filter(requested_at__lt=timezone.now() - ABANDONED_AFTER).update(
            status=ForecastRun.Status.FAILED,
            error="Not finished within an hour of being asked for: abandoned.",
            finished_at=timezone.now(),
        )
        if pending.exists():
            raise kernel.ActionError("scenario", ALREADY)
        try:
            with transaction.atomic():
                run = ForecastRun.objects.create(
                    la=la,
                    scenario=scenario,
                    scenario_title=chosen.title,
                    levers=as_json(chosen),
                    stored_scenario=stored,
                    requested_by=by,
                    start_year=latest_census_year(kernel.today()),
                    simulations=simulations,
                    age_rule=settings.SENDA_FORECAST_AGE_RULE,
                )
        except IntegrityError:  # asked for twice at once: the constraint keeps one
            raise kernel.ActionError("scenario", ALREADY) from None
        audit.record(
            user=by,
            verb="write",
            obj=run,
            summary=f"forecast {run.pk} queued: scenario={scenario} simulations={simulations}",
            la_id=la.pk,
        )
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from senda.sufficiency.tasks import run_forecast

    run_forecast.enqueue(run_id)
