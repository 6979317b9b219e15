"""Learning summaries for advice-givers, twice a year: Senda drafts the text from the advice
moderated in the period (per discipline: how many, the share meeting the criteria, the
grades, the commonest themes) and the examples of good practice the QA lead marked; the QA
lead edits the draft and publishes it to partners (advice-givers and SENCos of the area).
Examples are named by case reference and team, never by a child's name."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from senda import audit as audit_log
from senda import kernel
from senda.kernel import WHOLE_FORM, ActionError, long_date, required_text
from senda.people.models import LocalAuthority, Membership, Role
from senda.portal.notify import case_reference
from senda.quality.access import membership_of, qa_lead, qa_staff
from senda.quality.advice import DISCIPLINES, THEMES, check_lead
from senda.quality.models import AdviceModeration, Grade, LearningSummary

__all__ = [
    "BODY_MAX",
    "PARTNER_ROLES",
    "TITLE_MAX",
    "draft_body",
    "draft_summary",
    "edit_summary",
    "publish_summary",
    "published_for",
    "summaries_published",
]

TITLE_MAX = 200
BODY_MAX = 20_000
#: The longest period one summary covers (a little over a year).
PERIOD_MAX_DAYS = 400
#: Partners who read published summaries in the portal.
PARTNER_ROLES = frozenset({Role.ADVICE_GIVER, Role.SENCO})
#: How many themes per discipline the draft names.
TOP_THEMES = 3


def _write(by: Any, summary: LearningSummary, text: str) -> None:
    audit_log.record(user=by, verb="write", obj=summary, summary=text, la_id=summary.la_id)


def _pieces(n: int) -> str:
    return f"{n} piece{'' if n == 1 else 's'} of advice"


def _percent(count: int, of: int) -> str:
    return f"{round(100 * count / of)}%" if of else "no"


def moderated_in(la: LocalAuthority, start: date, end: date) -> QuerySet[AdviceModeration]:
    return AdviceModeration.objects.filter(
        la=la, moderated_on__range=(start, end), grade__isnull=False
    ).select_related("team", "case")


def _discipline_paragraph(name: str, moderations: list[AdviceModeration]) -> str:
    met = sum(1 for m in moderations if m.meets_criteria)
    grades = Counter(m.grade for m in moderations)
    spread = ", ".join(f"{label} {grades.get(value, 0)}" for value, label in Grade.choices)
    themes = Counter(code for m in moderations for code in m.themes if code in THEMES)
    common = [f"{THEMES[code]} ({n})" for code, n in themes.most_common(TOP_THEMES)]
    lines = [
        f"{name}: {_pieces(len(moderations))} moderated; {met} "
        f"({_percent(met, len(moderations))}) met the quality criteria (Good or better).",
        f"Grades: {spread}.",
        "Commonest themes: " + ("; ".join(common) if common else "none recorded") + ".",
    ]
    return "\n".join(lines)


def example_line(moderation: AdviceModeration) -> str:
    """``Case R-12, Community paediatrics (health): Good`` — never a child's name."""
    grade = Grade(moderation.grade).label if moderation.grade else "not graded"
    return (
        f"Case {case_reference(moderation.case)}, {moderation.team.name} "
        f"({DISCIPLINES.get(moderation.discipline, moderation.discipline).lower()}): {grade}"
    )


def draft_body(la: LocalAuthority, start: date, end: date) -> tuple[str, list[AdviceModeration]]:
    """The drafted text for the period and the examples of good practice in it."""
    moderations = list(moderated_in(la, start, end).order_by("moderated_on", "id"))
    intro = (
        f"Advice moderated from {long_date(start)} to {long_date(end)}: "
        f"{_pieces(len(moderations))}."
    )
    if not moderations:
        return intro + "\n\nNo advice was moderated in this period.", []
    paragraphs = [intro]
    for code, name in DISCIPLINES.items():
        found = [m for m in moderations if m.discipline == code]
        if found:
            paragraphs.append(_discipline_paragraph(name, found))
    examples = [m for m in moderations if m.good_practice]
    if examples:
        paragraphs.append(
            "Examples of good practice:\n" + "\n".join(f"- {example_line(m)}" for m in examples)
        )
    return "\n\n".join(paragraphs), examples


def overlapping(la: LocalAuthority, start: date, end: date) -> QuerySet[LearningSummary]:
    """The area's summaries, draft or published, whose period overlaps ``start`` to
    ``end``."""
    return LearningSummary.objects.filter(
        la=la, period_start__lte=end, period_end__gte=start
    ).order_by("period_start", "pk")


def _check_no_summary_for(la: LocalAuthority, start: date, end: date) -> None:
    existing = overlapping(la, start, end).first()
    if existing is not None:
        state = "published" if existing.published_on else "a draft"
        raise ActionError(
            "another",
            f"There is already a learning summary for this period ({state}, "
            f"{long_date(existing.period_start)} to {long_date(existing.period_end)}): "
            "to draft another, tick “Draft another summary for this period”.",
        )


@transaction.atomic
def draft_summary(
    *,
    la: LocalAuthority,
    period_start: date,
    period_end: date,
    by: Any,
    another: bool = False,
    today: date | None = None,
) -> LearningSummary:
    """A draft learning summary of the advice moderated from ``period_start`` to
    ``period_end`` (inclusive), its text and examples drafted by Senda. When the area
    already has a summary (draft or published) for a period overlapping this one, only
    with ``another`` (the QA lead confirms a second summary)."""
    today = today or kernel.today()
    check_lead(by, la, "draft a learning summary")
    if period_end < period_start:
        raise ActionError("period_end", "The end of the period must be on or after its start.")
    if (period_end - period_start).days > PERIOD_MAX_DAYS:
        raise ActionError("period_end", "A summary covers a year at most.")
    if not another:
        _check_no_summary_for(la, period_start, period_end)
    body, examples = draft_body(la, period_start, period_end)
    summary = LearningSummary.objects.create(
        la=la,
        title=f"Advice learning summary, {long_date(period_start)} to {long_date(period_end)}",
        period_start=period_start,
        period_end=period_end,
        body=body,
        drafted_on=today,
        drafted_by=by,
    )
    summary.examples.set(examples)
    _write(by, summary, f"learning summary {summary.pk}: drafted, {len(examples)} examples")
    return summary


def _draft(summary: LearningSummary) -> LearningSummary:
    summary = LearningSummary.objects.select_for_update().get(pk=summary.pk)
    if summary.published_on is not None:
        raise ActionError(WHOLE_FORM, "This summary has been published: it cannot change.")
    return summary


@transaction.atomic
def edit_summary(
    *,
    summary: LearningSummary,
    title: str,
    body: str,
    examples: list[AdviceModeration],
    by: Any,
) -> LearningSummary:
    """Change a draft's title, text and examples of good practice (advice of the area
    moderated in the summary's period)."""
    check_lead(by, summary.la, "edit a learning summary")
    summary = _draft(summary)
    title = required_text(title, "title", "Enter a title.")
    if len(title) > TITLE_MAX:
        raise ActionError("title", f"The title must be {TITLE_MAX} characters or fewer.")
    body = required_text(body, "body", "Enter the text of the summary.")
    if len(body) > BODY_MAX:
        raise ActionError("body", f"The text must be {BODY_MAX:,} characters or fewer.")
    allowed = set(
        moderated_in(summary.la, summary.period_start, summary.period_end).values_list(
            "pk", flat=True
        )
    )
    if any(m.pk not in allowed for m in examples):
        raise ActionError("examples", "Choose advice moderated in this summary's period.")
    summary.title = title
    summary.body = body
    summary.save(update_fields=["title", "body"])
    summary.examples.set(examples)
    _write(by, summary, f"learning summary {summary.pk}: edited, {len(examples)} examples")
    return summary


@transaction.atomic
def publish_summary(
    *, summary: LearningSummary, by: Any, today: date | None = None
) -> LearningSummary:
    """Publish the summary to partners. Publishing twice changes nothing."""
    today = today or kernel.today()
    check_lead(by, summary.la, "publish a learning summary")
    summary = LearningSummary.objects.select_for_update().get(pk=summary.pk)
    if summary.published_on is not None:
        return summary
    summary.published_on = today
    summary.save(update_fields=["published_on"])
    _write(by, summary, f"learning summary {summary.pk}: published")
    return summary


# --- Reads ------------------------------------------------------------------------------


def partner_of(user: Any) -> Membership | None:
    """The membership of a partner (advice-giver or SENCo) who reads published summaries."""
    membership = membership_of(user)
    if membership is None or membership.role not in PARTNER_ROLES:
        return None
    return membership


def published_for(user: Any) -> QuerySet[LearningSummary]:
    """Published summaries of the area of a partner; none for anyone else."""
    partner = partner_of(user)
    if partner is None:
        return LearningSummary.objects.none()
    return LearningSummary.objects.filter(la_id=partner.la_id, published_on__isnull=False)


def summaries_for(user: Any) -> QuerySet[LearningSummary]:
    """What ``user`` may open: council QA staff every summary of their area (``lead``
    included), a partner the published ones of theirs."""
    staff = qa_staff(user)
    if staff is not None:
        return LearningSummary.objects.filter(la_id=staff.la_id)
    return published_for(user)


def summaries_published(la: LocalAuthority, start: date, end: date) -> int:
    """How many summaries were published from ``start`` to ``end`` (KPI: 2 a year)."""
    return LearningSummary.objects.filter(la=la, published_on__range=(start, end)).count()


def can_edit(user: Any, summary: LearningSummary) -> bool:
    lead = qa_lead(user)
    return lead is not None and lead.la_id == summary.la_id and summary.published_on is None
