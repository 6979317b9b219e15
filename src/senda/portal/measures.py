"""The portal's measures: what the KPI catalogue's portal KPIs count, read from the portal's
records (and casework's), never typed in.

    from senda.portal import measures
    found = measures.count("portal-reports-on-time", la, start, end, as_of)
    found.numerator, found.denominator      # the figure
    found.counted, found.missed             # the ids behind it (cases, settings …)

Each measure reads records as they stood on ``as_of`` as far as their dates allow: a
record dated after ``as_of`` is not counted, so ``senda tick`` can rebuild a past day. A
measure of a period still running is judged on ``as_of``; one of a period over, on its
last day. ``Behind.of`` names what the ids are: ``case``, ``setting``, ``plan`` or
``answer`` (a feedback answer: never listed by person).

``senda.performance`` computes its portal KPIs from here (``senda tick``); the council's
received tray keeps its own lists of late settings, and both follow the same rules
(2 weeks after the meeting, SEND Regulations 2014 reg 20(7); a setting is *late* when more
than ``SENDA_LATE_SETTING_SHARE`` of its returns due in the last 12 months were late or
missing, counted from the clock's ``review-report`` rows as the returns page counts them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from django.db.models import Q

from senda.casework.models import DeadlineRow, IncorporatedAdvice, Plan
from senda.clock import REVIEW_DUE_RULES
from senda.people.models import LocalAuthority, Membership, Role, SettingMember
from senda.portal import support
from senda.portal.feedback_summary import TERMS, Term
from senda.portal.models import FeedbackSummary, PortalFeedback, ReviewReport, SurveyResponse
from senda.portal.surveys import SATISFIED

#: A review report is due this long after the meeting (SEND Regulations 2014 reg 20(7)).
REPORT_WITHIN = timedelta(weeks=2)
#: How far back a setting's share of late reports is taken.
LATE_LOOKBACK_DAYS = 365
#: The answers that count as finding the portal easy: agree, strongly agree.
EASY_ANSWERS = (PortalFeedback.Answer.AGREE, PortalFeedback.Answer.STRONGLY_AGREE)

Of = Literal["case", "setting", "plan", "answer"]


@dataclass(frozen=True)
class Behind:
    """A measure's figure and what lies behind it: ``counted`` (numerator, and
    denominator for a rate), ``missed`` (denominator only), ``open`` (left out: the outcome
    is not known yet). ``rate``: False for a count (numerator only)."""

    of: Of
    counted: tuple[int, ...]
    missed: tuple[int, ...] = ()
    open: tuple[int, ...] = ()
    rate: bool = True

    @property
    def numerator(self) -> int:
        return len(self.counted)

    @property
    def denominator(self) -> int | None:
        return len(self.counted) + len(self.missed) if self.rate else None


def _ids(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(values)))


def _judged(end: date, as_of: date) -> date:
    return min(end, as_of)


def _reports(la: LocalAuthority) -> Iterable[ReviewReport]:
    return ReviewReport.objects.filter(case__la=la)


def _submitted_by(report_submitted: date | None, day: date) -> date | None:
    """The submission date as known on ``day`` (None: not submitted by then)."""
    return report_submitted if report_submitted is not None and report_submitted <= day else None


def report_part(meeting: date, submitted: date | None, day: date) -> str:
    """``on_time``, ``late``, ``missing`` (not in, its deadline passed) or ``open`` (not in,
    not due yet) as of ``day``: due 2 weeks after the meeting."""
    due = meeting + REPORT_WITHIN
    submitted = _submitted_by(submitted, day)
    if submitted is not None:
        return "on_time" if submitted <= due else "late"
    return "missing" if due < day else "open"


def _meetings(
    la: LocalAuthority, start: date, end: date, day: date
) -> list[tuple[int, date, date | None]]:
    """(case, meeting, submitted) of reports whose meeting was from ``start`` to ``end``
    and on or before ``day``."""
    rows = (
        _reports(la)
        .filter(meeting_on__gte=start, meeting_on__lte=min(end, day))
        .values_list("case_id", "meeting_on", "submitted_on")
    )
    return list(rows)


# --- the measures ----------------------------------------------------------------------------


def settings_onboarded(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Settings with a pupil holding a current EHC plan (on the day judged) that have at
    least one active portal member: setting staff not removed by then, or a SENCo whose
    membership names the setting. The child's setting is the current one."""
    day = _judged(end, as_of)
    with_plans = set(
        Plan.objects.in_force(day)
        .filter(case__la=la, case__child__setting__isnull=False)
        .values_list("case__child__setting_id", flat=True)
    )
    staffed = set(
        SettingMember.objects.filter(setting_id__in=with_plans, added_on__lte=day)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))
        .values_list("setting_id", flat=True)
    ) | set(
        Membership.objects.filter(
            role=Role.SENCO, setting_id__in=with_plans, user__is_active=True
        ).values_list("setting_id", flat=True)
    )
    return Behind("setting", _ids(with_plans & staffed), _ids(with_plans - staffed))


def reports_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Reports whose meeting was in the period, submitted within 2 weeks of it; a report
    not in whose 2 weeks have not passed is left out (open)."""
    parts: dict[str, list[int]] = defaultdict(list)
    for case, meeting, submitted in _meetings(la, start, end, as_of):
        parts[report_part(meeting, submitted, as_of)].append(case)
    return Behind(
        "case",
        tuple(sorted(parts["on_time"])),
        tuple(sorted(parts["late"] + parts["missing"])),
        tuple(sorted(parts["open"])),
    )


def late_submissions(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Reports whose meeting was in the period submitted more than 2 weeks after it, or not
    in more than 2 weeks after it (a count)."""
    late = [
        case
        for case, meeting, submitted in _meetings(la, start, end, as_of)
        if report_part(meeting, submitted, as_of) in ("late", "missing")
    ]
    return Behind("case", tuple(sorted(late)), rate=False)


#: While :func:`records_unchanged` runs: the late settings found, by (area, day).
_LATE: ContextVar[dict[tuple[int, date], frozenset[int]] | None] = ContextVar(
    "late_settings", default=None
)


@contextmanager
def records_unchanged() -> Iterator[None]:
    """For a caller that counts several measures while the records stay as they are
    (``senda tick``'s day: its month and quarter are both judged on the day): each area's
    late settings on a day are worked out once (the 12 months' returns report), not once
    per period."""
    token = _LATE.set({})
    try:
        yield
    finally:
        _LATE.reset(token)


def late_settings_on(la: LocalAuthority, day: date) -> set[int]:
    """Settings identified as late on ``day``: :func:`senda.portal.support.late_settings`
    over the 12 months to ``day`` (the one definition the tray, the returns page and this
    KPI share)."""
    found = _LATE.get()
    if found is None:
        return support.late_settings(la, day - timedelta(days=LATE_LOOKBACK_DAYS - 1), day)
    key = (la.pk, day)
    if key not in found:
        found[key] = frozenset(
            support.late_settings(la, day - timedelta(days=LATE_LOOKBACK_DAYS - 1), day)
        )
    return set(found[key])


def late_settings_supported(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Settings identified as late on the day judged with a support contact in the period
    (to that day)."""
    day = _judged(end, as_of)
    late = late_settings_on(la, day)
    supported = support.supported_settings(la, start, day) & late
    return Behind("setting", _ids(supported), _ids(late - supported))


def cases_escalated(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Cases named in an escalation opened in the period, of the cases with an annual
    review due in the period (the clock's review rows). ``counted``: escalated cases with a
    review due; ``missed``: the other cases with a review due. An escalated case without a
    review due in the period is counted too (the numerator is escalated cases)."""
    day = _judged(end, as_of)
    due = set(
        DeadlineRow.objects.filter(
            case__la=la, rule__in=sorted(REVIEW_DUE_RULES), due__gte=start, due__lte=end
        ).values_list("case_id", flat=True)
    )
    escalated = support.escalated_cases(la, start, day)
    return Behind("case", _ids(escalated), _ids(due - escalated))


def review_advice_incorporated(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Reports submitted in the period saying both health and social care advice was
    provided, of all reports submitted in the period."""
    day = _judged(end, as_of)
    rows = (
        _reports(la)
        .filter(submitted_on__gte=start, submitted_on__lte=day)
        .values_list("case_id", "health_advice", "social_care_advice")
    )
    counted = [case for case, health, social in rows if health and social]
    missed = [case for case, health, social in rows if not (health and social)]
    return Behind("case", tuple(sorted(counted)), tuple(sorted(missed)))


def amended_plans_advice_incorporated(
    la: LocalAuthority, start: date, end: date, as_of: date
) -> Behind:
    """Amended plans issued in the period that incorporated health or social care advice,
    of the amended plans issued in the period (the officer's record at issue)."""
    day = _judged(end, as_of)
    rows = IncorporatedAdvice.objects.filter(
        plan__case__la=la, amended=True, issued_on__gte=start, issued_on__lte=day
    ).values_list("plan_id", "health", "social_care")
    counted = [plan for plan, health, social in rows if health or social]
    missed = [plan for plan, health, social in rows if not (health or social)]
    return Behind("plan", tuple(sorted(counted)), tuple(sorted(missed)))


def easy_to_use(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Answers in the period agreeing or strongly agreeing that the portal was easy to
    use, of all answers in the period: setting staff's and advice-givers' (after a report
    or advice) and families' (the survey's "Senda was easy to use"). The ids are not
    listed (``answer``); families' are negative so the two kinds never coincide."""
    day = _judged(end, as_of)
    rows = list(
        PortalFeedback.objects.filter(
            la=la, answered_on__gte=start, answered_on__lte=day
        ).values_list("pk", "answer")
    )
    rows += [(-pk, answer) for pk, answer in _survey_answers(la, "easy_to_use", start, day)]
    counted = [pk for pk, answer in rows if answer in EASY_ANSWERS]
    missed = [pk for pk, answer in rows if answer not in EASY_ANSWERS]
    return Behind("answer", tuple(counted), tuple(missed))


def _survey_answers(
    la: LocalAuthority, question: str, start: date, day: date
) -> list[tuple[int, int]]:
    """(response, answer) of families' survey responses answering ``question`` from
    ``start`` to ``day``."""
    return list(
        SurveyResponse.objects.filter(
            la=la,
            answered_on__gte=start,
            answered_on__lte=day,
            **{f"{question}__isnull": False},
        ).values_list("pk", question)
    )


def _satisfied(question: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
        rows = _survey_answers(la, question, start, _judged(end, as_of))
        counted = [pk for pk, answer in rows if answer in SATISFIED]
        missed = [pk for pk, answer in rows if answer not in SATISFIED]
        return Behind("answer", tuple(counted), tuple(missed))

    measure.__doc__ = (
        f"Families' survey answers in the period to {question!r} that agree or strongly "
        "agree (satisfied), of all answers to it in the period (never listed by person)."
    )
    return measure


def terms_ending(start: date, end: date) -> list[Term]:
    """The terms whose last day falls from ``start`` to ``end``."""
    terms = [Term(name, year) for year in range(start.year, end.year + 1) for name in TERMS]
    return sorted((t for t in terms if start <= t.ends <= end), key=lambda t: t.starts)


def feedback_reported_termly(la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """Terms ending in the period (by the day judged) whose feedback summary was produced
    by then, of those terms. A term still running is not counted yet. The ids are the
    summaries' (counted) and the terms' last days as ordinals (missed), never listed."""
    day = _judged(end, as_of)
    counted: list[int] = []
    missed: list[int] = []
    for term in terms_ending(start, day):
        summary = (
            FeedbackSummary.objects.filter(la=la, term_starts=term.starts, produced_on__lte=day)
            .values_list("pk", flat=True)
            .first()
        )
        if summary is None:
            missed.append(term.ends.toordinal())
        else:
            counted.append(summary)
    return Behind("answer", tuple(counted), tuple(missed))


Measure = Callable[[LocalAuthority, date, date, date], Behind]

#: Every measure, by the id of the catalogue KPI that shows it.
MEASURES: dict[str, Measure] = {
    "portal-settings-onboarded": settings_onboarded,
    "portal-reports-on-time": reports_on_time,
    "portal-late-submissions": late_submissions,
    "portal-late-settings-supported": late_settings_supported,
    "portal-cases-escalated": cases_escalated,
    "review-advice-incorporated": review_advice_incorporated,
    "amended-plans-advice-incorporated": amended_plans_advice_incorporated,
    "portal-easy-to-use": easy_to_use,
    "parent-satisfaction-clarity": _satisfied("clarity"),
    "parent-satisfaction-timeliness": _satisfied("timeliness"),
    "feedback-reported-termly": feedback_reported_termly,
}
#: The measures that read the records as they stand on the day judged, not the period's
#: start: the same figure for every period judged on that day.
ON_THE_DAY = frozenset({"portal-settings-onboarded"})


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Behind:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
