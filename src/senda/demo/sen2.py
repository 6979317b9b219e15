"""The demo area's SEN2 side (issue 16): placements and named settings, the data-quality
history, a handful of faults for the return's checks to find, and last January's return.

- ``write_placements``: each plan's placements and named settings (``demo.sen2_facts``),
  written with ``senda.rows``.
- ``plan_history`` / ``write_history``: the data-quality KPIs' trend. A child's record
  keeps no history, so ``senda tick`` can only count the data-quality checks for today
  (``performance.tick.TODAY_ONLY_RECORDS``). The demo replays the filling-in of the SEN2
  flags (missing-UPN reasons, elective home education, children missing education) over
  the last :data:`HISTORY_MONTHS` months: the children are written with the gaps they had
  at the first month end, the checks (``interchange.measures``, as the tick runs them) are
  counted on the database as it then stands and kept as that day's facts, the gaps filled
  that month are filled, and so on to today's state. Every figure is a count the checks
  made of a state the demo database really held; the history itself is synthetic (the
  service's pace of filling in is drawn), as ``docs/demo-sen2.md`` says.
- ``write_faults``: the faults listed in :data:`FAULTS`, each a mistake real records hold.
- ``write_past_return``: the SEN2 return made for last January's census.

Each draws from its own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from io import BytesIO
from random import Random

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework.models import AssessmentRequest, Case, NamedSetting, Placement, Plan
from senda.casework.scrutiny import judged
from senda.demo.child_flags import Flags
from senda.demo.sen2_facts import PlanFacts
from senda.interchange import measures
from senda.interchange.models import Sen2Run
from senda.interchange.sen2 import runs
from senda.interchange.sen2.export import last_census, next_census
from senda.people.models import Child, LocalAuthority, Setting
from senda.performance.models import KpiFact
from senda.performance.models.facts import ALL
from senda.performance.periods import containing, history_days
from senda.rows import insert_rows, unsaved

#: Month ends of data-quality history before today.
HISTORY_MONTHS = 6
#: Share of the flags recorded today that were already recorded at the first month end;
#: the rest were filled in month by month, a little more each month (the last weight: the
#: days of this month so far, after the last month end).
RECORDED_BEFORE = 0.7
FILLED_WEIGHTS = (12, 14, 16, 18, 20, 4)


# --- placements and named settings ---------------------------------------------------------


def write_placements(
    plans: Iterable[tuple[Case, Plan, PlanFacts]], settings: Sequence[Setting]
) -> tuple[int, int]:
    """Each plan's placements (on its case) and named settings; how many of each."""
    stays, named = [], []
    for case, plan, facts in plans:
        for stay in facts.stays:
            stays.append(
                unsaved(
                    Placement,
                    case_id=case.pk,
                    setting_id=None if stay.setting is None else settings[stay.setting].pk,
                    setting_code=stay.code,
                    setting_other=stay.other,
                    rank=stay.rank,
                    sen_unit=stay.sen_unit,
                    resourced_provision=stay.resourced_provision,
                    recorded_on=stay.entered_on,
                    entered_on=stay.entered_on,
                    left_on=stay.left_on,
                    residential=stay.residential,
                    work_based=stay.work_based,
                )
            )
        on = facts.named_on or plan.started_on or case.opened_on
        for item in facts.named:
            named.append(
                unsaved(
                    NamedSetting,
                    plan_id=plan.pk,
                    setting_id=None if item.setting is None else settings[item.setting].pk,
                    setting_code=item.code,
                    setting_other=item.other,
                    rank=item.rank,
                    recorded_on=on,
                )
            )
    insert_rows(stays)
    insert_rows(named)
    return len(stays), len(named)


# --- the data-quality history ------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """The children's flags at the first month end (``first``) and, for each child, the
    month its gaps were filled (0: before the history began; ``k``: after the k-th month
    end)."""

    first: list[Flags]
    filled: list[int]


def plan_history(*, seed: int, final: Sequence[Flags]) -> History:
    """When each child's flags (``final``: as they are today) were recorded."""
    rng = Random(f"{seed}-dq-history")
    months = range(1, HISTORY_MONTHS + 1)
    weights = FILLED_WEIGHTS[-HISTORY_MONTHS:]
    assert len(weights) == HISTORY_MONTHS
    first, filled = [], []
    for flags in final:
        month = 0 if rng.random() < RECORDED_BEFORE else rng.choices(months, weights)[0]
        filled.append(month)
        first.append(flags if month == 0 else Flags())
    return History(first, filled)


def write_history(
    *,
    la: LocalAuthority,
    today: date,
    children: Sequence[Child],
    final: Sequence[Flags],
    history: History,
) -> list[date]:
    """Count the data-quality checks at each month end on the database as it stands, keep
    the counts as that day's facts, then fill that month's gaps; at the end the children
    hold ``final``. The days written."""
    days = [day for day in history_days(today, HISTORY_MONTHS) if day < today]
    facts = []
    for month, day in enumerate(days, start=1):
        facts += _data_quality_facts(la, day)
        _fill(
            (child, flags)
            for child, flags, filled in zip(children, final, history.filled, strict=True)
            if filled == month
        )
    # A month filled after the last month end (none when the history is shorter).
    _fill(
        (child, flags)
        for child, flags, filled in zip(children, final, history.filled, strict=True)
        if filled > len(days)
    )
    insert_rows(facts)
    return days


def _fill(changes: Iterable[tuple[Child, Flags]]) -> None:
    """Write the flags of these children: one UPDATE per field and value."""
    groups: dict[tuple[str, object], list[int]] = defaultdict(list)
    for child, flags in changes:
        for f in fields(Flags):
            value = getattr(flags, f.name)
            if value is not None and value != "":
                groups[(f.name, value)].append(child.pk)
    for (name, value), ids in groups.items():
        for start in range(0, len(ids), 500):
            Child.objects.filter(pk__in=ids[start : start + 500]).update(**{name: value})


def _data_quality_facts(la: LocalAuthority, day: date) -> list[KpiFact]:
    """The data-quality KPIs' facts as ``senda tick`` run on ``day`` writes them
    (``tick.records_facts``): each check counted as of ``day``, for the month and the
    quarter containing it (both judged on ``day``, so counted once)."""
    periods = [containing(day, "month"), containing(day, "quarter")]
    assert all(judged(period.end, day) == day for period in periods)
    facts = []
    for name in measures.MEASURES:
        found = measures.count(name, la, periods[0].start, periods[0].end, day)
        facts += [
            KpiFact(
                la=la,
                kpi=name,
                on=day,
                period=period.kind,
                period_start=period.start,
                dimension=ALL,
                member="",
                numerator=found.numerator,
                denominator=found.denominator,
            )
            for period in periods
        ]
    return facts


# --- faults for the return's checks to find ------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """A mistake planted in one child's record: ``key``, what the return's checks say
    (``finding``) and how a user puts it right (``fix``). ``docs/demo-sen2.md`` lists them."""

    key: str
    finding: str
    fix: str


#: The faults ``write_faults`` plants in the main area, each on a different open case with
#: a live plan (never a persona's), each a mistake a council's imported or hand-kept records
#: really hold, and each a write the models allow (so no UPN failing its check letter: the
#: demo keeps every identifier valid). Each is in the coming census's return: the records
#: it touches fall in the collection year (the calendar year before the census).
FAULTS: tuple[Fault, ...] = (
    Fault(
        "no-identifier",
        "Error: no UPN, no ULN and no missing-UPN reason (a person needs one of the three).",
        "Identifiers and flags: record the UPN from the child's school, or the reason there "
        "is none. Also on the data-quality page (No UPN and no reason recorded).",
    ),
    Fault(
        "over-25",
        "Error: a person over 25 with an active plan (the year of birth was typed ten "
        "years early).",
        "Correct the date of birth (the plan and its deadlines are then judged on the right age).",
    ),
    Fault(
        "ceased-no-reason",
        "Error: a plan with a cease date and no cease reason.",
        "Record why the plan ceased (SEN2 CeaseReason 1 to 9).",
    ),
    Fault(
        "oth-no-text",
        "Query: a placement recorded as Other (OTH) with no description.",
        "Say in a few words what the placement is (for example a supported internship).",
    ),
    Fault(
        "left-before-entry",
        "Error: a placement's leaving date is before its entry date (the entry date was "
        "typed as the day the record was updated).",
        "Correct the earlier placement's entry date.",
    ),
    Fault(
        "request-after-decision",
        "Error: a request received after the decision on it (the received date typed as "
        "the day the paperwork was scanned).",
        "Correct the request's received date from the request itself.",
    ),
)


def write_faults(
    *, seed: int, la: LocalAuthority, today: date, skip: Iterable[int] = ()
) -> dict[str, int]:
    """Plant :data:`FAULTS` in ``la``'s records; the case each went to, by key. A fault
    whose kind of record the area does not hold (a very small area) is left out."""
    rng = Random(f"{seed}-sen2-faults")
    used = set(skip)
    live = list(
        Case.objects.filter(la=la, status=Case.Status.OPEN, plans__ceased_on__isnull=True)
        .order_by("pk")
        .values_list("pk", "child_id", "child__date_of_birth", "child__upn", "child__primary_need")
        .distinct()
    )
    current = defaultdict(list)
    for row in Placement.objects.filter(case__la=la, left_on__isnull=True).values_list(
        "case_id", "pk", "setting_code", "rank"
    ):
        current[row[0]].append(row[1:])
    start = date(next_census(today).year - 1, 1, 1)  # the collection year's first day
    ended = dict(
        Placement.objects.filter(
            case__la=la, left_on__gte=start, left_on__lte=today - timedelta(days=5)
        )
        .order_by("case_id", "pk")
        .values_list("case_id", "pk")
    )

    def age(born: date) -> int:
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def pick(test: object) -> tuple[int, int, date, str, str] | None:
        found = [row for row in live if row[0] not in used and test(row)]  # type: ignore[operator]
        if not found:
            return None
        row = rng.choice(found)
        used.add(row[0])
        return row

    done: dict[str, int] = {}
    if row := pick(lambda r: 6 <= age(r[2]) <= 14 and r[3]):
        Child.objects.filter(pk=row[1]).update(upn="", uln="", upn_unknown="")
        done["no-identifier"] = row[0]
    if row := pick(lambda r: 16 <= age(r[2]) <= 18):
        born = row[2]
        typed = born.replace(year=born.year - 10, day=min(born.day, 28 if born.month == 2 else 31))
        Child.objects.filter(pk=row[1]).update(date_of_birth=typed)
        done["over-25"] = row[0]
    ceased = (
        Plan.objects.filter(
            case__la=la,
            ceased_on__gte=start,
            ceased_on__lte=today,
            cease_reason__isnull=False,
        )
        .exclude(case_id__in=used)
        .order_by("pk")
    )
    plan = rng.choice(list(ceased)) if ceased.exists() else None
    if plan is not None:
        Plan.objects.filter(pk=plan.pk).update(cease_reason=None)
        used.add(plan.case_id)
        done["ceased-no-reason"] = plan.case_id
    if row := pick(lambda r: any(code == "OTH" for _pk, code, _rank in current[r[0]])):
        stay = next(pk for pk, code, _rank in current[row[0]] if code == "OTH")
        Placement.objects.filter(pk=stay).update(setting_other="")
        done["oth-no-text"] = row[0]
    if row := pick(lambda r: r[0] in ended and len(current[r[0]]) == 1):
        stay = Placement.objects.get(pk=ended[row[0]])
        left = stay.left_on
        assert left is not None
        wrong = min(left + timedelta(days=rng.randint(5, 40)), today)
        Placement.objects.filter(pk=stay.pk).update(entered_on=wrong)
        done["left-before-entry"] = row[0]
    requests = list(
        AssessmentRequest.objects.filter(
            case__la=la,
            case__status=Case.Status.OPEN,
            assess_decided_on__gte=start,
            assess_decided_on__lte=today - timedelta(days=3),
        )
        .exclude(case_id__in=used)
        .order_by("pk")
    )
    if requests:
        request = rng.choice(requests)
        assert request.assess_decided_on is not None
        received = min(request.assess_decided_on + timedelta(days=rng.randint(3, 20)), today)
        AssessmentRequest.objects.filter(pk=request.pk).update(received_on=received)
        used.add(request.case_id)
        done["request-after-decision"] = request.case_id
    return done


# --- last January's return -----------------------------------------------------------------


def write_past_return(*, la: LocalAuthority, today: date, by: User) -> Sen2Run | None:
    """The return ``by`` (the service manager) made for last January's census, made now by
    ``interchange.sen2.runs.write_return`` from the records as they stand and dated ten
    days after the census, when it would have been made. The file itself is not kept (an
    export never is); its run, counts and findings are. None when the census falls before
    the area's history."""
    census = last_census(today)
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    run, _report = runs.write_return(la, census=census, out=BytesIO(), user=by, today=today)
    made = timezone.make_aware(datetime.combine(census + timedelta(days=10), time(10, 30)))
    Sen2Run.objects.filter(pk=run.pk).update(made_at=min(made, timezone.now()))
    # The demo's history is data, not anyone's activity (as ``demo.performance``): the
    # build is recorded as one audit entry, so the export's own entry goes.
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id > %s", [before])
    run.refresh_from_db()
    return run
