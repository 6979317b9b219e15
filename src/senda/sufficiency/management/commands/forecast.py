"""``senda forecast --la CODE [--years N] [--simulations N] [--scenario NAME] [--out FILE]``:
an area's EHC plans forecast from its register (docs/forecast.md). Prints the censuses
behind it, the forecast total by year (median and the 5th–95th percentile interval of the
simulations) and the backtest; ``--out`` writes every breakdown as CSV (the censuses' own
figures first, then the forecast's).

``senda forecast backtest --la CODE [--simulations N] [--out FILE]``: the backtest alone,
as CSV (one row per origin and year forecast: :data:`BACKTEST_COLUMNS`) to ``FILE``, or
to standard output without ``--out``; with too little history, the header alone and a
note on standard error. Exit 2 on a usage error (no such area, an option the backtest
does not take, a file that cannot be written)."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda import kernel
from senda.commands import USAGE
from senda.exports import write_csv
from senda.people.command_user import area_coded
from senda.people.models import LocalAuthority
from senda.sufficiency import forecast
from senda.sufficiency.backtest import Score
from senda.sufficiency.scenarios import SCENARIOS

#: ``senda forecast backtest``'s CSV: a row per origin and year forecast.
BACKTEST_COLUMNS = [
    "origin",
    "year",
    "horizon",
    "actual",
    "median",
    "low",
    "high",
    "interval_held",
    "error",
    "naive",
    "naive_error",
    "wape_need",
    "wape_provision",
    "groups_held",
    "groups",
]


class Command(BaseCommand):
    help = (__doc__ or "").split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "what",
            nargs="?",
            choices=["backtest"],
            help="backtest: the backtest alone, as CSV (the forecast when left out)",
        )
        parser.add_argument("--la", required=True, metavar="CODE", help="the area's LA number")
        parser.add_argument("--years", type=int, help="years ahead (1-10; 5)")
        parser.add_argument(
            "--simulations", type=int, default=1000, help="simulations (1-10,000; 1,000)"
        )
        parser.add_argument("--scenario", choices=sorted(SCENARIOS), help="baseline")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
        parser.add_argument("--no-backtest", action="store_true", help="skip the backtest")
        parser.add_argument("--out", metavar="FILE", help="write every breakdown as CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        la = area_coded(str(options["la"]).strip())
        if options["what"] == "backtest":
            self._backtest(la, options)
            return
        began = time.perf_counter()
        try:
            made = forecast.make(
                la,
                today=kernel.today(),
                years=5 if options["years"] is None else options["years"],
                simulations=options["simulations"],
                scenario=options["scenario"] or "baseline",
                seed=options["seed"],
                with_backtest=not options["no_backtest"],
            )
        except ValueError as problem:
            raise CommandError(str(problem), returncode=USAGE) from None
        if options.get("out"):
            _write(Path(options["out"]), made)
        for line in _lines(made):
            self.stdout.write(line)
        self.stdout.write(f"({time.perf_counter() - began:.1f} s)")

    def _backtest(self, la: LocalAuthority, options: dict[str, Any]) -> None:
        """``senda forecast backtest``: the scores as CSV, to ``--out`` or stdout."""
        for option in ("years", "scenario"):
            if options[option] is not None:
                raise CommandError(
                    f"The backtest takes no --{option}: it forecasts each census after an "
                    "earlier one, with no scenario's levers.",
                    returncode=USAGE,
                )
        if options["no_backtest"]:
            raise CommandError("--no-backtest makes no sense here.", returncode=USAGE)
        began = time.perf_counter()
        try:
            past, scores = forecast.backtest_of(
                la,
                today=kernel.today(),
                simulations=options["simulations"],
                seed=options["seed"],
            )
        except ValueError as problem:
            raise CommandError(str(problem), returncode=USAGE) from None
        rows = [BACKTEST_COLUMNS, *(_score_row(score) for score in scores)]
        if not scores:
            self.stderr.write(
                f"Too little history: a backtest needs three censuses (two to fit, one to "
                f"test), and {la} has {len(past.years)} in Senda."
            )
        if not options.get("out"):
            text = StringIO()  # whole: the command's stdout would end every write a line
            write_csv(text, rows)
            self.stdout.write(text.getvalue(), ending="")
            return
        _write_rows(Path(options["out"]), rows)
        for line in _backtest_lines(scores):
            self.stdout.write(line)
        self.stdout.write(f"Wrote {len(scores)} rows to {options['out']}.")
        self.stdout.write(f"({time.perf_counter() - began:.1f} s)")


def _lines(made: forecast.Forecast) -> list[str]:
    past = made.history
    lines = [
        f"{made.la}: EHC plans forecast from the January {made.start_year} census "
        f"({made.simulation.stock.shape[0]:,} simulations, scenario {made.scenario.name}: "
        f"{made.scenario.title}).",
        f"Age bands count {forecast.age_rule_label(made.age_rule)}.",
        "Censuses: " + ", ".join(f"{year} {int(past.stock[year].sum()):,}" for year in past.years),
        "",
        "January  median  interval (5th-95th percentile)",
    ]
    lines += [
        f"{f.year}     {f.median:>6,.0f}  {f.low:,.0f} to {f.high:,.0f}" for f in made.totals()
    ]
    lines += ["", "Backtest (fitted up to a census, forecast the ones after):"]
    if not made.backtest:
        lines.append(
            "  too little history: a backtest needs three censuses (two to fit, one to test)."
        )
    return lines + _backtest_lines(made.backtest)


def _backtest_lines(scores: list[Score]) -> list[str]:
    lines = []
    for score in scores:
        lines.append(
            f"  from {score.origin} to {score.year}: actual {score.actual:,}, forecast "
            f"{score.median:,.0f} ({score.low:,.0f} to {score.high:,.0f}, "
            f"{'held' if score.inside else 'missed'}), error {score.error:+.1%} "
            f"(naive {score.naive_error:+.1%}); WAPE by need {score.wape_need:.1%}, by "
            f"provision {score.wape_provision:.1%}; interval held {score.held} of "
            f"{score.cells} groups"
        )
    return lines


def _score_row(score: Score) -> list[Any]:
    return [
        score.origin,
        score.year,
        score.horizon,
        score.actual,
        round(score.median, 1),
        round(score.low, 1),
        round(score.high, 1),
        "yes" if score.inside else "no",
        round(score.error, 4),
        round(score.naive, 1),
        round(score.naive_error, 4),
        round(score.wape_need, 4),
        round(score.wape_provision, 4),
        score.held,
        score.cells,
    ]


def _write(path: Path, made: forecast.Forecast) -> None:
    header = ["kind", "year", "breakdown", "group", "median", "low", "high", "mean"]
    rows: list[list[Any]] = [header]
    for kind, figures in (("census", made.actuals), ("forecast", made.figures)):
        rows += [
            [kind, f.year, f.breakdown, f.group, f.median, f.low, f.high, round(f.mean, 1)]
            for f in figures
        ]
    _write_rows(path, rows)


def _write_rows(path: Path, rows: list[list[Any]]) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as out:
            write_csv(out, rows)
    except OSError as problem:
        raise CommandError(f"Cannot write {path}: {problem.strerror}.", returncode=USAGE) from None
