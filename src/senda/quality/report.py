"""The termly QA report: its content for a term, built from the QA records, and the actions
that create it, publish it, add recommendations and mark them implemented
(``docs/quality/report.md``).

    term = term_of(day)                       # Term("Autumn 2026", 1 Sep, 31 Dec)
    report = create_report(la=la, term_start=term.start, by=user)
    content = build(report, threshold=5)      # figures, small numbers hidden
    publish_report(report=report, summary="…", by=user)
    add_recommendation(report=report, text="…", owner="…", due_on=day, by=user)
    mark_implemented(recommendation=rec, note="…", by=user)
    xlsx(content)                             # the workbook's bytes

**Terms** (school terms, rounded to whole months so figures line up with the monthly
samples): autumn 1 September – 31 December, spring 1 January – 31 March, summer 1 April –
31 August (Easter moves; the months do not). A report is due **30 days after its term
ends** (the seed asks for termly reports "on time" and sets no day: ours).

**Small numbers.** The report leaves the service (partners read it), so counts from 1 to
``threshold - 1`` are hidden as on the board (``senda.performance.suppress``'s primary
rule: a count, or a rate whose numerator, denominator or difference is such a count); in a
distribution whose total is shown, a single hidden row is joined by the smallest shown one
(its secondary rule). The room cannot import ``performance``: the rule is restated here and
the threshold is passed in (``status_shown.threshold()``).

**Words about hidden figures.** A figure shown as [c] is not described either: the
report's key findings (``Content.findings``) quote each measure as shown and judge only the
shown ones; a summary that names a measure hidden this term is refused at publishing
(``hidden_mentions``), and a summary published before (or a figure hidden since) has each
sentence naming a hidden measure withheld where the report shows it
(``Content.summary_paragraphs``). A sentence that says the figure is not shown ("[c]",
"not shown") is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from senda import audit as audit_log
from senda import exports, kernel
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import SEN_TYPES, LocalAuthority, Setting
from senda.portal.reviews import term_of as school_term
from senda.quality import measures, moderation
from senda.quality.access import qa_lead
from senda.quality.agreement import agrees
from senda.quality.models import (
    ADVICE_THEMES,
    AdviceModeration,
    Audit,
    AuditAction,
    Grade,
    QARecommendation,
    QAReport,
    Round,
    SampleItem,
)

#: A report is due this long after its term ends.
DUE_AFTER = timedelta(days=30)
SUMMARY_MAX = 20_000
TEXT_MAX = 500
OWNER_MAX = 200
NOTE_MAX = 4000
SUPPRESSED = "[c]"

#: The KPIs the report gives for the term, in order (``senda.quality.measures``).
TERM_MEASURES: tuple[tuple[str, str], ...] = (
    ("plans-good-outstanding", "Audited plans rated Good or Outstanding"),
    ("plans-outcomes-good-outstanding", "Audited plans with Good or Outstanding outcomes"),
    ("audit-sample-with-review", "Audits that include an annual review"),
    ("reviews-meet-standard", "Reviews meeting the quality standard"),
    ("audit-cross-agency", "Audits with education, health and social care represented"),
    ("moderation-agreement", "Agreement between auditors in moderation"),
    ("audit-actions-on-time", "Audit actions due in the term completed on time"),
    ("advice-moderated", "Advice moderated with feedback"),
    ("advice-quality", "Advice meeting the quality criteria"),
    ("qa-recommendations-implemented", "Recommendations due in the term implemented"),
)

#: Words that name each measure in prose, lower case: a sentence holding one is about it.
MENTIONS: dict[str, tuple[str, ...]] = {
    "plans-good-outstanding": ("good or outstanding", "rated good", "rated outstanding"),
    "plans-outcomes-good-outstanding": ("outcomes good", "outcomes rated", "good outcomes"),
    "audit-sample-with-review": ("annual review",),
    "reviews-meet-standard": ("quality standard", "reviews meeting", "reviews meet"),
    "audit-cross-agency": ("cross-agency", "education, health and social care"),
    "moderation-agreement": (
        "moderation agreement",
        "agreement in moderation",
        "agreement between auditors",
        "auditors agreed",
        "auditors agree",
    ),
    "audit-actions-on-time": ("on time",),
    "advice-moderated": ("advice moderated", "moderated with feedback"),
    "advice-quality": ("quality criteria", "quality of advice", "advice quality"),
    "qa-recommendations-implemented": ("recommendations implemented", "implemented"),
}
#: A sentence holding one of these says the figure is not shown: it may stay.
NOT_SHOWN = ("[c]", "not shown", "too few to show", "small number")
WITHHELD = (
    "[A sentence about {label} is not shown: the figure rests on a small number, so it is "
    "neither quoted nor judged.]"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text.strip()) if part]


def _named(sentence: str, hidden: dict[str, str]) -> str | None:
    """The label of the first hidden measure ``sentence`` names without saying it is not
    shown; None when it names none."""
    lower = sentence.lower()
    if any(mark in lower for mark in NOT_SHOWN):
        return None
    for name, label in hidden.items():
        if any(word in lower for word in MENTIONS.get(name, ())):
            return label
    return None


def hidden_mentions(text: str, hidden: dict[str, str]) -> list[str]:
    """The labels of hidden measures (``{measure: label}``) that ``text`` describes, in the
    order they first appear."""
    found: list[str] = []
    for sentence in _sentences(text):
        label = _named(sentence, hidden)
        if label is not None and label not in found:
            found.append(label)
    return found


def withhold(text: str, hidden: dict[str, str]) -> list[str]:
    """``text``'s paragraphs with each sentence naming a hidden measure replaced by a note
    that it is not shown."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if not block.strip():
            continue
        kept = []
        for sentence in _sentences(block):
            label = _named(sentence, hidden)
            kept.append(sentence if label is None else WITHHELD.format(label=label.lower()))
        paragraphs.append(" ".join(kept))
    return paragraphs


# --- terms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    name: str
    start: date
    end: date

    @property
    def due_on(self) -> date:
        return self.end + DUE_AFTER


#: A term's name by the month it starts in.
TERM_NAMES = {9: "Autumn", 1: "Spring", 4: "Summer"}


def term_of(day: date) -> Term:
    """The school term ``day`` falls in, named: autumn September–December, spring
    January–March, summer April–August (the portal's terms, ``portal.reviews.term_of``:
    one definition)."""
    start, end = school_term(day)
    return Term(f"{TERM_NAMES[start.month]} {start.year}", start, end)


def previous_term(term: Term) -> Term:
    return term_of(term.start - timedelta(days=1))


# --- small numbers ----------------------------------------------------------------------


def small(count: int | None, threshold: int) -> bool:
    """A count from 1 to ``threshold - 1`` (``performance.suppress.small``)."""
    return count is not None and 0 < count < threshold


@dataclass(frozen=True)
class Figure:
    """A count (``denominator`` None) or a rate; ``hidden``: suppressed as a small number."""

    label: str
    numerator: int
    denominator: int | None = None
    hidden: bool = False

    @property
    def percent(self) -> Decimal | None:
        if self.denominator is None or self.denominator == 0:
            return None
        share = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def shown(self) -> str:
        """The figure in words: "[c]" when hidden, "12 of 20 (60.0%)", or "7"."""
        if self.hidden:
            return SUPPRESSED
        if self.denominator is None:
            return f"{self.numerator:,}"
        if self.percent is None:
            return "none to count"
        return f"{self.numerator:,} of {self.denominator:,} ({self.percent}%)"


def figure(label: str, numerator: int, denominator: int | None, threshold: int) -> Figure:
    """A figure, hidden when its count, numerator, denominator or difference is small."""
    counts = (
        [numerator] if denominator is None else [numerator, denominator, denominator - numerator]
    )
    return Figure(label, numerator, denominator, any(small(c, threshold) for c in counts))


def distribution(rows: list[tuple[str, int]], threshold: int) -> list[Figure]:
    """Counts of one total (the total is shown): small ones hidden, and while exactly one
    is hidden, the smallest shown one too (so it cannot be worked out by subtraction)."""
    hidden = [small(n, threshold) for _, n in rows]
    while sum(hidden) == 1 and not all(hidden):
        shown = [(n, i) for i, (_, n) in enumerate(rows) if not hidden[i] and n > 0]
        if not shown:
            break
        hidden[min(shown)[1]] = True
    return [Figure(label, n, None, off) for (label, n), off in zip(rows, hidden, strict=True)]


def split(rows: list[tuple[str, int, int]], threshold: int) -> list[Figure]:
    """Rates (label, counted, of) splitting one shown total: each hidden when small, and
    while exactly one is hidden, the shown one with the fewest cases too."""
    figures = [figure(label, n, d, threshold) for label, n, d in rows]
    hidden = [f.hidden for f in figures]
    while sum(hidden) == 1 and not all(hidden):
        shown = [(f.denominator or 0, i) for i, f in enumerate(figures) if not hidden[i]]
        hidden[min(shown)[1]] = True
    return [
        Figure(f.label, f.numerator, f.denominator, off)
        for f, off in zip(figures, hidden, strict=True)
    ]


def _good_by(audits: list[Audit], key: Any, names: dict[str, str], threshold: int) -> list[Figure]:
    """Good or Outstanding of the graded audits, by ``key(audit)`` (a code in ``names``;
    one not known is "Not recorded")."""
    counted: Counter[str] = Counter()
    graded: Counter[str] = Counter()
    for audit in audits:
        grade = measures.grade_of(audit)
        if grade is None:
            continue
        label = names.get(key(audit) or "", "Not recorded")
        graded[label] += 1
        counted[label] += grade >= measures.GOOD
    rows = [(label, counted[label], graded[label]) for label in sorted(graded)]
    return split(rows, threshold)


# --- the content ------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    label: str
    good: Figure  # Good or Outstanding of the audits submitted that month


@dataclass(frozen=True)
class RoundRow:
    name: str
    held_on: date | None
    agreement: Figure
    themes: str


@dataclass(frozen=True)
class Content:
    """Everything the report shows for its term, small numbers hidden."""

    la: LocalAuthority
    report: QAReport
    term: Term
    as_of: date
    threshold: int
    planned: Figure  # sampled plans of the term's samples audited (of those sampled)
    audits: Figure  # plan audits submitted in the term
    grades: list[Figure]
    outcome_grades: list[Figure]
    months: list[Month]
    by_phase: list[Figure]  # Good or Outstanding of the graded audits, by setting phase
    by_need: list[Figure]  # … by the child's primary need
    rounds: list[RoundRow]
    advice_themes: list[Figure]
    actions_open: Figure
    actions_overdue: Figure
    actions_raised: Figure
    advice_sampled: Figure
    kpis: list[Figure]
    previous_good: Figure | None
    recommendations: list[QARecommendation] = field(default_factory=list)
    kpi_names: tuple[str, ...] = ()

    @property
    def hidden(self) -> dict[str, str]:
        """The term's measures shown as [c]: ``{measure: label}``."""
        return {
            name: found.label
            for name, found in zip(self.kpi_names, self.kpis, strict=False)
            if found.hidden
        }

    @property
    def findings(self) -> list[str]:
        """One sentence per measure, quoting it as shown; a hidden one is not described."""
        lines = []
        for found in self.kpis:
            if found.hidden:
                lines.append(
                    f"{found.label}: {SUPPRESSED} (not shown: it rests on a small number, "
                    "so it is not compared with any target)."
                )
            elif found.percent is None:
                lines.append(f"{found.label}: none to count this term.")
            else:
                lines.append(f"{found.label}: {found.shown}.")
        return lines

    @property
    def summary_paragraphs(self) -> list[str]:
        """The published summary, each sentence naming a hidden measure withheld."""
        return withhold(self.report.summary, self.hidden) if self.report.summary else []

    @property
    def breakdowns(self) -> list[tuple[str, list[Figure]]]:
        return [("phase", self.by_phase), ("primary need", self.by_need)]

    @property
    def grade_rows(self) -> list[tuple[Figure, Figure]]:
        """Each grade's overall and outcome figures, side by side."""
        return list(zip(self.grades, self.outcome_grades, strict=True))


def _months(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def build(report: QAReport, *, threshold: int, as_of: date | None = None) -> Content:
    """The report's content for its term, as the records stand on ``as_of`` (today)."""
    as_of = as_of or kernel.today()
    la = report.la
    term = Term(report.term, report.period_start, report.period_end)
    start, end = term.start, term.end
    day = measures.judged(end, as_of)
    audits = list(
        measures.plan_audits(la, start, end, as_of).select_related("case__child__setting")
    )

    items = SampleItem.objects.filter(
        sample__la=la, sample__period_start__gte=start, sample__period_start__lte=end
    )
    planned = items.count()
    done = (
        Audit.objects.filter(sample_item__in=items, kind=Audit.Kind.PLAN)
        .filter(submitted_on__lte=day)
        .exclude(withdrawn_on__lte=day)
        .values("sample_item_id")
        .distinct()
        .count()
    )

    grade_counts = Counter(measures.grade_of(a) for a in audits)
    outcome_counts = Counter(a.outcome_grade for a in audits)
    scale = [(g.label, g.value) for g in sorted(Grade, key=lambda g: -g.value)]
    grades = distribution([(label, grade_counts[v]) for label, v in scale], threshold)
    outcome_grades = distribution([(label, outcome_counts[v]) for label, v in scale], threshold)

    months = []
    for first in _months(start, end):
        in_month = [
            a
            for a in audits
            if a.submitted_on
            and (a.submitted_on.year, a.submitted_on.month) == (first.year, first.month)
        ]
        graded = [a for a in in_month if measures.grade_of(a) is not None]
        good = sum(1 for a in graded if (measures.grade_of(a) or 0) >= measures.GOOD)
        months.append(Month(first.strftime("%B %Y"), figure("", good, len(graded), threshold)))

    by_phase = _good_by(
        audits,
        lambda a: a.case.child.setting.phase if a.case.child.setting_id else "",
        dict(Setting.Phase.choices),
        threshold,
    )
    by_need = _good_by(audits, lambda a: a.case.child.primary_need, dict(SEN_TYPES), threshold)

    rounds = []
    held = Round.objects.filter(la=la, held_on__gte=start, held_on__lte=day).order_by("held_on")
    for round_ in held:
        plans = moderation.pre_discussion_grades([round_])
        judged = [agrees(g) for _, g in plans.values()]
        agree = sum(1 for j in judged if j)
        rated = sum(1 for j in judged if j is not None)
        rounds.append(
            RoundRow(
                round_.name, round_.held_on, figure("", agree, rated, threshold), round_.themes
            )
        )

    advice = AdviceModeration.objects.filter(la=la, moderated_on__gte=start, moderated_on__lte=day)
    themes: Counter[str] = Counter()
    for tags in advice.values_list("themes", flat=True):
        themes.update(t for t in (tags or []) if isinstance(t, str))
    theme_rows = [(label, themes[code]) for code, label in ADVICE_THEMES if themes[code]]
    advice_themes = distribution(theme_rows, threshold)

    actions = AuditAction.objects.filter(audit__la=la)
    open_now = actions.filter(raised_on__lte=day).filter(
        completed_on__isnull=True, cancelled_on__isnull=True
    )
    sampled = AdviceModeration.objects.filter(la=la, sampled_on__gte=start, sampled_on__lte=day)

    kpis = []
    for name, label in TERM_MEASURES:
        found = measures.count(name, la, start, end, as_of)
        kpis.append(figure(label, found.numerator, found.denominator, threshold))

    before = previous_term(term)
    prior = measures.count("plans-good-outstanding", la, before.start, before.end, as_of)
    previous_good = figure(
        f"{before.name}: audited plans Good or Outstanding",
        prior.numerator,
        prior.denominator,
        threshold,
    )

    return Content(
        la=la,
        report=report,
        term=term,
        as_of=day,
        threshold=threshold,
        planned=figure("Sampled plans audited", done, planned, threshold),
        audits=figure("Plan audits submitted", len(audits), None, threshold),
        grades=grades,
        outcome_grades=outcome_grades,
        months=months,
        by_phase=by_phase,
        by_need=by_need,
        rounds=rounds,
        advice_themes=advice_themes,
        actions_open=figure("Audit actions open", open_now.count(), None, threshold),
        actions_overdue=figure(
            "Audit actions overdue", open_now.filter(due_on__lt=day).count(), None, threshold
        ),
        actions_raised=figure(
            "Audit actions raised in the term",
            actions.filter(raised_on__gte=start, raised_on__lte=day).count(),
            None,
            threshold,
        ),
        advice_sampled=figure("Advice sampled for moderation", sampled.count(), None, threshold),
        kpis=kpis,
        previous_good=previous_good,
        recommendations=list(report.recommendations.order_by("due_on", "pk")),
        kpi_names=tuple(name for name, _ in TERM_MEASURES),
    )


# --- the workbook -----------------------------------------------------------------------


def _cells(found: Figure) -> list[Any]:
    if found.hidden:
        return [SUPPRESSED, None, None]
    percent = found.percent
    return [found.numerator, found.denominator, float(percent) if percent is not None else None]


def xlsx(content: Content) -> bytes:
    """The report as an XLSX workbook (``senda.exports``: formula-like text stays text):
    *Figures* (each figure: count, of, per cent; ``[c]`` when hidden), *Grades*, *Months*,
    *Rounds*, *Recommendations* and *About*."""
    book = exports.workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(["Figure", "Count", "Of", "Per cent"])
    for found in [
        content.planned,
        content.audits,
        *content.kpis,
        content.actions_raised,
        content.actions_open,
        content.actions_overdue,
        content.advice_sampled,
    ]:
        sheet.append([found.label, *_cells(found)])
    grades = book.create_sheet("Grades")
    grades.append(["Grade", "Overall", "Outcomes"])
    for overall, outcomes in zip(content.grades, content.outcome_grades, strict=True):
        grades.append(
            [
                overall.label,
                SUPPRESSED if overall.hidden else overall.numerator,
                SUPPRESSED if outcomes.hidden else outcomes.numerator,
            ]
        )
    months = book.create_sheet("Months")
    months.append(["Month", "Good or Outstanding", "Audits graded", "Per cent"])
    for month in content.months:
        months.append([month.label, *_cells(month.good)])
    for caption, rows in content.breakdowns:
        sheet_of = book.create_sheet(f"By {caption}")
        sheet_of.append([caption.capitalize(), "Good or Outstanding", "Audits graded", "Per cent"])
        for found in rows:
            sheet_of.append([found.label, *_cells(found)])
    rounds = book.create_sheet("Rounds")
    rounds.append(
        ["Round", "Held on", "Plans agreed", "Plans with 2+ raters", "Per cent", "Themes"]
    )
    for row in content.rounds:
        rounds.append([row.name, row.held_on, *_cells(row.agreement), row.themes])
    themes = book.create_sheet("Advice themes")
    themes.append(["Theme", "Advice tagged"])
    for found in content.advice_themes:
        themes.append([found.label, SUPPRESSED if found.hidden else found.numerator])
    recs = book.create_sheet("Recommendations")
    recs.append(["Recommendation", "Owner", "Due", "Implemented on", "Note"])
    for rec in content.recommendations:
        recs.append([rec.text, rec.owner, rec.due_on, rec.implemented_on, rec.note])
    about = book.create_sheet("About")
    about.append(["Local area", content.la.name])
    about.append(["Term", content.term.name])
    about.append(["From", content.term.start])
    about.append(["To", content.term.end])
    about.append(["Records as of", content.as_of])
    about.append(["Published on", content.report.published_on])
    about.append(["[c]", f"A count from 1 to {content.threshold - 1} is not shown"])
    about.append(["Summary", "\n\n".join(content.summary_paragraphs)])
    return exports.xlsx(book)


# --- actions ----------------------------------------------------------------------------


def _lead_of(by: Any, la_id: int) -> None:
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == la_id, "Only a QA lead of this area can do this."
    )


def _write(by: Any, obj: Any, la_id: int, summary: str) -> None:
    audit_log.record(user=by, verb="write", obj=obj, la_id=la_id, summary=summary)


@transaction.atomic
def create_report(
    *, la: LocalAuthority, term_start: date, by: Any, today: date | None = None
) -> QAReport:
    """The report of the term beginning ``term_start`` (any day in it is taken as its term),
    due 30 days after the term ends. A term that has not begun, or one with a report
    already, is refused."""
    today = today or kernel.today()
    _lead_of(by, la.pk)
    term = term_of(term_start)
    if term.start > today:
        raise ActionError("term_start", "Choose a term that has begun")
    if QAReport.objects.filter(la=la, period_start=term.start).exists():
        raise ActionError("term_start", f"There is already a report for {term.name}")
    report = QAReport.objects.create(
        la=la,
        term=term.name,
        period_start=term.start,
        period_end=term.end,
        due_on=term.due_on,
    )
    _write(by, report, la.pk, f"QA report {report.pk} created")
    return report


@transaction.atomic
def publish_report(
    *,
    report: QAReport,
    summary: str,
    by: Any,
    today: date | None = None,
    threshold: int | None = None,
) -> QAReport:
    """Publish the report with the QA lead's summary, once its term has ended. With
    ``threshold`` (the pages pass it), a summary describing a measure shown as [c] is
    refused, naming the measure."""
    today = today or kernel.today()
    _lead_of(by, report.la_id)
    report = QAReport.objects.select_for_update().get(pk=report.pk)
    if report.published_on is not None:
        raise ActionError(kernel.WHOLE_FORM, "This report has been published")
    if today <= report.period_end:
        raise ActionError(kernel.WHOLE_FORM, "A report can be published once its term has ended")
    text = required_text(summary, "summary", "Write the summary")
    if len(text) > SUMMARY_MAX:
        raise ActionError("summary", f"The summary must be {SUMMARY_MAX:,} characters or fewer")
    if threshold is not None:
        named = hidden_mentions(text, build(report, threshold=threshold, as_of=today).hidden)
        if named:
            raise ActionError(
                "summary",
                f"The summary describes {', '.join(n.lower() for n in named)}, shown as [c] "
                "this term because it rests on a small number: leave it out, or say it is "
                "not shown",
            )
    report.summary = text
    report.published_on = today
    report.published_by = by
    report.save(update_fields=["summary", "published_on", "published_by"])
    _write(by, report, report.la_id, f"QA report {report.pk} published")
    return report


@transaction.atomic
def add_recommendation(
    *, report: QAReport, text: str, owner: str, due_on: date | None, by: Any
) -> QARecommendation:
    """A recommendation of the report, with who owns it and when it is due; a published
    report's recommendations are fixed."""
    _lead_of(by, report.la_id)
    if QAReport.objects.filter(pk=report.pk, published_on__isnull=False).exists():
        raise ActionError(kernel.WHOLE_FORM, "This report has been published")
    text = required_text(text, "text", "Write the recommendation")
    owner = required_text(owner, "owner", "Say who owns the recommendation")
    if len(text) > TEXT_MAX:
        raise ActionError("text", f"The recommendation must be {TEXT_MAX} characters or fewer")
    if len(owner) > OWNER_MAX:
        raise ActionError("owner", f"The owner must be {OWNER_MAX} characters or fewer")
    if due_on is None:
        raise ActionError("due_on", "Enter the date it is due")
    if due_on < report.period_start:
        raise ActionError("due_on", "The date it is due must be after the term began")
    rec = QARecommendation.objects.create(report=report, text=text, owner=owner, due_on=due_on)
    _write(by, rec, report.la_id, f"QA report {report.pk}: recommendation {rec.pk} added")
    return rec


@transaction.atomic
def mark_implemented(
    *, recommendation: QARecommendation, note: str, by: Any, today: date | None = None
) -> QARecommendation:
    """Mark the recommendation implemented today, with a note of what was done."""
    today = today or kernel.today()
    rec = (
        QARecommendation.objects.select_for_update()
        .select_related("report")
        .get(pk=recommendation.pk)
    )
    _lead_of(by, rec.report.la_id)
    if rec.implemented_on is not None:
        raise ActionError(kernel.WHOLE_FORM, "This recommendation is already implemented")
    text = required_text(note, "note", "Say what was done")
    if len(text) > NOTE_MAX:
        raise ActionError("note", f"The note must be {NOTE_MAX:,} characters or fewer")
    rec.implemented_on = today
    rec.note = text
    rec.save(update_fields=["implemented_on", "note"])
    _write(by, rec, rec.report.la_id, f"QA recommendation {rec.pk} implemented")
    return rec
