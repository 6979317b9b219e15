"""The places pages' tables: the register, its totals by kind and by locality, placements
elsewhere, children waiting (by case number, never by name), demand against capacity and
the capital programme. Board members see children's counts below the suppression
threshold as "Fewer than N" (and no vacancies beside them), and, where such a count could
be worked out from the register's other counts, one more count "Not shown"
(:func:`suppressed`; docs/suppression.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.casework.models import SETTING_CODES
from senda.people.models.children import SEN_TYPES
from senda.performance import suppress
from senda.sufficiency.capacity import Gap, Line, Total
from senda.sufficiency.models import CapitalPhase, CapitalProject, PostcodeLocality
from senda.sufficiency.placed import Waiting
from senda.sufficiency.space import PROVISION_LABELS
from senda.web.components import tag
from senda.web.formats import day, money, year_group_label
from senda.web.phone_tables import stacked_table

NEEDS = dict(SEN_TYPES)
CODES = dict(SETTING_CODES)
NUMERIC = "numeric"
#: A "Change" link, its hidden words saying what it changes.
CHANGE = (
    '{} <a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {}</span></a>'
)
STATUS_TAGS = {
    "proposed": "govuk-tag--grey",
    "approved": "govuk-tag--blue",
    "in_progress": "govuk-tag--light-blue",
    "open": "govuk-tag--green",
    "cancelled": "govuk-tag--red",
    "not_started": "govuk-tag--grey",
    "delayed": "govuk-tag--orange",
    "done": "govuk-tag--green",
}


def kind(provision: str) -> str:
    return PROVISION_LABELS.get(provision, provision)


def _n(value: int | float | str, **extra: Any) -> dict[str, Any]:
    text = value if isinstance(value, str) else f"{round(value):,}".replace("-", "−")
    return {"text": text, "format": NUMERIC, **extra}


def _table(
    caption: str, head: list[str], rows: list[list[dict[str, Any]]], numeric_from: int = 1
) -> SafeString:
    return stacked_table(
        caption=caption,
        captionClasses="govuk-table__caption--m",
        head=[
            {"text": text, **({"format": NUMERIC} if i >= numeric_from else {})}
            for i, text in enumerate(head)
        ],
        rows=rows,
    ).render()


@dataclass(frozen=True)
class Hidden:
    """The register's children's counts a reader may not see, beyond those below the
    threshold: hidden so that no hidden count can be worked out by subtraction."""

    lines: frozenset[int] = frozenset()  # positions in the register's lines
    localities: frozenset[tuple[str, str]] = frozenset()  # (locality, kind of place)
    kinds: frozenset[str] = frozenset()


class Counts:
    """Children's counts as a reader may see them: ``below`` 0 shows every count."""

    def __init__(self, below: int) -> None:
        self.below = below
        self.register = Hidden()

    def hidden(self, count: int) -> bool:
        return 0 < count < self.below

    def count(self, count: int, *, also_hidden: bool = False) -> str:
        if self.hidden(count):
            return f"Fewer than {self.below}"
        return "Not shown" if also_hidden else f"{count:,}"

    def vacancies(
        self, places: int | None, placed: int, vacant: int | None, *, also_hidden: bool = False
    ) -> str:
        if places is None or vacant is None:
            return "No places recorded"
        if self.hidden(placed) or also_hidden:
            return "Not shown"
        return f"{vacant:,}".replace("-", "−")

    def suppress_register(self, lines: Sequence[Line]) -> None:
        """Work out which more of the register's counts to hide (:func:`suppressed`)."""
        self.register = suppressed(lines, self.below)


def suppressed(lines: Sequence[Line], below: int) -> Hidden:
    """Secondary suppression of the register's three tables of children placed: each kind
    of place's total, its localities and its settings (a locality's settings add up to the
    locality's count; the localities, and the settings, of a kind each add up to the kind's).

    A count hidden for being small could be worked out as a total less the shown counts
    beside it. So while any sum has exactly one hidden part (or a hidden total is the sum
    of its shown parts), the smallest shown non-zero part is hidden too — a zero is never
    hidden to protect another, it could be pinned by another sum — or, with none left, the
    total itself, and this repeats over all the sums until none gives anything away. With
    ``below`` 0 nothing is hidden."""
    if below <= 0:
        return Hidden()
    counts: dict[Hashable, int] = defaultdict(int)
    parts: dict[Hashable, list[Hashable]] = defaultdict(list)
    for index, each in enumerate(lines):
        kind_, place = ("kind", each.provision), ("place", each.setting.locality, each.provision)
        counts[("line", index)] = each.placed
        counts[kind_] += each.placed
        counts[place] += each.placed
        parts[place].append(("line", index))
        parts[("settings", each.provision)].append(("line", index))
    places = [key for key in counts if key[0] == "place"]
    sums = [(key, parts[key]) for key in places]
    for key in [k for k in counts if k[0] == "kind"]:
        sums.append((key, [p for p in places if p[2] == key[1]]))
        sums.append((key, parts[("settings", key[1])]))
    off = {key: suppress.small(n, below) for key, n in counts.items()}
    while any(_protect(total, members, counts, off) for total, members in sums):
        pass
    more = {key for key, hidden in off.items() if hidden and not suppress.small(counts[key], below)}
    return Hidden(
        frozenset(key[1] for key in more if key[0] == "line"),
        frozenset((key[1], key[2]) for key in more if key[0] == "place"),
        frozenset(key[1] for key in more if key[0] == "kind"),
    )


def _protect(
    total: Hashable, members: list[Hashable], counts: dict[Hashable, int], off: dict[Hashable, bool]
) -> bool:
    """Hide one more count if the sum ``total`` = ``members`` gives a hidden count away;
    True if one was hidden."""
    hidden = [m for m in members if off[m] and counts[m]]
    # A hidden total is given away by its shown parts adding up to it; a shown one, by a
    # single hidden part.
    exposed = counts[total] > 0 and not hidden if off[total] else len(hidden) == 1
    if not exposed:
        return False
    shown = [(counts[m], str(m), m) for m in members if not off[m] and counts[m]]
    if shown:
        off[min(shown)[2]] = True
    elif not off[total]:
        off[total] = True
    else:
        return False
    return True


def register_table(lines: Iterable[Line], counts: Counts, can_change: bool) -> SafeString:
    head = ["Setting", "Kind of place", "Places", "Children placed", "Vacancies"]
    rows = []
    for index, line in enumerate(lines):
        also = index in counts.register.lines
        name: dict[str, Any] = {"text": line.setting.name}
        if can_change and line.record is not None:
            url = reverse("web:places-change", kwargs={"places_id": line.record.pk})
            name = {
                "html": format_html(CHANGE, line.setting.name, url, f"{line.setting.name} places")
            }
        rows.append(
            [
                name,
                {"text": kind(line.provision)},
                _n("None" if line.places is None else line.places),
                _n(counts.count(line.placed, also_hidden=also)),
                _n(counts.vacancies(line.places, line.placed, line.vacancies, also_hidden=also)),
            ]
        )
    return _table("Places at each setting", head, rows, numeric_from=2)


def totals_table(totals: dict[str, Total], counts: Counts) -> SafeString:
    head = ["Kind of place", "Places", "Children placed", "Vacancies"]
    rows = [
        [
            {"text": kind(provision)},
            _n(total.places),
            _n(counts.count(total.placed, also_hidden=provision in counts.register.kinds)),
            _n(
                counts.vacancies(
                    total.places,
                    total.placed,
                    total.vacancies,
                    also_hidden=provision in counts.register.kinds,
                )
            ),
        ]
        for provision, total in totals.items()
    ]
    return _table("Places of each kind", head, rows)


def locality_table(totals: dict[tuple[str, str], Total], counts: Counts) -> SafeString:
    head = ["Locality", "Kind of place", "Places", "Children placed", "Vacancies"]
    hidden = counts.register.localities
    rows = [
        [
            {"text": locality or "No locality recorded"},
            {"text": kind(provision)},
            _n(total.places),
            _n(counts.count(total.placed, also_hidden=(locality, provision) in hidden)),
            _n(
                counts.vacancies(
                    total.places,
                    total.placed,
                    total.vacancies,
                    also_hidden=(locality, provision) in hidden,
                )
            ),
        ]
        for (locality, provision), total in totals.items()
    ]
    return _table("Places by locality", head, rows, numeric_from=2)


def elsewhere_table(
    out_of_area: Counter[str], independent: Counter[str], counts: Counts
) -> SafeString:
    head = ["Kind of place", "Out of area", "Independent or non-maintained special"]
    kinds = sorted(
        set(out_of_area) | set(independent), key=lambda k: list(PROVISION_LABELS).index(k)
    )
    rows = [
        [{"text": kind(k)}, _n(counts.count(out_of_area[k])), _n(counts.count(independent[k]))]
        for k in kinds
    ]
    return _table("The area's children placed elsewhere", head, rows)


def waiting_table(waiting: Iterable[Waiting]) -> SafeString:
    head = ["Case", "Year group", "Primary need", "Where", "Since", "Days waited"]
    rows = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">Case {}</a>',
                    reverse("web:case-detail", kwargs={"case_id": w.case_id}),
                    w.case_id,
                )
            },
            {"text": year_group_label(w.year_group)},
            {"text": NEEDS.get(w.need, "Not recorded")},
            {"text": f"{CODES.get(w.code, w.code)} ({w.code})"},
            {"text": day(w.since)},
            _n(w.days),
        ]
        for w in waiting
    ]
    return _table("Children waiting for a place", head, rows, numeric_from=5)


def gaps_table(gaps: Iterable[Gap], *, by_locality: bool = False) -> SafeString:
    """One row per year and kind of place (in each locality ``by_locality``); a column of
    the places the scenario adds or removes only when it changes any."""
    gaps = list(gaps)
    changes = any(g.scenario for g in gaps)
    head = [
        *(["Locality"] if by_locality else []),
        "Year",
        "Kind of place",
        "Forecast plans (median)",
        "Forecast plans (95th percentile)",
        "Places",
        "New places to come",
        *(["Places the scenario adds or removes"] if changes else []),
        "Shortfall (median)",
        "Shortfall (95th percentile)",
    ]
    rows = [
        [
            *([{"text": g.locality}] if by_locality else []),
            {"text": f"January {g.year}"},
            {"text": kind(g.provision)},
            _n(g.plans),
            _n(g.plans_high),
            _n(g.places if g.recorded else "None recorded"),
            _n(g.pipeline),
            *([_n(f"{g.scenario:+,}".replace("-", "−") if g.scenario else "0")] if changes else []),
            *(
                (_shortfall(g.shortfall), _shortfall(g.shortfall_high))
                if g.compared
                else (_n("No places to compare"), _n("No places to compare"))
            ),
        ]
        for g in gaps
    ]
    caption = "Demand against capacity by locality" if by_locality else "Demand against capacity"
    return _table(caption, head, rows, numeric_from=3 if by_locality else 2)


def _shortfall(value: int) -> dict[str, Any]:
    """``3 short``, ``2 spare``, or ``0: none short or spare`` when demand meets places."""
    if value > 0:
        return _n(f"{value:,} short")
    if value < 0:
        return _n(f"{-value:,} spare")
    return _n("0: none short or spare")


def projects_table(projects: Iterable[CapitalProject]) -> SafeString:
    head = ["Project", "Kind of place", "Places planned", "Delivered", "Opens", "Status"]
    rows = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("web:capital-project", kwargs={"project_id": p.pk}),
                    p.name,
                )
            },
            {"text": kind(p.provision)},
            _n(p.places_planned),
            _n(p.places_delivered),
            {"text": day(p.opens_on), "format": NUMERIC},
            {"html": tag(p.get_status_display(), STATUS_TAGS.get(p.status))},
        ]
        for p in projects
    ]
    return _table("Projects", head, rows, numeric_from=2)


def project_summary(project: CapitalProject) -> SafeString:
    """The project as a GOV.UK summary list."""
    needs = ", ".join(NEEDS.get(n, n) for n in project.needs) or "Not recorded"
    pairs = [
        ("Kind of place", kind(project.provision)),
        ("Needs it serves", needs),
        ("Setting", project.setting.name if project.setting else "A new setting"),
        ("Places planned", f"{project.places_planned:,}"),
        ("Places delivered", f"{project.places_delivered:,}"),
        ("When its places open", day(project.opens_on)),
        ("Status", project.get_status_display()),
        ("Cost", money(project.cost) or "Not recorded"),
        ("Funding source", project.get_funding_source_display()),
        (
            "Recorded",
            f"{day(project.recorded_on)} by {_name(project.recorded_by)}",
        ),
    ]
    rows = [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]
    return GovUKSummaryList(rows=rows).render()  # type: ignore[arg-type]


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def phases_table(phases: Iterable[CapitalPhase], can_change: bool) -> SafeString:
    head = ["Phase", "Planned", "Actual", "Status"]
    rows = []
    for phase in phases:
        name: dict[str, Any] = {"text": phase.name}
        if can_change:
            url = reverse("web:capital-phase-edit", kwargs={"phase_id": phase.pk})
            name = {
                "html": format_html(
                    CHANGE,
                    phase.name,
                    url,
                    phase.name,
                )
            }
        actual = " to ".join(day(d) for d in (phase.actual_start, phase.actual_end) if d)
        rows.append(
            [
                name,
                {"text": f"{day(phase.planned_start)} to {day(phase.planned_end)}"},
                {"text": actual or "Not started"},
                {"html": tag(phase.get_status_display(), STATUS_TAGS.get(phase.status))},
            ]
        )
    return _table("Phases", head, rows, numeric_from=99)


def postcode_map_table(rows: Iterable[PostcodeLocality]) -> SafeString:
    """The area's postcode districts and sectors with their localities, each with a link
    to take it out of the map."""
    remove = (
        '<a class="govuk-link" href="{}">Remove<span class="govuk-visually-hidden"> {}</span></a>'
    )
    body = [
        [
            {"text": row.prefix},
            {"text": row.locality},
            {
                "html": format_html(
                    remove,
                    reverse("web:places-locality-remove", kwargs={"postcode_id": row.pk}),
                    row.prefix,
                )
            },
        ]
        for row in rows
    ]
    head = ["District or sector", "Locality", "Action"]
    return _table("Postcode districts and sectors", head, body, numeric_from=3)


def home_counts_table(counted: dict[str, int]) -> SafeString:
    """Children with a plan in force by where they live (a service manager's page: every
    count is shown)."""
    rows = [[{"text": name}, _n(count)] for name, count in counted.items()]
    return _table("Children with a plan by home locality", ["Home locality", "Children"], rows)
