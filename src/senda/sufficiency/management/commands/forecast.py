"""``senda forecast --la CODE [--years N] [--simulations N] [--scenario NAME] [--out FILE]``:
an area's EHC plans forecast from its register (docs/forecast.md). Prints the censuses
behind it, the forecast total by year (median and the 5th–95th percentile interval of the
simulations) and the backtest; ``--out`` writes every breakdown as CSV (the censuses' own
figures first, then the forecast's). Exit 2 on a usage error."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda import kernel
from senda.commands import USAGE
from senda.exports import write_csv
from senda.people.command_user import area_coded
from senda.sufficiency import forecast
from senda.sufficiency.scenarios import SCENARIOS


class Command(BaseCommand):
    help = (__doc__ or "").split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--la", required=True, metavar="CODE", help="the area's LA number")
        parser.add_argument("--years", type=int, default=5, help="years ahead (1-10; 5)")
        parser.add_argument(
            "--simulations", type=int, default=1000, help="simulations (1-10,000; 1,000)"
        )
        parser.add_argument(
            "--scenario", default="baseline", choices=sorted(SCENARIOS), help="baseline"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
        parser.add_argument("--no-backtest", action="store_true", help="skip the backtest")
        parser.add_argument("--out", metavar="FILE", help="write every breakdown as CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        la = area_coded(str(options["la"]).strip())
        began = time.perf_counter()
        try:
            made = forecast.make(
                la,
                today=kernel.today(),
                years=options["years"],
                simulations=options["simulations"],
                scenario=options["scenario"],
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
    for score in made.backtest:
        lines.append(
            f"  from {score.origin} to {score.year}: actual {score.actual:,}, forecast "
            f"{score.median:,.0f} ({score.low:,.0f} to {score.high:,.0f}, "
            f"{'held' if score.inside else 'missed'}), error {score.error:+.1%} "
            f"(naive {score.naive_error:+.1%}); WAPE by need {score.wape_need:.1%}, by "
            f"provision {score.wape_provision:.1%}; interval held {score.held} of "
            f"{score.cells} groups"
        )
    return lines


def _write(path: Path, made: forecast.Forecast) -> None:
    header = ["kind", "year", "breakdown", "group", "median", "low", "high", "mean"]
    rows: list[list[Any]] = [header]
    for kind, figures in (("census", made.actuals), ("forecast", made.figures)):
        rows += [
            [kind, f.year, f.breakdown, f.group, f.median, f.low, f.high, round(f.mean, 1)]
            for f in figures
        ]
    try:
        with path.open("w", newline="", encoding="utf-8") as out:
            write_csv(out, rows)
    except OSError as problem:
        raise CommandError(f"Cannot write {path}: {problem.strerror}.", returncode=USAGE) from None
