"""The scenarios' tables: every scenario of the area (built in, then defined on a page), a
scenario's changes in plain English, with a button to remove each for a service manager."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.sufficiency.models import ScenarioChange, StoredScenario
from senda.sufficiency.rates import Lever
from senda.sufficiency.scenarios import SCENARIOS, Capacity, Scenario
from senda.web.formats import academic_year, in_sentence
from senda.web.phone_tables import captioned_table
from senda.web.tables.forecast import NEEDS, PROVISIONS, group_label
from senda.web.tables.portal_accounts import post_button


def _kind(provision: str | None) -> str:
    return in_sentence(PROVISIONS.get(provision or "", provision or ""))


def _years(year: int | None) -> str:
    """``from 2026/27`` (the academic year to the January ``year`` forecast)."""
    return f"from {academic_year(year - 1)}" if year else "from the first forecast year"


def describe_lever(lever: Lever) -> str:
    """``Placements in independent … at 50% of today's rate, the rest in …, from
    2027/28``."""
    rate = f"at {lever.factor:.0%} of today's rate"
    about = [NEEDS.get(lever.need, lever.need)] if lever.need else []
    if lever.ncy:
        first, last = (group_label("year group", str(n)) for n in lever.ncy)
        about.append(first if first == last else f"{first} to {last}")
    need = f" ({', '.join(about)})" if about else ""
    where = f" in {_kind(lever.provision)}" if lever.provision else ""
    if lever.what == "joiners":
        said = f"New plans{where}{need} {rate}"
    elif lever.what == "leavers":
        said = f"Plans ending{where}{need} {rate}"
    else:
        said = f"Placements{where}{need} {rate}"
        if lever.transfer_to:
            said += f", the rest in {_kind(lever.transfer_to)}"
    return f"{said}, {_years(lever.from_year)}"


def describe_capacity(change: Capacity) -> str:
    """``20 special school places added, from 2026/27``."""
    done = "added" if change.places > 0 else "removed"
    places = f"{abs(change.places):,} {_kind(change.provision)} places"
    return f"{places} {done}, {_years(change.from_year)}"


def describe(scenario: Scenario) -> list[str]:
    """Each change of a scenario, in words; the baseline's is that nothing changes."""
    said = [describe_lever(lever) for lever in scenario.levers]
    said += [describe_capacity(change) for change in scenario.capacity]
    return said or ["Nothing changes: today's rates and trend carry on."]


def _change_text(change: ScenarioChange) -> str:
    if change.what == ScenarioChange.What.CAPACITY:
        return describe_capacity(change.capacity())
    return describe_lever(change.lever())


def scenarios_table(stored: Iterable[StoredScenario]) -> SafeString:
    """The built-in scenarios, then the area's own, each with what it changes."""
    rows = [
        [{"text": s.title}, {"text": "Built in"}, {"text": "; ".join(describe(s))}]
        for s in SCENARIOS.values()
    ]
    for scenario in stored:
        link = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("web:scenario", args=[scenario.pk]),
            scenario.title,
        )
        changes = "; ".join(_change_text(c) for c in scenario.changes.all()) or "No changes yet"
        rows.append([{"html": link}, {"text": "Defined for the area"}, {"text": changes}])
    return captioned_table("Scenarios", ["Scenario", "Made", "What it changes"], rows)


def changes_table(changes: Sequence[ScenarioChange], csrf: str | None) -> SafeString:
    """A scenario's changes; with ``csrf`` (a service manager), a button to remove each."""
    rows = []
    for change in changes:
        row = [{"text": change.get_what_display()}, {"text": _change_text(change)}]
        if csrf is not None:
            action = reverse("web:scenario-change-remove", args=[change.pk])
            row.append({"html": post_button(action, csrf, "Remove", _change_text(change))})
        rows.append(row)
    head = ["What changes", "The change", *(["Remove"] if csrf is not None else [])]
    return captioned_table("Its changes", head, rows)
