"""The sections of the annual review report, as data: what each asks, which answers are
required, and which sections only a young person from Year 9 has.

Councils' review report forms share these sections (the domain reference, §3): review
details, who was invited and came, the child's and the parents' views, where people
disagreed, progress towards each outcome of the plan (section E), changes in needs and
provision, preparing for adulthood from Year 9 (reg 20(6), CoP 9.166), the recommendation
and whether health and social care advice was provided.

Pure data and small pure functions: the portal's actions validate against it and the
web's forms are built from it, so the form and the check cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "ADULTHOOD_FROM_YEAR",
    "PROGRESS_CHOICES",
    "SECTIONS",
    "YES_NO",
    "OutcomeRef",
    "Question",
    "Section",
    "applicable_sections",
    "clean_answers",
    "questions_for",
    "section",
]

#: Preparing for adulthood is considered at every review from Year 9 (reg 20(6)).
ADULTHOOD_FROM_YEAR = 9
#: Longest answers: a long answer, a short one.
LONG = 10_000
SHORT = 200
#: Dates any date answer may hold (the web's date boxes agree).
EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)

YES_NO = (("yes", "Yes"), ("no", "No"))
PROGRESS_CHOICES = (
    ("achieved", "Achieved"),
    ("on-track", "On track to be achieved"),
    ("some", "Some progress"),
    ("none", "No progress yet"),
)


@dataclass(frozen=True, slots=True)
class Question:
    """One question. ``kind``: ``long`` (a paragraph), ``short`` (a line), ``date`` (stored
    as YYYY-MM-DD), ``choice`` (one of ``choices``). ``required``: needed before the section
    can be marked completed; ``required_if``: needed when another answer has a value."""

    id: str
    label: str
    kind: str = "long"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    required_if: tuple[str, str] | None = None

    @property
    def max_length(self) -> int:
        return SHORT if self.kind == "short" else LONG

    def answer_text(self, value: str) -> str:
        """How an answer reads back (the label of a choice, a date in words)."""
        if self.kind == "choice":
            return dict(self.choices).get(value, value)
        if self.kind == "date" and value:
            day = date.fromisoformat(value)
            return f"{day.day} {day:%B %Y}"
        return value


@dataclass(frozen=True, slots=True)
class Section:
    slug: str
    title: str
    questions: tuple[Question, ...] = ()
    required: bool = True
    from_year_9: bool = False
    per_outcome: bool = False
    hint: str = ""
    group: str = "report"

    @property
    def id(self) -> str:
        """The section's id (its slug: the key of the report's ``answers``)."""
        return self.slug


@dataclass(frozen=True, slots=True)
class OutcomeRef:
    """An outcome of the plan, as the progress section walks through it."""

    id: int
    number: int
    text: str


INVITEES = (
    ("parent", "The parent or young person"),
    ("setting", "The school or setting"),
    ("council", "The council's SEN officer"),
    ("health", "Health (a professional named by the NHS)"),
    ("social_care", "Social care (the council's social care officer)"),
)


def _attendees() -> tuple[Question, ...]:
    questions: list[Question] = []
    for key, who in INVITEES:
        questions.append(Question(f"{key}_invited", f"{who}: invited?", "choice", True, YES_NO))
        questions.append(Question(f"{key}_attended", f"{who}: attended?", "choice", True, YES_NO))
    questions.append(
        Question(
            "others",
            "Who else was invited or attended?",
            required=False,
            hint="For example an educational psychologist, a careers adviser. Give their role.",
        )
    )
    return tuple(questions)


REVIEW_TYPES = (
    ("annual", "Annual review"),
    ("interim", "Interim or early review"),
    ("phase-transfer", "Phase transfer review"),
    ("year-9", "Year 9 (preparing for adulthood) review"),
    ("post-16", "Post-16 review"),
)
VIEWS_FORMATS = (
    ("spoken", "Spoke at the meeting"),
    ("written", "Written down by them"),
    ("with-adult", "With the help of an adult"),
    ("pictures", "Pictures, symbols or video"),
    ("other", "Another way"),
)
RECOMMENDATIONS = (
    ("maintain", "Keep the plan as it is"),
    ("amend", "Amend the plan"),
    ("cease", "Stop the plan"),
    ("change_placement", "Change of placement"),
)

SECTIONS: tuple[Section, ...] = (
    Section(
        "review-details",
        "Review details",
        (
            Question("review_type", "What kind of review was it?", "choice", True, REVIEW_TYPES),
            Question("previous_review_on", "Date of the previous review", "date", False),
        ),
    ),
    Section("attendees", "Who was invited and who attended", _attendees()),
    Section(
        "child-views",
        "The child's or young person's views",
        (
            Question(
                "views",
                "What does the child or young person say about what is important to them, "
                "what is working and what is not?",
            ),
            Question(
                "how_given",
                "How did they give their views?",
                "choice",
                False,
                VIEWS_FORMATS,
            ),
        ),
    ),
    Section(
        "parent-views",
        "The parents' or carers' views",
        (Question("views", "What do the parents or carers say?"),),
    ),
    Section(
        "disagreements",
        "Where people disagreed",
        (
            Question(
                "any", "Did anyone disagree with the recommendations?", "choice", True, YES_NO
            ),
            Question(
                "details",
                "Who disagreed, and about what?",
                required=False,
                required_if=("any", "yes"),
            ),
        ),
        required=False,
    ),
    Section(
        "progress",
        "Progress towards the outcomes",
        per_outcome=True,
        hint="Each outcome of the plan (section E).",
    ),
    Section(
        "needs",
        "Changes in needs",
        (
            Question(
                "changed",
                "Have the child's needs changed (sections B, C or D)?",
                "choice",
                True,
                YES_NO,
            ),
            Question(
                "details",
                "What has changed, and what is the evidence?",
                required=False,
                required_if=("changed", "yes"),
            ),
        ),
    ),
    Section(
        "provision",
        "Changes in provision",
        (
            Question(
                "delivered",
                "Is the provision in the plan (sections F, G and H) being delivered?",
                "choice",
                True,
                YES_NO,
            ),
            Question("changes", "Should the provision change?", "choice", True, YES_NO),
            Question(
                "details",
                "What should change, and why?",
                required=False,
                required_if=("changes", "yes"),
            ),
        ),
    ),
    Section(
        "adulthood",
        "Preparing for adulthood",
        (
            Question("employment", "Employment, further or higher education"),
            Question("independent_living", "Independent living"),
            Question("community", "Friends, relationships and the community"),
            Question("health", "Good health"),
        ),
        from_year_9=True,
        hint="From Year 9, every review considers preparing for adulthood.",
    ),
    Section(
        "recommendation",
        "Recommendation",
        (
            Question(
                "recommendation",
                "What does the review recommend?",
                "choice",
                True,
                RECOMMENDATIONS,
            ),
            Question(
                "amendments",
                "What should change in the plan?",
                required=False,
                required_if=("recommendation", "amend"),
            ),
            Question("why", "Why?"),
        ),
    ),
    Section(
        "advice",
        "Advice from health and social care",
        (
            Question("health_advice", "Was health advice provided?", "choice", True, YES_NO),
            Question(
                "social_care_advice", "Was social care advice provided?", "choice", True, YES_NO
            ),
            Question("other_advice", "What other advice was provided?", required=False),
        ),
    ),
)
_BY_SLUG = {s.slug: s for s in SECTIONS}


def section(slug: str) -> Section | None:
    return _BY_SLUG.get(slug)


def applicable_sections(year_group: int | None) -> list[Section]:
    """The sections of a report for a child in ``year_group`` (preparing for adulthood from
    Year 9; a child with no known year group is not asked it)."""
    older = year_group is not None and year_group >= ADULTHOOD_FROM_YEAR
    return [s for s in SECTIONS if older or not s.from_year_9]


def questions_for(sec: Section, outcomes: Sequence[OutcomeRef] = ()) -> list[Question]:
    """The section's questions; for progress, three per outcome of the plan (or one
    free-text question when the plan holds no outcomes)."""
    if not sec.per_outcome:
        return list(sec.questions)
    if not outcomes:
        return [Question("progress", "What progress has the child made towards the outcomes?")]
    questions = []
    for o in outcomes:
        n = f"Outcome {o.number}"
        questions += [
            Question(
                f"o{o.id}_progress",
                f"{n}: progress",
                "choice",
                True,
                PROGRESS_CHOICES,
                hint=o.text,
            ),
            Question(f"o{o.id}_evidence", f"{n}: evidence of progress"),
            Question(
                f"o{o.id}_still_right", f"{n}: is the outcome still right?", "choice", True, YES_NO
            ),
        ]
    return questions


@dataclass(slots=True)
class Problems:
    """Problems found in answers: question id → message, in question order."""

    by_question: dict[str, str] = field(default_factory=dict)

    def add(self, question_id: str, message: str) -> None:
        self.by_question.setdefault(question_id, message)


def clean_answers(
    questions: Iterable[Question], answers: Any, *, done: bool
) -> tuple[dict[str, str], dict[str, str]]:
    """Check ``answers`` (whatever arrived) against ``questions``: every value text within
    its length, a date real and within 1900–2200, a choice one of its choices; when
    ``done``, every required answer given. Returns (clean answers, problems by question);
    answers to questions not asked are dropped."""
    given = answers if isinstance(answers, dict) else {}
    clean: dict[str, str] = {}
    problems = Problems()
    asked = list(questions)
    for q in asked:
        value = given.get(q.id, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.add(q.id, f"{q.label}: enter text")
            continue
        value = value.strip()
        if "\x00" in value:
            problems.add(q.id, f"{q.label}: remove the character that is not allowed")
            continue
        if len(value) > q.max_length:
            problems.add(q.id, f"{q.label}: must be {q.max_length:,} characters or fewer")
            continue
        if value and q.kind == "choice" and value not in dict(q.choices):
            problems.add(q.id, f"{q.label}: select one of the options")
            continue
        if value and q.kind == "date" and not _real_date(value):
            problems.add(q.id, f"{q.label}: must be a real date")
            continue
        if value:
            clean[q.id] = value
    if done:
        for q in asked:
            needed = q.required or (
                q.required_if is not None and clean.get(q.required_if[0]) == q.required_if[1]
            )
            if needed and q.id not in clean:
                what = "Select an answer" if q.kind == "choice" else "Enter an answer"
                problems.add(q.id, f"{q.label}: {what.lower()}")
    return clean, problems.by_question


def _real_date(text: str) -> bool:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10 and EARLIEST <= day <= LATEST
