"""Stored forecasts: a forecast with its backtest costs seconds of CPU, so pages never make
one per request. A service manager asks for one (``actions.request_forecast``), the queue
makes it (``tasks.run_forecast``) and keeps its figures here; pages read the latest done
run of each scenario. Runs are kept, newest first: the history of what was forecast when.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from senda.sufficiency.backtest import Score
from senda.sufficiency.scenarios import SCENARIOS, Scenario, from_json
from senda.sufficiency.summary import ALL_PRICED, COST, Figure


class ForecastRunQuerySet(models.QuerySet["ForecastRun"]):
    def of_area(self, la_id: int) -> ForecastRunQuerySet:
        return self.filter(la_id=la_id)

    def listed(self) -> ForecastRunQuerySet:
        """Runs as a list shows them: who asked, without their figures."""
        return self.select_related("requested_by").defer(
            "history", "figures", "actuals", "backtest"
        )

    def pending(self) -> ForecastRunQuerySet:
        """Runs asked for and not finished (queued or running)."""
        return self.filter(status__in=ForecastRun.PENDING)

    def latest_done(self, la_id: int, scenario: str) -> ForecastRun | None:
        """The area's newest finished forecast under ``scenario``, if any."""
        return self.of_area(la_id).filter(scenario=scenario, status=ForecastRun.Status.DONE).first()

    def latest_done_by_scenario(self, la_id: int) -> dict[str, ForecastRun]:
        """The area's newest finished forecast of each scenario, by scenario name."""
        latest: dict[str, ForecastRun] = {}
        for run in self.of_area(la_id).filter(status=ForecastRun.Status.DONE):
            latest.setdefault(run.scenario, run)
        return latest


class ForecastRun(models.Model):
    """One forecast asked for: what it was made with and, when done, its figures (JSON):

    - ``history``: ``{year: plans}`` at each census behind it;
    - ``figures`` and ``actuals``: lists of ``summary.Figure`` fields (year, breakdown,
      group, median, low, high, mean): the forecast's, and the censuses' own;
    - ``backtest``: lists of ``backtest.Score`` fields (origin, year, horizon, actual,
      median, low, high, naive, WAPE by need and provision, groups held and counted).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    PENDING = (Status.QUEUED, Status.RUNNING)

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="forecast_runs"
    )
    scenario = models.CharField(max_length=40)
    scenario_title = models.CharField(
        max_length=200, blank=True, help_text="The scenario's title when it was asked for."
    )
    levers = models.JSONField(
        default=dict,
        blank=True,
        help_text="A frozen copy of the scenario's levers and capacity changes "
        "(scenarios.as_json), so a later edit changes no forecast made.",
    )
    stored_scenario = models.ForeignKey(
        "sufficiency.StoredScenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        help_text="The scenario defined on a page it was made under, if any.",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank when a command or the demo asked for it.",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(help_text="The census it starts from.")
    years = models.PositiveSmallIntegerField(default=5)
    simulations = models.PositiveIntegerField(default=1000)
    seed = models.PositiveIntegerField(default=2026)
    age_rule = models.CharField(max_length=20)
    history = models.JSONField(default=dict, blank=True)
    figures = models.JSONField(default=list, blank=True)
    actuals = models.JSONField(default=list, blank=True)
    backtest = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, help_text="Why it failed.")

    objects = ForecastRunQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["la", "scenario"],
                condition=Q(status__in=["queued", "running"]),
                name="forecast_one_pending_per_scenario",
            )
        ]

    def __str__(self) -> str:
        return f"Forecast {self.scenario} from {self.start_year} ({self.status})"

    @property
    def title(self) -> str:
        """The scenario's title as it was when the forecast was asked for."""
        found = SCENARIOS.get(self.scenario)
        return self.scenario_title or (found.title if found else self.scenario)

    def spec(self) -> Scenario:
        """The scenario it is made under: its frozen copy (a built-in one's from the code
        when the run has none, as the demo and older runs have not)."""
        if not self.scenario_title and self.scenario in SCENARIOS:
            return SCENARIOS[self.scenario]
        return from_json(self.scenario, self.title, self.levers or {})

    @property
    def pending(self) -> bool:
        return self.status in self.PENDING

    def history_totals(self) -> list[tuple[int, int]]:
        """(census year, plans) oldest first."""
        return sorted((int(year), int(total)) for year, total in self.history.items())

    def figure_list(self) -> list[Figure]:
        return [Figure(**row) for row in self.figures]

    def actual_list(self) -> list[Figure]:
        return [Figure(**row) for row in self.actuals]

    def scores(self) -> list[Score]:
        return [Score(**row) for row in self.backtest]

    def totals(self) -> list[Figure]:
        return [f for f in self.figure_list() if f.breakdown == "total"]

    def cost_growth(self) -> float | None:
        """The forecast cost's growth a year (the medians of all priced placements, first
        forecast year to last, as a yearly rate); None without a cost or with one year."""
        costs = sorted(
            (f.year, f.median)
            for f in self.figure_list()
            if f.breakdown == COST and f.group == ALL_PRICED
        )
        if len(costs) < 2 or costs[0][1] <= 0:
            return None
        (first, start), (last, end) = costs[0], costs[-1]
        return float((end / start) ** (1 / (last - first)) - 1)

    def store(self, *, history: dict[int, int], figures: Any, actuals: Any, backtest: Any) -> None:
        """Keep a finished forecast's results (dataclasses as plain JSON)."""
        self.history = {str(year): total for year, total in history.items()}
        self.figures = [asdict(f) for f in figures]
        self.actuals = [asdict(f) for f in actuals]
        self.backtest = [asdict(s) for s in backtest]
