"""What lies behind a KPI counted from records (the portal's KPIs, and the complaints,
mediation and appeal KPIs of ``senda.casework.scrutiny``): the cases or settings
in its numerator and denominator for a quarter, as the records stand now, for council
staff on the KPI page. (A KPI counted from the clock's rows links to the service
dashboard's lists instead.)

    from senda.performance import behind
    found = behind.behind(la, entry, quarter, today)   # Behind | None
    for part in found.parts: part.label, part.items    # [(id, text)]

Cases are named by reference only (``R-<id>``), settings by name, young people in the
participation extracts by their case or the council's reference; feedback answers are
never listed (``found.listed`` is False): they are one person's view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from senda.casework.models import Case, Plan
from senda.pathways.models import Participation
from senda.people.models import LocalAuthority, Setting, Trainee
from senda.performance import records as measures
from senda.performance.catalogue.entry import Entry
from senda.performance.definitions import FromRecords
from senda.performance.periods import Period

#: How a record that is not a case or a setting is named in the list (``of``: its kind;
#: ``senda.quality.measures``): the web template links those that have a page.
RECORD_NAMES = {
    "audit": "Audit",
    "round": "Moderation round",
    "summary": "Learning summary",
    "report": "QA report",
    "panel": "Decision panel",
    "project": "Capital project",
    "forecast": "Forecast",
    "referral": "Referral",
    "profile-audit": "Profile audit",
    "register": "Register entry",
    "participation": "Participation record",
    "post": "Post",
}

#: What each part is called, for a rate and for a count.
RATE_LABELS = {
    "counted": "Counted in the figure",
    "missed": "In the denominator, not counted",
    "open": "Left out: not due yet",
}
COUNT_LABELS = {"counted": "Counted"}


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    items: list[tuple[int, str]]


@dataclass(frozen=True)
class Behind:
    """``of``: ``case`` (items are case ids and references), ``setting`` (ids and names),
    a QA record (``RECORD_NAMES``: ids and "Audit 12", "Moderation round 3"…) or ``answer``
    (not listed: ``parts`` give counts only); ``as_of``: the day judged."""

    of: str
    as_of: date
    parts: list[Part]
    #: Participation records (``of == "participation"``): each record's young person's
    #: case, where Senda holds one (the page links the case; the others link the young
    #: person's destinations page).
    cases: dict[int, int] = field(default_factory=dict)

    @property
    def listed(self) -> bool:
        return self.of != "answer"


def behind(la: LocalAuthority, entry: Entry, quarter: Period, today: date) -> Behind | None:
    """The records behind ``entry``'s figure for ``quarter`` (None: not a KPI counted from
    records)."""
    definition = entry.computed_by
    if not isinstance(definition, FromRecords):
        return None
    as_of = quarter.as_of(today)
    found = measures.count(definition.measure, la, quarter.start, quarter.end, as_of)
    labels = RATE_LABELS if found.rate else COUNT_LABELS
    ids = {"counted": found.counted, "missed": found.missed, "open": found.open}
    of: str = found.of
    if found.of == "plan":
        cases = dict(
            Plan.objects.filter(pk__in=[*found.counted, *found.missed]).values_list("pk", "case_id")
        )
        ids = {key: tuple(cases[pk] for pk in values) for key, values in ids.items()}
        of = "case"
    names: dict[int, str] = {}
    every = [pk for values in ids.values() for pk in values]
    if of == "setting":
        names = dict(Setting.objects.filter(pk__in=every).values_list("pk", "name"))
    elif of == "trainee":  # staff, named for their manager: no child is in the register
        names = {pk: f"{name} ({org})" for pk, name, org in _trainees(every)}
    elif of == "participation":
        young = _young_peoples_cases(la, every)
        refs = dict(Participation.objects.filter(pk__in=every).values_list("pk", "person_ref"))
    parts = []
    for key, label in labels.items():
        values = ids[key]
        if key == "open" and not values:
            continue
        if of == "case":
            items = [(pk, f"R-{pk}") for pk in values]
        elif of == "setting":
            items = sorted(((pk, names.get(pk, f"Setting {pk}")) for pk in values), key=_by_name)
        elif of == "trainee":
            items = [(pk, names.get(pk, f"Person {pk}")) for pk in values]
        elif of == "participation":  # the young person's case where Senda holds one
            items = [
                (pk, f"Case R-{young[pk]}" if pk in young else f"Young person {refs.get(pk, pk)}")
                for pk in values
            ]
        elif of in RECORD_NAMES:
            items = [(pk, f"{RECORD_NAMES[of]} {pk}") for pk in values]
        else:
            items = [(pk, "") for pk in values]
        parts.append(Part(key, label, items))
    if of == "participation":
        return Behind(of, as_of, parts, cases=young)
    return Behind(of, as_of, parts)


def _young_peoples_cases(la: LocalAuthority, ids: list[int]) -> dict[int, int]:
    """The case of each participation record's young person, where Senda holds one (the
    record's child matched and with a case), so staff go from the figure to them."""
    child_of = dict(Participation.objects.filter(pk__in=ids).values_list("pk", "child_id"))
    case_of = Case.objects.for_area(la).latest_of_children(c for c in child_of.values() if c)
    return {pk: case_of[child] for pk, child in child_of.items() if child in case_of}


def _trainees(ids: list[int]) -> list[tuple[int, str, str]]:
    return list(Trainee.objects.filter(pk__in=ids).values_list("pk", "name", "organisation"))


def _by_name(item: tuple[int, str]) -> str:
    return item[1].lower()
