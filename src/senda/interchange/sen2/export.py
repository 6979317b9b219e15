"""The SEN2 return made from Senda's records: who is in it, and what each person's requests,
assessments, plans, placements and needs say (docs/sen2.md §4, "Who and what goes in the
return", states each rule below with its source).

    census = next_census(today)
    header = header_for(la, census, made_at=now)
    for person in persons_for(la, census, today=today): ...

The collection period is the calendar year before the census (``period(census)``); facts
are read as they stood on the census day, or today if the census is still ahead
(``as_of``): anything dated later is left out.

**Who.** A child of the area (a case of the area) with, as of that day,

- ``active``: a plan active on the census day (started on or before it, not ceased by it);
- ``activity``: a request received, a decision whether to assess or to issue, a plan issued,
  transferred in or ceased, or an annual review meeting, in the period or after it up to
  the census;
- ``ongoing``: a request not yet decided (outcome ``A``) on an open case.

**What.** Each request of the child that falls under one of those rules, with:

- request outcome ``Y``/``N`` (assess / refuse) with its date; ``H`` when it was decided
  before the period (it is there as the parent of a plan or a later step); ``A`` when not
  decided by the census; ``W`` when it was withdrawn (Senda records no withdrawal as
  such: a request never decided whose case was closed, or followed by a later request on
  the same case, was withdrawn);
- an ``Assessment`` under ``Y`` or ``H``: ``Y`` (a plan issued: the date the final plan was
  issued), ``N`` (not to issue), ``H`` (decided before the period), ``A`` or ``W`` as above;
  ``Week20`` when an exception to the 20-week limit (an ``exception`` step whose rules
  include ``final-plan``, reg 13(3)) was recorded in the request's cycle (from its receipt
  to the next request), as the clock reads it for the ``final-plan-20w`` KPI;
- the mediation and tribunal flags from the case's mediation and appeal records about
  decisions made from the request's receipt until the next request (``sen2_flags``);
- a ``NamedPlan`` for the plan the request led to (its start, residential, work-based,
  personal budget, cease date and reason, the settings named in it);
- ``ActivePlans`` when that plan is active on the census day: ``TransferLA`` when it was
  transferred in during the period (the LA it came from; ``000`` if that was not recorded),
  the latest review meeting (outcome ``M``/``A``/``C`` and decision date when decided), the
  placements attended during the period, the needs.

A plan with no request in Senda (transferred in from another area, or older than the
case's records) is reported under a request with outcome ``H`` whose received date is the
plan's start (SEN2 requires one; ``H`` requests are not counted as requests of the year).

Reads in chunks of ``CHUNK`` children: about a dozen queries a chunk, whatever its size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from senda.casework.models import (
    AssessmentRequest,
    Case,
    CaseEvent,
    NamedSetting,
    Placement,
    Plan,
    Review,
)
from senda.casework.models.disagreements import Appeal, Mediation
from senda.casework.sen2_flags import HELD_OUTCOMES, flags_from
from senda.clock.model import Event, exception_rules
from senda.clock.rules import phase_transfer as phase_transfer_due
from senda.interchange.sen2 import records as r
from senda.people.models import Child, LocalAuthority

#: Children read at a time.
CHUNK = 2000
#: Census days announced on GOV.UK (docs/sen2.md §4, GOVUK-G); other years: the third
#: Thursday of January.
KNOWN_CENSUS_DAYS = {2026: date(2026, 1, 15), 2027: date(2027, 1, 21)}
#: What the return writes as ``TransferLA`` for a plan transferred in whose LA was not
#: recorded (``Plan.transferred_from_la`` blank: records from before it was asked for). It
#: names no real LA, and the validator's ``S-transfer-la`` query says so.
TRANSFER_LA_UNKNOWN = "000"
ASSESS = {"assess": "Y", "refuse": "N"}
ISSUE = {"issue": "Y", "not-issue": "N"}
REVIEW = {"maintain": "M", "amend": "A", "cease": "C"}
#: The case events the return reads: exceptions (Week20), planned phase transfers and the
#: plans issued for them, draft amended plans after a review (ReviewDraft).
EVENT_TYPES = (
    "exception",
    "phase_transfer",
    "phase_transfer_plan_issued",
    "amendment_notice_issued",
)
#: The inclusion rules a person is counted under (a person may meet several).
RULES = {
    "active": "Plan active on the census day",
    "activity": "Activity in the collection period (request, decision, plan, review)",
    "ongoing": "Request not yet decided",
    "withdrawn": "Request withdrawn (outcome W)",
    "historical": "Request decided before the period (outcome H)",
    "transfer_in": "Plan transferred in during the period",
    "week20": "Exception to the 20-week limit (Week20)",
    "no_request": "Plan with no request recorded in Senda",
}


def census_day(year: int) -> date:
    """The census day of January ``year``: GOV.UK's, or the third Thursday."""
    if year in KNOWN_CENSUS_DAYS:
        return KNOWN_CENSUS_DAYS[year]
    first = date(year, 1, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + timedelta(weeks=2)


def next_census(today: date) -> date:
    """The next January census day on or after ``today``."""
    day = census_day(today.year)
    return day if day >= today else census_day(today.year + 1)


def last_census(today: date) -> date:
    """The last January census day before ``today``."""
    day = census_day(today.year)
    return day if day < today else census_day(today.year - 1)


def period(census: date) -> tuple[date, date]:
    """The collection period: the calendar year before the census."""
    return date(census.year - 1, 1, 1), date(census.year - 1, 12, 31)


def header_for(la: LocalAuthority, census: date, *, made_at: datetime) -> r.Header:
    from senda import __version__ as release

    return r.Header(
        collection="SEN2",
        year=census.year,
        reference_date=census,
        la=la.code,
        release=str(release),
        made_at=made_at.replace(microsecond=0),
    )


class _ChildRow(NamedTuple):
    pk: int
    family_name: str
    given_name: str
    date_of_birth: date | None
    sex: str
    ethnicity: str
    postcode: str
    upn: str
    uln: str
    upn_unknown: str
    primary_need: str
    secondary_need: str


@dataclass
class _Case:
    id: int
    closed: bool
    requests: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    placements: list[r.Placement] = field(default_factory=list)
    exceptions: list[date] = field(default_factory=list)
    #: Planned moves between phases (day, kind), phase-transfer plans and draft amended
    #: plans issued, by date.
    moves: list[tuple[date, str]] = field(default_factory=list)
    transfer_plans: list[date] = field(default_factory=list)
    drafts: list[date] = field(default_factory=list)
    mediations: list[tuple[date, list[str]]] = field(default_factory=list)
    appeals: list[tuple[date, list[str]]] = field(default_factory=list)


def candidates(la: LocalAuthority, census: date | None = None) -> list[int]:
    """The ids of the area's children with a request or a plan, in order (one query).

    With ``census``, only those whose cases may give the return a person: a request with
    a date in or after the collection period or not yet decided, or a plan not ceased
    before the period, or started in or after it, or reviewed in or after it. Every child
    the return holds is among them (each of ``_Maker``'s inclusion rules needs one of these
    dates in or after the period's start, or no decision yet: tests/interchange/sen2/
    test_export_candidates.py holds them to the unfiltered list); the others, children
    whose plans ceased and requests were decided before the period (a fifth of a mature
    register), are not read through Python at all."""
    # EXISTS on each case, not joins: a join reads every request and plan and then
    # removes the repeats (650,000 children: 0.7 s against 2 s on SQLite).
    requests = AssessmentRequest.objects.filter(case=OuterRef("pk"))
    plans = Plan.objects.filter(case=OuterRef("pk"))
    # Plans first: most children have a plan not ceased, and SQLite stops at the first
    # EXISTS that holds (650,000 children: 0.8 s, against 1.1 s with requests first).
    if census is None:
        where = Exists(plans) | Exists(requests)
    else:
        start = period(census)[0]
        where = (
            Exists(
                plans.filter(
                    Q(ceased_on__isnull=True)
                    | Q(ceased_on__gte=start)
                    | Q(issued_on__gte=start)
                    | Q(transferred_in_on__gte=start)
                )
            )
            | Exists(
                requests.filter(
                    Q(received_on__gte=start)
                    | Q(assess_outcome="")
                    | Q(assess_decided_on__isnull=True)
                    | Q(assess_decided_on__gte=start)
                    | Q(issue_decided_on__gte=start)
                )
            )
            | Exists(Review.objects.filter(plan__case=OuterRef("pk"), meeting_on__gte=start))
        )
    cases = Case.objects.filter(la=la).filter(where)
    return sorted({pk for (pk,) in _tuples(cases.order_by(), ("child_id",))})


def persons_for(
    la: LocalAuthority,
    census: date,
    *,
    today: date,
    rules: Counter[str] | None = None,
    chunk: int = CHUNK,
    children: list[int] | None = None,
    ids: list[int] | None = None,
) -> Iterator[r.Person]:
    """The return's persons, in order of child, read ``chunk`` children at a time.
    ``rules``, if given, counts the inclusion rules met (``RULES``); ``children``, if
    given, gets each person's child id as the person is yielded (for the pages that link a
    finding to the child's record); ``ids``, if given, are the candidates to read (sorted:
    a run of ``candidates(la, census)``, as a worker of ``parts`` reads), else all of them."""
    maker = _Maker(census, today, rules if rules is not None else Counter())
    if ids is None:
        ids = candidates(la, census)
    for start in range(0, len(ids), chunk):
        yield from maker.chunk(la, ids[start : start + chunk], children)


def _tuples(query: QuerySet[Any, Any], fields: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query``'s ``values_list(*fields)``, read straight from a cursor. Only
    for fields of dates, booleans, numbers and text, which the database driver already gives
    as Python values (SQLite's converts ``date`` and ``bool`` columns itself; PostgreSQL's
    gives them natively): the ORM's per-value converters would change nothing and cost
    more than the rest of the export's reading. Not for JSON or datetime fields."""
    sql, params = query.values_list(*fields).query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            yield from batch


def _setting(row: dict[str, Any]) -> dict[str, Any]:
    """A named setting's or placement's SettingRef fields: the setting's URN, or its UKPRN
    when it has no URN, or else the SEN2 setting code."""
    at = row["setting_id"] is not None
    urn = (row["setting__urn"] or "") if at else ""
    return {
        "urn": urn,
        "ukprn": (row["setting__ukprn"] or "") if at and not urn else "",
        "setting_code": "" if at else row["setting_code"],
        "setting_other": "" if at else row["setting_other"],
        "rank": row["rank"],
        "sen_unit": row["sen_unit"],
        "resourced_provision": row["resourced_provision"],
    }


SETTING_FIELDS = (
    "setting_id",
    "setting__urn",
    "setting__ukprn",
    "setting_code",
    "setting_other",
    "rank",
    "sen_unit",
    "resourced_provision",
    "superseded_on",
)


REQUEST_FIELDS = (
    "case_id",
    "received_on",
    "source",
    "assess_outcome",
    "assess_decided_on",
    "issue_outcome",
    "issue_decided_on",
    "returned_flags",
)
PLAN_FIELDS = (
    "id",
    "case_id",
    "issued_on",
    "transferred_in_on",
    "transferred_from_la",
    "ceased_on",
    "cease_reason",
    "residential",
    "work_based",
    "personal_budget",
    "organised_arrangements",
    "direct_payments",
    "returned_flags",
)


class _Maker:
    def __init__(self, census: date, today: date, rules: Counter[str]) -> None:
        self.census = census
        self.as_of = min(census, today)
        self.start, self.end = period(census)
        self.rules = rules
        self.needs: tuple[r.Need, ...] = ()
        #: The flags of a request with no mediation or appeal (most): made once, read only.
        self.no_flags = flags_from((), ())
        #: Named settings by their fields (records are frozen: one shared per distinct value).
        self.plan_settings: dict[tuple[Any, ...], r.PlanSetting] = {}
        #: Needs by (primary, secondary) code: a few hundred pairs at most.
        self.need_pairs: dict[tuple[str, str], tuple[r.Need, ...]] = {}

    def _current_on(self, superseded_on: date | None) -> bool:
        """Whether a named setting or placement superseded on ``superseded_on`` is current."""
        return superseded_on is None or superseded_on > self.as_of

    def chunk(
        self, la: LocalAuthority, child_ids: list[int], seen: list[int] | None = None
    ) -> Iterator[r.Person]:
        """The persons of the children ``child_ids`` (sorted): each table read once. The
        queries take ranges of ids (of the children, then of their cases and plans), not
        lists, so one costs the same to build whatever the chunk's size and is answered
        from the index of the foreign key; rows of other cases in the range are skipped."""
        as_of = self.as_of
        span = (child_ids[0], child_ids[-1])
        mine = set(child_ids)
        children = _tuples(Child.objects.filter(pk__range=span).order_by("pk"), _ChildRow._fields)
        cases: dict[int, _Case] = {}
        by_child: dict[int, list[_Case]] = defaultdict(list)
        # By the children's range alone (the index of the child), the area checked here: a
        # filter on the area would have the database read all the area's cases each time.
        for pk, child_id, status, la_id in _tuples(
            Case.objects.filter(child_id__gte=span[0], child_id__lte=span[1]).order_by("pk"),
            ("pk", "child_id", "status", "la_id"),
        ):
            if la_id != la.pk or child_id not in mine:
                continue
            cases[pk] = _Case(pk, status == Case.Status.CLOSED)
            by_child[child_id].append(cases[pk])
        if not cases:
            return
        of_cases = {"case_id__gte": min(cases), "case_id__lte": max(cases)}
        # Each row's case (or plan) looked up on the tuple, before a dict is made: the rows
        # of other children in the range are skipped at the cost of one lookup.
        for values in _tuples(
            AssessmentRequest.objects.filter(**of_cases, received_on__lte=as_of).order_by(
                "received_on", "pk"
            ),
            REQUEST_FIELDS,
        ):
            case = cases.get(values[0])
            if case is not None:
                case.requests.append(dict(zip(REQUEST_FIELDS, values, strict=True)))
        plans: dict[int, dict[str, Any]] = {}
        for values in _tuples(Plan.objects.filter(**of_cases).order_by("pk"), PLAN_FIELDS):
            case = cases.get(values[1])
            if case is None:
                continue
            row = dict(zip(PLAN_FIELDS, values, strict=True))
            started = row["issued_on"] or row["transferred_in_on"]
            if started is None or started > as_of:
                continue
            row.update(started=started, settings=[], reviews=[])
            plans[row["id"]] = row
            case.plans.append(row)
        of_plans = {"plan_id__gte": min(plans, default=0), "plan_id__lte": max(plans, default=0)}
        for plan_id, *key in _tuples(
            NamedSetting.objects.filter(**of_plans).order_by("plan_id", "rank", "pk"),
            ("plan_id", *SETTING_FIELDS),
        ):
            plan = plans.get(plan_id)
            if plan is not None and self._current_on(key[-1]):  # SETTING_FIELDS ends so
                setting = self.plan_settings.get(tuple(key))
                if setting is None:
                    if len(self.plan_settings) > 10_000:  # memory stays flat
                        self.plan_settings.clear()
                    made = r.PlanSetting(**_setting(dict(zip(SETTING_FIELDS, key, strict=True))))
                    setting = self.plan_settings.setdefault(tuple(key), made)
                plan["settings"].append(setting)
        review_fields = ("plan_id", "meeting_on", "outcome", "decided_on")
        for values in _tuples(
            Review.objects.filter(**of_plans, meeting_on__lte=as_of).order_by("meeting_on", "pk"),
            review_fields,
        ):
            plan = plans.get(values[0])
            if plan is not None:
                plan["reviews"].append(dict(zip(review_fields, values, strict=True)))
        placement_fields = (
            "case_id",
            "entered_on",
            "left_on",
            "residential",
            "work_based",
            *SETTING_FIELDS,
        )
        for values in _tuples(
            Placement.objects.filter(**of_cases, entered_on__lte=as_of)
            .exclude(left_on__lt=self.start)
            .order_by("case_id", "entered_on", "rank", "pk"),
            placement_fields,
        ):
            case = cases.get(values[0])
            if case is not None and self._current_on(values[-1]):  # SETTING_FIELDS ends so
                row = dict(zip(placement_fields, values, strict=True))
                left = row["left_on"]
                case.placements.append(
                    r.make(
                        r.Placement,
                        **_setting(row),
                        entry_date=row["entered_on"],
                        leaving_date=left if left and left <= as_of else None,
                        residential=row["residential"],
                        work_based=row["work_based"],
                    )
                )
        for case_id, kind, on, ground, applies_to, move in (
            CaseEvent.objects.current()
            .filter(**of_cases, type__in=EVENT_TYPES)
            .filter(Q(on__lte=as_of) | Q(type="phase_transfer"))  # a move may lie ahead
            .order_by("on", "pk")
            .values_list("case_id", "type", "on", "ground", "applies_to", "kind")
        ):
            case = cases.get(case_id)
            if case is None:
                continue
            if kind == "exception":
                event = Event("exception", on, ground=ground, applies_to=_rules(applies_to))
                if "final-plan" in exception_rules(event):
                    case.exceptions.append(on)
            elif kind == "phase_transfer":
                case.moves.append((on, move or "school"))
            elif kind == "phase_transfer_plan_issued":
                case.transfer_plans.append(on)
            else:
                case.drafts.append(on)
        for case_id, kind, decided, issues, met, outcome in Mediation.objects.filter(
            **of_cases, decision_on__lte=as_of
        ).values_list("case_id", "kind", "decision_on", "issues", "meeting_on", "outcome"):
            if case_id in cases and (
                kind == Mediation.Kind.MEDIATION and (met is not None or outcome in HELD_OUTCOMES)
            ):
                cases[case_id].mediations.append((decided, list(issues or ())))
        for case_id, decided, grounds, lodged, registered in Appeal.objects.filter(
            **of_cases, decision_on__lte=as_of
        ).values_list("case_id", "decision_on", "grounds", "lodged_on", "registered_on"):
            if case_id in cases and (lodged is not None or registered is not None):
                cases[case_id].appeals.append((decided, list(grounds or ())))
        for values in children:
            child = _ChildRow(*values)
            if child.pk not in mine:
                continue
            person = self.person(child, by_child.get(child.pk, []))
            if person is not None:
                if seen is not None:
                    seen.append(child.pk)
                yield person

    # -- one person ---------------------------------------------------------------------
    def person(self, child: _ChildRow, cases: Iterable[_Case]) -> r.Person | None:
        requests: list[r.Request] = []
        met: set[str] = set()
        pair = (child.primary_need, child.secondary_need)
        needs = self.need_pairs.get(pair)
        if needs is None:
            needs = self.need_pairs[pair] = tuple(
                r.Need(code, rank)
                for rank, code in ((1, pair[0]), (2, pair[1]))
                if code and (rank == 1 or code != pair[0])
            )
        self.needs = needs
        for case in cases:
            requests.extend(self.case_requests(case, met))
        if not requests:
            return None
        self.rules.update(met)
        return r.make(
            r.Person,
            surname=child.family_name,
            forename=child.given_name,
            birth_date=child.date_of_birth,
            sex=child.sex,
            ethnicity=child.ethnicity,
            postcode=child.postcode,
            upn=child.upn,
            uln=child.uln,
            upn_unknown=child.upn_unknown if not child.upn else "",
            requests=tuple(requests),
        )

    def any_in_window(self, days: list[date | None]) -> bool:
        """Whether any of ``days`` is ``in_window`` (one call, not one a day)."""
        start, as_of = self.start, self.as_of
        return any(day is not None and start <= day <= as_of for day in days)

    def in_window(self, day: date | None) -> bool:
        """In the period, or after it up to the day the return is read as of."""
        return day is not None and self.start <= day <= self.as_of

    def active(self, plan: dict[str, Any]) -> bool:
        # A cease still ahead of today (a census to come) has not happened: the plan is
        # active, as ``named_plan`` gives it no cease date (the import reads it so).
        return plan["started"] <= self.census and (
            plan["ceased_on"] is None or plan["ceased_on"] > self.as_of
        )

    def case_requests(self, case: _Case, met: set[str]) -> Iterator[r.Request]:
        plans_left = list(case.plans)
        requests = case.requests
        for i, request in enumerate(requests):
            following = requests[i + 1]["received_on"] if i + 1 < len(requests) else None
            plan = next(
                (
                    p
                    for p in plans_left
                    if p["issued_on"] is not None
                    and p["issued_on"] >= request["received_on"]
                    and (following is None or p["issued_on"] < following)
                ),
                None,
            )
            if plan is not None:
                plans_left.remove(plan)
            made = self.request(case, request, plan, following, met)
            if made is not None:
                yield made
        for plan in plans_left:
            made = self.plan_only(case, plan, met)
            if made is not None:
                yield made

    def _decided(self, outcome: str, on: date | None) -> tuple[str, date | None]:
        if not outcome or on is None or on > self.as_of:
            return "", None
        return outcome, on

    def request(
        self,
        case: _Case,
        row: dict[str, Any],
        plan: dict[str, Any] | None,
        following: date | None,
        met: set[str],
    ) -> r.Request | None:
        received = row["received_on"]
        assess, assessed_on = self._decided(row["assess_outcome"], row["assess_decided_on"])
        issue, issued_on = self._decided(row["issue_outcome"], row["issue_decided_on"])
        withdrawn = case.closed or (following is not None and following <= self.as_of)
        rules: set[str] = set()
        if plan is not None and self.active(plan):
            rules.add("active")
        steps = [received, assessed_on, issued_on]
        if plan is not None:
            steps += [plan["issued_on"], plan["ceased_on"]]
            steps += [review["meeting_on"] for review in plan["reviews"]]
        if self.any_in_window(steps):
            rules.add("activity")
        if not assess and not withdrawn:
            rules.add("ongoing")
        if not rules:
            return None
        # The request's outcome.
        if assess:
            outcome = "H" if assessed_on and assessed_on < self.start else ASSESS.get(assess, "")
        else:
            outcome = "W" if withdrawn else "A"
        outcome_date = assessed_on if outcome in ("Y", "N") else None
        flags = with_returned(self.flags(case, received, following), row["returned_flags"])
        assessment = None
        if outcome in ("Y", "H") and assess == "assess":
            assessment = self.assessment(
                case, row, issue, issued_on, plan, following, withdrawn, flags
            )
            if assessment.week20:
                rules.add("week20")
            if assessment.outcome == "H":
                rules.add("historical")
        if outcome == "W" or (assessment is not None and assessment.outcome == "W"):
            rules.add("withdrawn")
        if outcome == "H":
            rules.add("historical")
        met |= rules
        return r.make(
            r.Request,
            received_date=received,
            source=row["source"],
            outcome=outcome,
            outcome_date=outcome_date,
            mediation=flags["RequestMediation"],
            tribunal=flags["RequestTribunal"],
            assessment=assessment,
            active_plan=self.active_plan(case, plan) if plan and self.active(plan) else None,
        )

    def assessment(
        self,
        case: _Case,
        row: dict[str, Any],
        issue: str,
        issue_on: date | None,
        plan: dict[str, Any] | None,
        following: date | None,
        withdrawn: bool,
        flags: dict[str, bool],
    ) -> r.Assessment:
        decided: date | None
        if plan is not None:
            outcome, decided = "Y", plan["issued_on"]
        elif issue == "not-issue":
            outcome, decided = "N", issue_on
        elif withdrawn:
            outcome, decided = "W", None
        else:
            outcome, decided = "A", None  # not decided, or to issue and the plan not yet final
        if decided is not None and decided < self.start:
            outcome, decided = "H", None
        # The clock's reading: an exception recorded in the request's cycle (until the next
        # request) takes the case out of the 20-week measure.
        received = row["received_on"]
        week20 = any(
            received <= day and (following is None or day < following) for day in case.exceptions
        )
        return r.make(
            r.Assessment,
            outcome=outcome,
            outcome_date=decided,
            mediation=flags["AssessmentMediation"],
            tribunal=flags["AssessmentTribunal"],
            other_mediation=flags["OtherMediation"],
            other_tribunal=flags["OtherTribunal"],
            week20=week20,
            named_plan=self.named_plan(plan) if plan is not None else None,
        )

    def plan_only(self, case: _Case, plan: dict[str, Any], met: set[str]) -> r.Request | None:
        """A plan with no request in Senda: transferred in, or older than the records."""
        steps = [plan["started"], plan["ceased_on"], *(v["meeting_on"] for v in plan["reviews"])]
        active = self.active(plan)
        if not active and not self.any_in_window(steps):
            return None
        met.update({"no_request", "historical", "active" if active else "activity"})
        if plan["transferred_in_on"] and self.in_window(plan["transferred_in_on"]):
            met.add("transfer_in")
        flags = with_returned(self.no_flags, plan["returned_flags"])
        return r.make(
            r.Request,
            received_date=plan["started"],  # stands in: SEN2 requires a received date
            outcome="H",
            mediation=flags["RequestMediation"],
            tribunal=flags["RequestTribunal"],
            assessment=r.make(
                r.Assessment,
                outcome="H",
                mediation=flags["AssessmentMediation"],
                tribunal=flags["AssessmentTribunal"],
                other_mediation=flags["OtherMediation"],
                other_tribunal=flags["OtherTribunal"],
                named_plan=self.named_plan(plan),
            ),
            active_plan=self.active_plan(case, plan) if active else None,
        )

    def named_plan(self, plan: dict[str, Any]) -> r.NamedPlan:
        ceased = plan["ceased_on"] is not None and plan["ceased_on"] <= self.as_of
        return r.make(
            r.NamedPlan,
            start_date=plan["started"],
            residential=plan["residential"],
            work_based=plan["work_based"],
            personal_budget=plan["personal_budget"],
            organised_arrangements=plan["organised_arrangements"],
            direct_payments=plan["direct_payments"],
            cease_date=plan["ceased_on"] if ceased else None,
            cease_reason=plan["cease_reason"] if ceased else None,
            named_settings=tuple(plan["settings"]),
        )

    def active_plan(self, case: _Case, plan: dict[str, Any]) -> r.ActivePlan:
        reviews = plan["reviews"]
        review = reviews[-1] if reviews else None
        decided = review is not None and review["decided_on"] and review["decided_on"] <= self.as_of
        transferred = plan["transferred_in_on"]
        meeting = review["meeting_on"] if review else None
        draft = next((day for day in case.drafts if meeting and day >= meeting), None)
        due, final = self.phase_transfer(case, plan)
        return r.make(
            r.ActivePlan,
            transfer_la=(plan["transferred_from_la"] or TRANSFER_LA_UNKNOWN)
            if transferred and self.in_window(transferred)
            else "",
            review_meeting=review["meeting_on"] if review else None,
            review_outcome=REVIEW.get(review["outcome"], "") if review and decided else "",
            last_review=review["decided_on"] if review and decided else None,
            review_draft=draft,
            phase_transfer_due=due,
            phase_transfer_final=final,
            placements=tuple(case.placements),
            needs=self.needs,
        )

    def phase_transfer(self, case: _Case, plan: dict[str, Any]) -> tuple[date | None, date | None]:
        """The latest planned move between phases whose deadline (15 February, or 31 March
        for post-16: the clock's ``phase-transfer`` rule) falls in the period or later: its
        due date, and the date of the first phase-transfer plan issued after the move
        before it (as the clock pairs them), if issued by the census."""
        previous: date | None = None
        found: tuple[date | None, date | None] = (None, None)
        for on, kind in case.moves:
            due = phase_transfer_due(on, kind)
            final = next(
                (
                    day
                    for day in case.transfer_plans
                    if (previous is None or day > previous) and day >= plan["started"]
                ),
                None,
            )
            previous = on
            if due >= self.start and on >= plan["started"]:
                found = (due, final)
        return found

    def flags(self, case: _Case, since: date, until: date | None) -> dict[str, bool]:
        if not case.mediations and not case.appeals:
            return self.no_flags

        def about(rows: list[tuple[date, list[str]]]) -> list[list[str]]:
            return [issues for on, issues in rows if on >= since and (until is None or on < until)]

        return flags_from(about(case.mediations), about(case.appeals))


def with_returned(flags: dict[str, bool], returned: str) -> dict[str, bool]:
    """``flags`` (from Senda's mediation and appeal records) with those a return imported
    from another system gave as true (``AssessmentRequest.returned_flags``) set too."""
    if not returned:
        return flags
    names = set(returned.split())
    return {name: on or name in names for name, on in flags.items()}


def _rules(applies_to: Any) -> tuple[str, ...] | None:
    return tuple(applies_to) if applies_to is not None else None
