"""Moving in: a SEN2 return read into a local area's records (issue 16, docs/sen2.md
"Moving in").

    run = load_file(la, Path("return.xml"), user=manager, today=date.today())
    run.outcome      # {"created": [1, 4], "upn": [2], "name_dob": [3], "key": [], ...}

``load_persons`` takes the header and the persons (each with the reader's findings) of a
file read by ``xml_read`` or ``collect_csv``. All or nothing: a first pass, which writes
nothing, gathers every problem (the reader's schema errors, the person rules of
``validate.check_person``, and what the import itself needs: dates to put steps on, settings
Senda knows, a person matching one child only), each naming the person by position and UPN
and the element; any problem raises :class:`NothingImported`. Otherwise one transaction
matches or creates each child, opens (or reuses) their case, writes the steps the clock
reads and the structured records, refreshes the case's deadlines and audits each child.

A person is matched to a child of the area by the key of an earlier import of the very same
person (nothing is written again), else by UPN, else by family name, given name and date
of birth (case-insensitive). For a matched child, only what Senda lacks is added: a step
already recorded on the same day, a request received the same day, a plan started the same
day, a review met the same day, a placement entered the same day at the same setting are
kept as they are, and the child's details are filled in only where blank.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from senda import audit
from senda.casework.clock_input import case_deadlines, events_by_case
from senda.casework.deadlines import deadline_rows
from senda.casework.models import (
    SETTING_CODES,
    AssessmentRequest,
    Case,
    CaseEvent,
    DeadlineRow,
    NamedSetting,
    Plan,
    Review,
)
from senda.casework.models import Placement as PlacementRow
from senda.casework.summary import SUMMARY_FIELDS, summarise
from senda.interchange.models import ImportedPerson, Sen2Run
from senda.interchange.sen2.findings import Finding, Unreadable
from senda.interchange.sen2.records import (
    ActivePlan,
    Assessment,
    Header,
    Person,
    Placement,
    Request,
    SettingRef,
)
from senda.people.identifiers import is_la_number
from senda.people.models import Child, LocalAuthority, Setting
from senda.people.models.children import SEN_TYPES, UPN_UNKNOWN_REASONS
from senda.people.models.staff import Membership, Role

#: How many findings (queries the import let through) a run keeps.
KEPT_FINDINGS = 500
#: Rows written per statement when written together.
BATCH = 500
SETTING_CODE_VALUES = frozenset(code for code, _ in SETTING_CODES)
SEN_TYPE_VALUES = frozenset(code for code, _ in SEN_TYPES)
UPN_UNKNOWN_VALUES = frozenset(code for code, _ in UPN_UNKNOWN_REASONS)
#: SEN2's request and assessment outcomes as the request record keeps them: a decision
#: (Y, N) is also a step with its date; W is kept on the record only. H (decided before the
#: collection period, no date given) is kept as the decision to assess, dated the day the
#: request was received, and the decision to issue, dated the day the plan started (none
#: without a plan): stand-in dates on the record, before the period as H says, and no step.
ASSESS_OUTCOMES = {"Y": "assess", "N": "refuse", "W": "withdrawn", "H": "assess"}
ISSUE_OUTCOMES = {"Y": "issue", "N": "not-issue", "W": "withdrawn", "H": "issue"}
REVIEW_OUTCOMES = {"A": "amend", "C": "cease", "M": "maintain"}
#: The ground an exception gets when SEN2's Week20 says one applied (SEN2 does not say which).
WEEK20_GROUND = "personal-circumstances"
#: TransferLA values that mean "not transferred" (some systems write a flag, not an LA).
NOT_TRANSFERRED = frozenset({"", "0", "false", "n", "no"})
#: Lengths of the child's fields (people.Child), checked before writing.
CHILD_LIMITS = {
    "surname": ("Surname", 100),
    "forename": ("Forename", 100),
    "postcode": ("Postcode", 8),
    "ethnicity": ("Ethnicity", 4),
    "upn": ("UPN", 13),
    "uln": ("UniqueLearnerNumber", 10),
}


class NothingImported(Exception):
    """The file has problems: every one is listed and nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}")
        self.problems = problems


def person_key(la: LocalAuthority, person: Person) -> str:
    """A digest of the whole person as the file gives them (identity and records, not their
    position): the same person read again from the same or another file has the same key."""
    text = f"{la.code}|{replace(person, position=0)!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def describe(person: Person) -> str:
    return f"Person {person.position} (UPN {person.upn or 'none'})"


def problem(person: Person, element: str, message: str) -> str:
    return f"{describe(person)}: {element}: {message}"


def finding_problem(finding: Finding) -> str:
    who = f"Person {finding.position} (UPN {finding.upn or 'none'})"
    if finding.position == 0:
        who = "The file"
    return f"{who}: {finding.element}: {finding.message} [{finding.rule}]"


# --- the first pass: nothing written --------------------------------------------------


def check_header(la: LocalAuthority, header: Header, *, today: date) -> None:
    """Refuse a return for another area, another collection or a census still to come."""
    if header.collection and header.collection.strip().upper() != "SEN2":
        raise Unreadable(f"This is a {header.collection!r} file, not a SEN2 return.")
    if header.la.strip() != la.code:
        raise Unreadable(
            f"This return is for local authority {header.la or 'none'!r}, not {la.code} "
            f"({la.name}): import it into that area, or check the file."
        )
    if header.year != header.reference_date.year:
        raise Unreadable(
            f"The return's year ({header.year}) is not the year of its reference date "
            f"({header.reference_date:%Y-%m-%d})."
        )
    if header.reference_date > date(today.year + 1, 1, 31):
        raise Unreadable(
            f"The return's reference date ({header.reference_date:%Y-%m-%d}) is after the "
            "next January census: a return from the future cannot be imported."
        )


def _setting_index(persons: list[Person]) -> dict[tuple[str, str], Setting]:
    """The settings the file names, by ("urn", URN) and ("ukprn", UKPRN) (two queries)."""
    urns: set[str] = set()
    ukprns: set[str] = set()
    for person in persons:
        for ref in _setting_refs(person):
            if ref.urn:
                urns.add(ref.urn.strip())
            elif ref.ukprn:
                ukprns.add(ref.ukprn.strip())
    found: dict[tuple[str, str], Setting] = {}
    for setting in Setting.objects.filter(Q(urn__in=urns) | Q(ukprn__in=ukprns)):
        if setting.urn:
            found["urn", setting.urn] = setting
        if setting.ukprn:
            found["ukprn", setting.ukprn] = setting
    return found


def _setting_refs(person: Person) -> Iterator[SettingRef]:
    for request in person.requests:
        plan = request.assessment.named_plan if request.assessment else None
        if plan is not None:
            yield from plan.named_settings
        if request.active_plan is not None:
            yield from request.active_plan.placements


def _check_setting(
    person: Person, where: str, ref: SettingRef, settings: dict[tuple[str, str], Setting]
) -> list[str]:
    given = [name for name in ("urn", "ukprn", "setting_code") if getattr(ref, name).strip()]
    if len(given) != 1:
        return [
            problem(
                person,
                where,
                "give exactly one of URN, UKPRN or SENsetting "
                f"({'none' if not given else ' and '.join(n.upper() for n in given)} given).",
            )
        ]
    out: list[str] = []
    if ref.urn.strip() and ("urn", ref.urn.strip()) not in settings:
        out.append(
            problem(
                person,
                f"{where}/URN",
                f"no setting with URN {ref.urn.strip()!r} is in Senda: add the setting "
                "(with its phase and type) before importing.",
            )
        )
    if ref.ukprn.strip() and ("ukprn", ref.ukprn.strip()) not in settings:
        out.append(
            problem(
                person,
                f"{where}/UKPRN",
                f"no setting with UKPRN {ref.ukprn.strip()!r} is in Senda: add the setting "
                "(with its phase and type) before importing.",
            )
        )
    code = ref.setting_code.strip().upper()
    if code and code not in SETTING_CODE_VALUES:
        out.append(
            problem(
                person,
                f"{where}/SENsetting",
                f"{code!r} is not a SEN2 setting code ({', '.join(sorted(SETTING_CODE_VALUES))}).",
            )
        )
    if len(ref.setting_other) > 100:
        out.append(problem(person, f"{where}/SENsettingOther", "is longer than 100 characters."))
    if ref.rank is not None and not 0 < ref.rank < 100:
        out.append(problem(person, f"{where}/PlacementRank", f"{ref.rank} is not a rank."))
    return out


def check_person(
    person: Person, settings: dict[tuple[str, str], Setting], *, today: date
) -> list[str]:
    """What the import needs of one person beyond the return's own rules: the dates its steps
    go on, settings Senda knows, values Senda's records can hold."""
    out: list[str] = []
    if not person.surname.strip() or not person.forename.strip():
        out.append(problem(person, "Surname/Forename", "a child needs both names to be created."))
    if person.birth_date is None:
        out.append(problem(person, "PersonBirthDate", "a child needs a date of birth."))
    for name, (element, limit) in CHILD_LIMITS.items():
        if len(getattr(person, name)) > limit:
            out.append(problem(person, element, f"is longer than {limit} characters."))
    if person.sex and person.sex not in Child.Sex.values:
        out.append(problem(person, "Sex", f"{person.sex!r} is not M, F or U."))
    if person.upn_unknown and person.upn_unknown not in UPN_UNKNOWN_VALUES:
        out.append(problem(person, "UPNunknown", f"{person.upn_unknown!r} is not a reason code."))
    for n, request in enumerate(person.requests, 1):
        where = f"Requests[{n}]"
        if request.received_date is None:
            out.append(
                problem(person, f"{where}/ReceivedDate", "a request needs its received date.")
            )
        if request.outcome in ("Y", "N") and request.outcome_date is None:
            out.append(
                problem(
                    person,
                    f"{where}/RequestOutcomeDate",
                    f"the decision ({request.outcome}) needs its date.",
                )
            )
        if request.source is not None and request.source not in AssessmentRequest.Source.values:
            out.append(problem(person, f"{where}/RequestSource", f"{request.source} is not 1–5."))
        plan_start = None
        if request.assessment is not None:
            assessment = request.assessment
            if assessment.outcome in ("Y", "N") and assessment.outcome_date is None:
                out.append(
                    problem(
                        person,
                        f"{where}/Assessment/AssessmentOutcomeDate",
                        f"the decision ({assessment.outcome}) needs its date.",
                    )
                )
            named = assessment.named_plan
            if named is not None:
                at = f"{where}/Assessment/NamedPlan"
                plan_start = named.start_date
                if named.start_date is None:
                    out.append(problem(person, f"{at}/StartDate", "a plan needs its start date."))
                if (
                    named.cease_date is not None
                    and named.cease_reason not in Plan.CeaseReason.values
                ):
                    out.append(
                        problem(person, f"{at}/CeaseReason", "a ceased plan needs a reason 1–9.")
                    )
                if named.residential not in ("", "A", "B"):
                    out.append(problem(person, f"{at}/PlanRes", "is not A or B."))
                for i, ref in enumerate(named.named_settings, 1):
                    out += _check_setting(person, f"{at}/PlanDetail[{i}]", ref, settings)
        active = request.active_plan
        if active is not None:
            at = f"{where}/ActivePlans"
            if plan_start is None:
                out.append(
                    problem(
                        person,
                        at,
                        "an active plan needs the request's Assessment/NamedPlan with its "
                        "start date (the plan it belongs to).",
                    )
                )
            if active.review_outcome and active.review_outcome not in REVIEW_OUTCOMES:
                out.append(problem(person, f"{at}/ReviewOutcome", "is not A, C or M."))
            if active.review_outcome and active.last_review is None:
                out.append(problem(person, f"{at}/LastReview", "a review decision needs its date."))
            for i, placement in enumerate(active.placements, 1):
                pat = f"{at}/PlacementDetail[{i}]"
                out += _check_setting(person, pat, placement, settings)
                if placement.entry_date is None:
                    out.append(problem(person, f"{pat}/EntryDate", "a placement needs it."))
                if placement.residential not in ("", "A", "B"):
                    out.append(problem(person, f"{pat}/RES", "is not A or B."))
            ranks = [need.rank for need in active.needs]
            for i, need in enumerate(active.needs, 1):
                if need.sen_type not in SEN_TYPE_VALUES:
                    out.append(
                        problem(
                            person,
                            f"{at}/SENneed[{i}]/SENtype",
                            f"{need.sen_type!r} is not a SEN type code.",
                        )
                    )
            if any(rank not in (1, 2) for rank in ranks) or len(set(ranks)) != len(ranks):
                out.append(
                    problem(person, f"{at}/SENneed", "needs ranks 1 and 2, each at most once.")
                )
    return out


def _person_rules() -> Any:
    """``validate.check_person`` (the sen2xml module), or None until it exists."""
    try:
        from senda.interchange.sen2 import validate
    except ImportError:  # pragma: no cover - the validator lands beside this module
        return None
    return getattr(validate, "check_person", None)


@dataclass
class Match:
    person: Person
    key: str
    child: Child | None
    how: str


def match_people(la: LocalAuthority, persons: list[Person]) -> tuple[list[Match], list[str]]:
    """Each person's child: by an earlier import's key, UPN, or name and date of birth (three
    queries, whatever the number of persons)."""
    keys = {person_key(la, p): p for p in persons}
    imported = {
        row.person_key: row.child
        for row in ImportedPerson.objects.filter(la=la, person_key__in=keys)
        .select_related("child")
        .order_by("id")
    }
    upns = {p.upn.strip() for p in persons if p.upn.strip()}
    by_upn = {c.upn: c for c in Child.objects.filter(la=la, upn__in=upns)}
    births = {p.birth_date for p in persons if p.birth_date}
    by_name: dict[tuple[str, str, date | None], list[Child]] = {}
    for child in Child.objects.filter(la=la, date_of_birth__in=births):
        name = (child.family_name.casefold(), child.given_name.casefold(), child.date_of_birth)
        by_name.setdefault(name, []).append(child)
    matches: list[Match] = []
    problems: list[str] = []
    for person in persons:
        key = person_key(la, person)
        upn = person.upn.strip()
        name = (person.surname.strip().casefold(), person.forename.strip().casefold())
        named = by_name.get((*name, person.birth_date), [])
        if key in imported:
            matches.append(Match(person, key, imported[key], ImportedPerson.How.KEY))
        elif upn and upn in by_upn:
            matches.append(Match(person, key, by_upn[upn], ImportedPerson.How.UPN))
        elif len(named) > 1:
            problems.append(
                problem(
                    person,
                    "Surname/Forename/PersonBirthDate",
                    f"{len(named)} children in Senda have this name and date of birth: give "
                    "the person's UPN, or merge the children, before importing.",
                )
            )
        elif named and upn and named[0].upn and named[0].upn != upn:
            problems.append(
                problem(
                    person,
                    "UPN",
                    "a child in Senda has this name and date of birth but another UPN: "
                    "check which is right before importing.",
                )
            )
        elif named:
            matches.append(Match(person, key, named[0], ImportedPerson.How.NAME_DOB))
        else:
            matches.append(Match(person, key, None, ImportedPerson.How.CREATED))
    seen: dict[Any, Person] = {}
    for match in matches:
        who = match.child.pk if match.child else ("upn", match.person.upn.strip())
        if match.child is None and not match.person.upn.strip():
            continue
        first = seen.setdefault(who, match.person)
        if first is not match.person:
            problems.append(
                problem(
                    match.person,
                    "UPN" if match.person.upn else "Surname/Forename/PersonBirthDate",
                    f"is the same child as person {first.position}: a child appears once in "
                    "a return.",
                )
            )
    return matches, problems


def check_permission(la: LocalAuthority, user: User) -> None:
    may = Membership.objects.filter(
        user_id=user.pk, la=la, role=Role.SERVICE_MANAGER, user__is_active=True
    ).exists()
    if not may:
        raise PermissionDenied(f"Only a service manager of {la.name} may import a SEN2 return.")


# --- the second pass: writing ----------------------------------------------------------


@dataclass
class Writer:
    """Writes one person's records into their case, adding only what is not there. A
    ``fresh`` case (just created) has nothing to look up; the steps are written together
    (``flush``) in the order they were given."""

    case: Case
    user: User
    settings: dict[tuple[str, str], Setting]
    today: date
    fresh: bool = False
    written: dict[str, int] = field(default_factory=dict)
    _steps: set[tuple[str, date]] = field(default_factory=set)
    _new_steps: list[CaseEvent] = field(default_factory=list)
    _requests: dict[date, AssessmentRequest] = field(default_factory=dict)
    _plans: dict[date, Plan] = field(default_factory=dict)
    _fresh_plans: set[int] = field(default_factory=set)
    #: Rows of a fresh case's new plans (named settings, reviews) and its placements,
    #: which nothing in the import reads back: written together at the end (``write_later``).
    later: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.fresh:
            self._steps = set(self.case.events.current().values_list("type", "on"))

    def count(self, what: str, n: int = 1) -> None:
        self.written[what] = self.written.get(what, 0) + n

    def event(self, type: str, on: date, **fields: Any) -> None:
        if (type, on) in self._steps:
            return
        self._new_steps.append(
            CaseEvent(case=self.case, type=type, on=on, recorded_by=self.user, **fields)
        )
        self._steps.add((type, on))

    def flush(self) -> None:
        """Queue the steps gathered, in order, for ``write_later`` (a case's steps are read
        by date, then by when they were recorded: the order they are written in)."""
        if self._new_steps:
            self.later += self._new_steps  # written with the others', in this order
            self.count("events", len(self._new_steps))
            self._new_steps = []

    def setting_fields(self, ref: SettingRef, on: date) -> dict[str, Any]:
        setting = None
        if ref.urn.strip():
            setting = self.settings["urn", ref.urn.strip()]
        elif ref.ukprn.strip():
            setting = self.settings["ukprn", ref.ukprn.strip()]
        return {
            "setting": setting,
            "setting_code": "" if setting else ref.setting_code.strip().upper(),
            "setting_other": ref.setting_other,
            "rank": ref.rank or 1,
            "sen_unit": bool(ref.sen_unit),
            "resourced_provision": bool(ref.resourced_provision),
            "recorded_on": on,
        }

    def request(self, request: Request) -> None:
        received = request.received_date
        assert received is not None  # checked in the first pass
        if stands_in(request):
            plan = self.named_plan(request, flags=returned_flags(request))
            if plan is not None and request.active_plan is not None:
                self.active_plan(plan, request.active_plan)
            return
        row = self._requests.get(received)
        if row is None and not self.fresh:
            row = self.case.requests.filter(received_on=received).order_by("id").first()
        flags = returned_flags(request)
        if row is None:
            row = AssessmentRequest.objects.create(
                case=self.case,
                received_on=received,
                source=request.source or AssessmentRequest.Source.OTHER,
                returned_flags=flags,
            )
            self.count("requests")
        self._requests[received] = row
        self.event("request_received", received, source=request.source)
        changed: list[str] = []
        if flags and not row.returned_flags:
            row.returned_flags = flags
            changed.append("returned_flags")
        outcome = ASSESS_OUTCOMES.get(request.outcome)
        if outcome and not row.assess_outcome:
            decided = received if request.outcome == "H" else request.outcome_date
            row.assess_outcome, row.assess_decided_on = outcome, decided
            changed += ["assess_outcome", "assess_decided_on"]
        if request.outcome in ("Y", "N") and request.outcome_date:
            self.event("assess_decision", request.outcome_date, outcome=outcome)
        if request.assessment is not None:
            changed += self.assessment(request, request.assessment, row)
        if changed:
            row.save(update_fields=changed)
        plan = self.named_plan(request)
        if plan is not None and request.active_plan is not None:
            self.active_plan(plan, request.active_plan)

    def assessment(
        self, request: Request, assessment: Assessment, row: AssessmentRequest
    ) -> list[str]:
        changed: list[str] = []
        outcome = ISSUE_OUTCOMES.get(assessment.outcome)
        decided = assessment.outcome_date
        if assessment.outcome == "H":
            plan = assessment.named_plan
            decided = plan.start_date if plan else None
            outcome = outcome if plan else ""
        if outcome and not row.issue_outcome:
            row.issue_outcome, row.issue_decided_on = outcome, decided
            changed += ["issue_outcome", "issue_decided_on"]
        if assessment.week20:
            on = assessment.outcome_date or request.outcome_date or request.received_date
            assert on is not None
            self.event("exception", on, ground=WEEK20_GROUND)
        if assessment.outcome in ("Y", "N") and assessment.outcome_date:
            self.event("issue_decision", assessment.outcome_date, outcome=outcome)
        return changed

    def named_plan(self, request: Request, *, flags: str = "") -> Plan | None:
        """The request's named plan, found or created; ``flags``: the request's mediation
        and tribunal flags, kept on the plan when no request is recorded for it."""
        named = request.assessment.named_plan if request.assessment else None
        if named is None:
            return None
        start = named.start_date
        assert start is not None  # checked in the first pass
        transfer = transferred(request)
        created = False
        plan = self._plans.get(start)
        if plan is None and not self.fresh:
            plan = (
                self.case.plans.filter(Q(issued_on=start) | Q(transferred_in_on=start))
                .order_by("id")
                .first()
            )
        if plan is None:
            plan = Plan.objects.create(
                case=self.case,
                issued_on=None if transfer else start,
                transferred_in_on=start if transfer else None,
                transferred_from_la=transfer_la(request) if transfer else "",
                residential=named.residential,
                work_based=named.work_based,
                personal_budget=named.personal_budget,
                organised_arrangements=named.organised_arrangements,
                direct_payments=named.direct_payments,
                returned_flags=flags,
            )
            self.count("plans")
            self._fresh_plans.add(plan.pk)
            created = True
        self._plans[start] = plan
        if created:
            for ref in named.named_settings:
                self.later.append(NamedSetting(plan=plan, **self.setting_fields(ref, start)))
                self.count("named_settings")
        if transfer:
            self.event("transferred_in", start, from_la=transfer_la(request))
        else:
            self.event("final_plan_issued", start)
        if flags and not plan.returned_flags:
            plan.returned_flags = flags
            plan.save(update_fields=["returned_flags"])
        if named.cease_date is not None and plan.ceased_on is None:
            plan.ceased_on, plan.cease_reason = named.cease_date, named.cease_reason
            plan.save(update_fields=["ceased_on", "cease_reason"])
        if named.cease_date is not None:
            self.event("plan_ceased", named.cease_date, cease_reason=named.cease_reason)
        return plan

    def active_plan(self, plan: Plan, active: ActivePlan) -> None:
        meeting = active.review_meeting or active.last_review
        if meeting is not None:
            outcome = REVIEW_OUTCOMES.get(active.review_outcome, "")
            known = plan.pk not in self._fresh_plans and plan.reviews.filter(meeting_on=meeting)
            if not (known and known.exists()):
                review = Review(
                    case=self.case,
                    plan=plan,
                    meeting_on=meeting,
                    outcome=outcome,
                    decided_on=active.last_review if outcome else None,
                )
                if known is False:  # a fresh plan: nothing reads its reviews back
                    self.later.append(review)
                else:
                    review.save()
                self.count("reviews")
            self.event("review_meeting", meeting)
            if outcome and active.last_review:
                self.event("review_decision", active.last_review, outcome=outcome)
        # The steps the export reads these from (``export.EVENT_TYPES``): a draft amended
        # plan after the review, and a planned move between phases (on 1 September of the
        # year its deadline falls in, 31 March for post-16) with the plan issued for it.
        if active.review_draft is not None:
            self.event("amendment_notice_issued", active.review_draft)
        due = active.phase_transfer_due
        if due is not None:
            kind = "post16" if (due.month, due.day) == (3, 31) else "school"
            self.event("phase_transfer", date(due.year, 9, 1), kind=kind)
        if active.phase_transfer_final is not None:
            self.event("phase_transfer_plan_issued", active.phase_transfer_final)
        for placement in active.placements:
            self.placement(placement)

    def placement(self, placement: Placement) -> None:
        entered = placement.entry_date
        assert entered is not None  # checked in the first pass
        fields = self.setting_fields(placement, entered)
        if not self.fresh:
            same = self.case.placements.filter(
                entered_on=entered, setting=fields["setting"], setting_code=fields["setting_code"]
            )
            if same.exists():
                return
        row = PlacementRow(
            case=self.case,
            entered_on=entered,
            left_on=placement.leaving_date,
            residential=placement.residential,
            work_based=bool(placement.work_based),
            **fields,
        )
        if self.fresh:
            self.later.append(row)
        else:
            row.save()
        self.count("placements")


def stands_in(request: Request) -> bool:
    """A request that only carries a plan: outcome H and either transferred in (the request
    and its decisions were the other area's) or received the day the plan started (a plan
    older than the other system's records: SEN2 requires a received date, and Senda's
    export writes such a plan so, docs/sen2.md). No request is recorded for it: the plan
    is, with the transfer in or the final plan."""
    assessment = request.assessment
    named = assessment.named_plan if assessment else None
    if request.outcome != "H" or assessment is None or named is None:
        return False
    if assessment.outcome != "H" or assessment.week20:
        return False
    return named.start_date == request.received_date or transferred(request)


def returned_flags(request: Request) -> str:
    """The names of the request's mediation and tribunal flags that are true, as
    ``AssessmentRequest.returned_flags`` keeps them: the import writes no mediation or appeal
    records (it has none of their dates), so the flags are kept as the file gave them and
    Senda's return gives them again."""
    assessment = request.assessment
    given = [("RequestMediation", request.mediation), ("RequestTribunal", request.tribunal)]
    if assessment is not None:
        given += [
            ("AssessmentMediation", assessment.mediation),
            ("AssessmentTribunal", assessment.tribunal),
            ("OtherMediation", assessment.other_mediation),
            ("OtherTribunal", assessment.other_tribunal),
        ]
    return " ".join(name for name, on in given if on)


def transferred(request: Request) -> bool:
    active = request.active_plan
    return active is not None and active.transfer_la.strip().lower() not in NOT_TRANSFERRED


def transfer_la(request: Request) -> str:
    """The LA a plan transferred in from, as ``Plan.transferred_from_la`` keeps it: TransferLA
    when it is a 3-digit number other than 000 (which names no LA), else blank. A number not
    on DfE's list is kept as given: the validator queries it (``S-transfer-la``)."""
    active = request.active_plan
    code = active.transfer_la.strip() if active is not None else ""
    return code if is_la_number(code) and code != "000" else ""


def _opened_on(person: Person, census: date) -> date:
    days: list[date] = []
    for request in person.requests:
        days += [d for d in (request.received_date,) if d]
        named = request.assessment.named_plan if request.assessment else None
        if named and named.start_date:
            days.append(named.start_date)
        if request.active_plan:
            days += [p.entry_date for p in request.active_plan.placements if p.entry_date]
    return min(days, default=census)


def _needs(person: Person) -> dict[int, str]:
    """The person's needs by rank, from their latest active plan that gives any."""
    for request in reversed(person.requests):
        if request.active_plan and request.active_plan.needs:
            return {need.rank or 1: need.sen_type for need in request.active_plan.needs}
    return {}


def child_fields(person: Person) -> dict[str, Any]:
    needs = _needs(person)
    return {
        "family_name": person.surname.strip(),
        "given_name": person.forename.strip(),
        "date_of_birth": person.birth_date,
        "sex": person.sex,
        "ethnicity": person.ethnicity.strip(),
        "postcode": person.postcode.strip(),
        "upn": person.upn.strip(),
        "uln": person.uln.strip(),
        "upn_unknown": person.upn_unknown if not person.upn.strip() else "",
        "primary_need": needs.get(1, ""),
        "secondary_need": needs.get(2, ""),
    }


def _current_setting(person: Person, settings: dict[tuple[str, str], Setting]) -> Setting | None:
    for request in reversed(person.requests):
        for p in request.active_plan.placements if request.active_plan else ():
            if p.leaving_date is None and (p.rank or 1) == 1:
                if p.urn.strip():
                    return settings.get(("urn", p.urn.strip()))
                if p.ukprn.strip():
                    return settings.get(("ukprn", p.ukprn.strip()))
    return None


def _write_person(
    la: LocalAuthority,
    match: Match,
    *,
    user: User,
    today: date,
    census: date,
    settings: dict[tuple[str, str], Setting],
    stale: list[Case],
    later: list[Any],
) -> tuple[Child, dict[str, int]]:
    """Write one person; a case whose steps changed goes on ``stale`` (its deadlines are
    refreshed with the others', :func:`refresh_all`)."""
    person = match.person
    fields = child_fields(person)
    written: dict[str, int] = {}
    child = match.child
    if child is None:
        child = Child.objects.create(la=la, setting=_current_setting(person, settings), **fields)
        written["children"] = 1
    else:
        blanks = [name for name, value in fields.items() if value and not getattr(child, name)]
        if child.upn and "upn_unknown" in blanks:
            blanks.remove("upn_unknown")
        for name in blanks:
            setattr(child, name, fields[name])
        if blanks:
            child.save(update_fields=blanks)
            written["child_details"] = len(blanks)
    case = Case.objects.filter(la=la, child=child).order_by("opened_on", "id").last()
    created_case = case is None
    if case is None:
        case = Case.objects.create(la=la, child=child, opened_on=_opened_on(person, census))
        written["cases"] = 1
    writer = Writer(
        case=case, user=user, settings=settings, today=today, fresh=created_case, later=later
    )
    for request in sorted(person.requests, key=lambda r: r.received_date or census):
        writer.request(request)
    writer.flush()
    written.update(writer.written)
    if created_case:
        pending = any(
            r.outcome in ("", "A")
            or (r.outcome == "Y" and (r.assessment is None or r.assessment.outcome in ("", "A")))
            for r in person.requests
        )
        if not pending and not case.plans.live(today).exists():
            case.status = Case.Status.CLOSED
            case.save(update_fields=["status"])
    if writer.written:
        stale.append(case)
    if written:
        summary = ", ".join(f"{n} {what}" for what, n in sorted(written.items()))
        audit.record(
            user=user,
            verb="write",
            obj=case,
            child=child,
            summary=f"SEN2 import: person {person.position} ({match.how}), case {case.pk}: "
            f"{summary}",
        )
    return child, written


def write_later(rows: list[Any]) -> None:
    """The rows the writers left for the end, one ``bulk_create`` per model."""
    by_model: dict[type, list[Any]] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, of_model in by_model.items():
        model.objects.bulk_create(of_model, batch_size=BATCH)


def refresh_all(cases: list[Case], *, today: date) -> None:
    """``casework.deadlines.refresh_deadlines`` for many cases at once: their steps read in
    one query, their deadline rows replaced with one delete and one insert per batch."""
    for start in range(0, len(cases), BATCH):
        chunk = cases[start : start + BATCH]
        ids = [case.pk for case in chunk]
        events = events_by_case(
            CaseEvent.objects.current()
            .filter(case_id__in=ids)
            .order_by("case_id", "on", "recorded_at", "id")
        )
        rows: list[DeadlineRow] = []
        for case in chunk:
            found = case_deadlines(case, events.get(case.pk, []), today)
            summarise(case, events.get(case.pk, []), found, today=today)
            case.save(update_fields=SUMMARY_FIELDS)
            rows += deadline_rows(case, found, today)
        DeadlineRow.objects.filter(case_id__in=ids).delete()
        DeadlineRow.objects.bulk_create(rows, batch_size=BATCH)


def load_persons(
    la: LocalAuthority,
    header: Header,
    persons: Iterable[tuple[Person, list[Finding]]],
    *,
    user: User,
    today: date,
    file_name: str = "",
    sha256: str = "",
    file_findings: Callable[[], Iterable[Finding]] | None = None,
) -> Sen2Run:
    """Import a read return into ``la`` as ``user`` (a service manager of it); all or
    nothing (module docstring). Raises ``Unreadable`` (another area's return, another
    year's), ``PermissionDenied`` or :class:`NothingImported`."""
    check_permission(la, user)
    check_header(la, header, today=today)
    problems: list[str] = []
    queries: list[Finding] = []
    people: list[Person] = []
    rules = _person_rules()
    for position, (person, findings) in enumerate(persons, 1):
        if not person.position:
            person = replace(person, position=position)
        people.append(person)
        found = list(findings)
        if rules is not None:
            found += rules(person, header=header, today=today)
        for finding in found:
            if finding.level == "error":
                problems.append(finding_problem(finding))
            else:
                queries.append(finding)
    for finding in file_findings() if file_findings else ():
        if finding.level == "error":
            problems.append(finding_problem(finding))
    settings = _setting_index(people)
    for person in people:
        problems += check_person(person, settings, today=today)
    matches, matching = match_people(la, people)
    problems += matching
    if problems:
        raise NothingImported(list(dict.fromkeys(problems)))
    return _write(la, header, matches, settings, queries, user, today, file_name, sha256)


@transaction.atomic
def _write(
    la: LocalAuthority,
    header: Header,
    matches: list[Match],
    settings: dict[tuple[str, str], Setting],
    queries: list[Finding],
    user: User,
    today: date,
    file_name: str,
    sha256: str,
) -> Sen2Run:
    run = Sen2Run.objects.create(
        la=la,
        kind=Sen2Run.Kind.IMPORT,
        census_date=header.reference_date,
        made_by=user,
        file_name=file_name[:200],
        sha256=sha256,
        persons=len(matches),
        queries=len(queries),
        findings=[f.as_dict() for f in queries[:KEPT_FINDINGS]],
    )
    outcome: dict[str, Any] = {how: [] for how in ImportedPerson.How.values}
    totals: dict[str, int] = {}
    stale: list[Case] = []
    later: list[Any] = []
    imported: list[ImportedPerson] = []
    for match in matches:
        if match.how == ImportedPerson.How.KEY:
            assert match.child is not None
            child = match.child
        else:
            child, written = _write_person(
                la,
                match,
                user=user,
                today=today,
                census=header.reference_date,
                settings=settings,
                stale=stale,
                later=later,
            )
            for what, n in written.items():
                totals[what] = totals.get(what, 0) + n
        imported.append(
            ImportedPerson(
                run=run,
                la=la,
                person_key=match.key,
                position=match.person.position,
                child=child,
                how=match.how,
            )
        )
        outcome[match.how].append(match.person.position)
    ImportedPerson.objects.bulk_create(imported, batch_size=BATCH)
    write_later(later)
    refresh_all(stale, today=today)
    outcome["written"] = totals
    run.outcome = outcome
    run.save(update_fields=["outcome"])
    audit.record(
        user=user,
        verb="write",
        obj=run,
        la_id=la.pk,
        summary=f"SEN2 import {run.pk}: {len(matches)} persons, census "
        f"{header.reference_date:%Y-%m-%d}, sha256 {sha256[:12]}",
    )
    return run


def summary(run: Sen2Run) -> list[str]:
    """The outcome as lines for a person to read: how many of each, with positions."""
    outcome = run.outcome
    lines = [f"Imported {run.persons} person{'s' if run.persons != 1 else ''}:"]
    for how, label in ImportedPerson.How.choices:
        positions = outcome.get(how, [])
        if positions:
            shown = ", ".join(str(p) for p in positions[:50])
            more = f" and {len(positions) - 50} more" if len(positions) > 50 else ""
            lines.append(f"  {label}: {len(positions)} (persons {shown}{more})")
    written = outcome.get("written", {})
    if written:
        lines.append("  Written: " + ", ".join(f"{n} {w}" for w, n in sorted(written.items())))
    else:
        lines.append("  Nothing new was written.")
    return lines


def file_digest(path: Path) -> str:
    """The sha256 of a file, or of a folder's files (their names and bytes, sorted)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with file.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def read_path(path: Path) -> Any:
    """A ``Reading`` (``header``, ``persons()``) of an XML file, or of COLLECT's module CSVs
    in a folder or a zip file. Raises ``Unreadable``."""
    from senda.interchange.sen2 import collect_csv

    if path.is_dir() or path.suffix.lower() == ".zip" or path.suffix.lower() == ".csv":
        return collect_csv.read_folder(path)
    try:
        from senda.interchange.sen2 import xml_read
    except ImportError as missing:  # pragma: no cover - the reader lands beside this module
        raise Unreadable("Reading SEN2 XML is not available yet.") from missing
    with path.open("rb") as stream:
        data = stream.read()
    import io

    return xml_read.read(io.BytesIO(data))


def load_file(la: LocalAuthority, path: Path, *, user: User, today: date) -> Sen2Run:
    """Read ``path`` (SEN2 XML, or COLLECT's CSVs) and import it (:func:`load_persons`)."""
    path = Path(path)
    reading = read_path(path)
    return load_persons(
        la,
        reading.header,
        reading.persons(),
        user=user,
        today=today,
        file_name=path.name,
        sha256=file_digest(path),
        file_findings=lambda: getattr(reading, "file_findings", ()),
    )
