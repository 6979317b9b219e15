"""Where a family's case is, in plain English: the stage, what happens next, who does it
and by when by law (docs/families.md, "Where we are, in plain English").

``family_status(case, today, voice=...)`` reads the case's events through the clock's one
replay of them (``senda.clock.case_state``) and its open deadline rows, and answers a
:class:`FamilyStatus` the family's home page shows. Every sentence here is data, written for
a reading age of about 9 (``tests/portal/test_family_status_reading.py`` checks it with
``textstat``): a parent reads "your child", a young person reads "you".

Only the law is shown: local standards and guidance (``senda.clock.LOCAL_RULES``, such as
the council's own target for logging a review) never reach a family's page, and no word of
the service's own (``FORBIDDEN_WORDS``) does either. A statutory time limit that has passed
is said plainly, with an apology and what happens next (the Local Government and Social
Care Ombudsman asks councils to tell families when delays happen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import senda.clock as clock
from senda.clock.rules import citation as rule_citation
from senda.kernel import long_date

__all__ = [
    "FORBIDDEN_WORDS",
    "FamilyStatus",
    "FamilyStep",
    "FamilyTask",
    "Voice",
    "family_status",
    "jargon_in",
]

#: Who reads the page: a parent or carer ("your child"), or the young person ("you").
Voice = Literal["parent", "young person"]

#: Words of the service's own that a family's page never shows (checked by the reading
#: test on every page it renders, and by :func:`jargon_in`).
FORBIDDEN_WORDS: tuple[str, ...] = (
    "logged",
    "pending",
    "breached",
    "excepted",
    "lapsed",
    "overdue",
    "statutory",
    "local authority",
    "local standard",
    "EHCNA",
    "SEN2",
    "KPI",
    "triage",
    "caseload",
    "discipline",
    "milestone",
    "rule id",
)
#: A regulation cited without its instrument ("reg 20(7)" alone, not "SEND Regulations 2014
#: reg 20(7)").
BARE_REG = re.compile(r"(?<!Regulations 2014 )\breg \d", re.IGNORECASE)

#: The words for the child, in each voice ({child}, {childs}, {child_is}, {child_has}; a
#: capital first letter for the start of a sentence).
WORDS: dict[str, dict[str, str]] = {
    "parent": {
        "child": "your child",
        "Child": "Your child",
        "childs": "your child's",
        "Childs": "Your child's",
        "child_is": "your child is",
        "Child_is": "Your child is",
        "child_has": "your child has",
        "Child_has": "Your child has",
    },
    "young person": {
        "child": "you",
        "Child": "You",
        "childs": "your",
        "Childs": "Your",
        "child_is": "you are",
        "Child_is": "You are",
        "child_has": "you have",
        "Child_has": "You have",
    },
}

#: The clock's plain sentences are written to a parent ("your child"); a young person reads
#: them about themself.
_TO_YOUNG_PERSON = (
    (re.compile(r"\byour child's\b"), "your"),
    (re.compile(r"\bYour child's\b"), "Your"),
    (re.compile(r"\byour child is\b"), "you are"),
    (re.compile(r"\bYour child is\b"), "You are"),
    (re.compile(r"\byour child has\b"), "you have"),
    (re.compile(r"\bYour child has\b"), "You have"),
    (re.compile(r"\byour child\b"), "you"),
    (re.compile(r"\bYour child\b"), "You"),
)


#: Citations spelled out for families: no "CFA" or "s44" they would have to look up.
_IN_FULL = (
    (re.compile(r"\bCFA 2014 ss?"), "Children and Families Act 2014, section "),
    (re.compile(r"\bSEND Regulations 2014 regs "), "SEND Regulations 2014, regulations "),
    (re.compile(r"\bSEND Regulations 2014 reg "), "SEND Regulations 2014, regulation "),
    (re.compile(r"; reg "), "; regulation "),
    (re.compile(r"\bHESC Rules 2008 r"), "Tribunal Procedure Rules 2008, rule "),
    (re.compile(r" \+ reg "), " and regulation "),
    (re.compile(r"\bregulation (\d+)–(\d+)\b"), r"regulations \1–\2"),
)


def in_full(citation: str) -> str:
    """A citation as a family reads it: "Children and Families Act 2014, section 44(1)"
    rather than "CFA 2014 s44(1)"."""
    for pattern, words in _IN_FULL:
        citation = pattern.sub(words, citation)
    return citation


def in_voice(sentence: str, voice: str) -> str:
    """A rule's plain sentence for ``voice``: unchanged for a parent, about "you" for a
    young person."""
    if voice != "young person":
        return sentence
    for pattern, words in _TO_YOUNG_PERSON:
        sentence = pattern.sub(words, sentence)
    return sentence


COUNCIL, SCHOOL, YOU, ADVISERS = "The council", "The school or college", "You", "The experts"

#: Each stage (``senda.clock.STAGES``, and a few moments within one): a heading and what
#: it means, in plain words.
STAGE_TEXTS: dict[str, tuple[str, str]] = {
    "none": (
        "Nothing has started yet",
        "We have not had a request to assess {childs} needs. "
        "You can ask us for an assessment at any time.",
    ),
    "requested": (
        "We have your request",
        "You asked us to check {childs} needs. "
        "We are deciding if we need to do an assessment. "
        "We will write to tell you what we decide.",
    ),
    "refused": (
        "We decided not to assess",
        "We wrote to tell you we will not assess {childs} needs now. "
        "If you do not agree, you can talk to us, ask for mediation or appeal. "
        "Our letter tells you how.",
    ),
    "assessing": (
        "We are assessing {childs} needs",
        "We are finding out what help {child} needs. "
        "We ask people who know {child} to tell us what they think. "
        "Then we decide if {child} needs a plan.",
    ),
    "no plan": (
        "We decided not to write a plan",
        "We wrote to tell you we will not write a plan for {child} now. "
        "If you do not agree, you can talk to us, ask for mediation or appeal. "
        "Our letter tells you how.",
    ),
    "draft": (
        "There is a draft plan",
        "We sent you a draft of {childs} plan. "
        "Please read it and tell us what you think. "
        "You can also tell us which school or college you would like.",
    ),
    "plan": (
        "{Child_has} a plan",
        "{Child_has} an education, health and care plan. "
        "It says what help {child} should get. "
        "We check the plan with you at least once a year.",
    ),
    "review": (
        "We are looking at {childs} plan again",
        "There was a meeting to look at {childs} plan. "
        "Next we decide if the plan should stay the same, change or end. "
        "We will write to tell you.",
    ),
    "changes": (
        "We want to change {childs} plan",
        "We sent you the changes we want to make to {childs} plan. "
        "Please tell us what you think. "
        "Then we send you the new plan.",
    ),
    "ceased": (
        "{Childs} plan has ended",
        "{Childs} plan has ended. "
        "If you think {child} still needs a plan, you can ask us to assess again.",
    ),
}

#: Each statutory time limit a family is told about: who does it, and what happens, in the
#: family's words. Every rule of ``senda.clock.RULES`` that is law has an entry (a test
#: checks it); local standards and guidance have none and are never shown.
STEP_TEXTS: dict[str, tuple[str, str]] = {
    "assess-decision": (
        COUNCIL,
        "We decide if we will assess {childs} needs. We write to tell you.",
    ),
    "advice": (ADVISERS, "People who know {child} send us their advice."),
    "no-issue-notice": (COUNCIL, "We tell you if we will not write a plan."),
    "draft-comment-period": (
        YOU,
        "You tell us what you think of the draft plan. You can ask for a school or college.",
    ),
    "final-plan": (COUNCIL, "We send you the final plan."),
    "annual-review": (SCHOOL, "There is a meeting to look at {childs} plan."),
    "review-notice": (SCHOOL, "Everyone is asked to the meeting at least 2 weeks before."),
    "review-advice-circulated": (
        SCHOOL,
        "Everyone gets the papers for the meeting at least 2 weeks before.",
    ),
    "review-report": (SCHOOL, "The school or college sends us a report of the meeting."),
    "review-decision": (
        COUNCIL,
        "We decide if the plan stays the same, changes or ends. We write to tell you.",
    ),
    "amended-plan": (COUNCIL, "We send you the new plan with the changes."),
    "review-to-final": (COUNCIL, "If the plan needs to change, we send you the new plan."),
    "phase-transfer": (COUNCIL, "We change the plan to name {childs} next school or college."),
    "transfer-in-review": (SCHOOL, "There is a meeting to look at {childs} plan."),
    "transfer-in-notice": (COUNCIL, "We write to tell you we now look after {childs} plan."),
    "transfer-out": (COUNCIL, "We send {childs} plan to your new council."),
    "amendment-comment-period": (
        YOU,
        "You tell us what you think of the changes. You can ask for a meeting.",
    ),
    "reassess-decision": (
        COUNCIL,
        "We decide if we will assess {childs} needs again. We write to tell you.",
    ),
    "reassessment-plan": (
        COUNCIL,
        "We send you the new plan, or tell you the plan will stay the same.",
    ),
}

#: What a family is told when a time limit the law sets has passed.
LATE_TEXT = (
    "This is late. It should have happened by {due}. We are sorry. "
    "We are working on it now. You can send us a message to ask what is happening."
)

#: What a family is told when the law gives more time (an exception to the time limit:
#: the school closed, the family's own circumstances, time away from the area).
MORE_TIME_TEXT = (
    "The law gives more time for this when something gets in the way. "
    "You can send us a message to ask what is happening."
)

#: The family's time to comment: a window of theirs, never "late" for the council.
FAMILY_WINDOWS = frozenset({"draft-comment-period", "amendment-comment-period"})


@dataclass(frozen=True, slots=True)
class FamilyStep:
    """One thing that happens next: who does it, what, by when by law, and the law."""

    rule: str
    who: str
    what: str
    #: The day the law sets; None when the law gives more time (an exception).
    due: date | None
    late: bool
    late_text: str
    #: The rule's own plain sentence (``Rule.plain``, the statement until it is written).
    law_text: str
    #: "SEND Regulations 2014 reg 5(1)".
    citation: str

    @property
    def due_text(self) -> str:
        return long_date(self.due) if self.due is not None else "No set date now"

    @property
    def more_time_text(self) -> str:
        return MORE_TIME_TEXT if self.due is None else ""


@dataclass(frozen=True, slots=True)
class FamilyTask:
    """Something the family can do now: a page of theirs (a ``web:`` URL name taking the
    case id) and the words of its link."""

    url_name: str
    text: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class FamilyStatus:
    """Where the case is, for the family: what the home page shows."""

    voice: Voice
    stage: str
    heading: str
    text: str
    steps: list[FamilyStep] = field(default_factory=list)
    tasks: list[FamilyTask] = field(default_factory=list)
    #: A parent reading a young person's record: who makes the decisions now.
    rights_note: str = ""

    @property
    def late(self) -> list[FamilyStep]:
        return [step for step in self.steps if step.late]


def say(text: str, voice: Voice) -> str:
    """``text`` with the words for the child in ``voice``."""
    return text.format(**WORDS[voice])


def jargon_in(text: str) -> list[str]:
    """The service's own words in ``text`` (:data:`FORBIDDEN_WORDS`, a bare "reg 20(7)")."""
    found = [
        word
        for word in FORBIDDEN_WORDS
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", text, re.IGNORECASE)
    ]
    return found + (["reg (without the regulations' name)"] if BARE_REG.search(text) else [])


def stage_key(state: clock.CaseState, has_events: bool) -> str:
    """Which of :data:`STAGE_TEXTS` describes the case."""
    if not has_events:
        return "plan" if state.plan_live else "none"  # a plan older than the records
    stage = state.stage
    if stage == "requested":
        return "refused" if state.assess == "refuse" else "requested"
    if stage == "assessing":
        if state.issue == "not-issue":
            return "no plan"
        return "assessing" if state.assess == "assess" else "requested"
    if stage == "plan" and state.plan_live:
        if state.notice_open:
            return "changes"
        if state.meeting is not None and "review_decision" not in state.after_meeting:
            return "review"
        return "plan"
    if stage == "plan":
        return "ceased"
    return stage


def steps_of(rows: Any, today: date, voice: Voice) -> list[FamilyStep]:
    """The open statutory deadlines as steps, one per rule (its earliest due), soonest
    first. ``rows`` are deadline rows (``rule``, ``due``, ``status``)."""
    earliest: dict[str, date] = {}
    more_time: set[str] = set()
    for row in rows:
        if row.rule in clock.LOCAL_RULES or row.rule not in STEP_TEXTS:
            continue
        if row.status == clock.EXCEPTED and getattr(row, "done", None) is None:
            more_time.add(row.rule)  # an exception: the law gives more time
            continue
        if row.status not in clock.OPEN:
            continue
        if row.rule in FAMILY_WINDOWS and row.due < today:
            continue  # the family's own time to comment has closed: nothing late of theirs
        if row.rule not in earliest or row.due < earliest[row.rule]:
            earliest[row.rule] = row.due
    steps = []
    ordered = sorted(earliest.items(), key=lambda item: (item[1], item[0]))
    excepted: list[tuple[str, date | None]] = [(r, None) for r in sorted(more_time - set(earliest))]
    for rule_id, due in [*ordered, *excepted]:
        who, what = STEP_TEXTS[rule_id]
        rule = clock.RULES[rule_id]
        late = due is not None and due < today and rule_id not in FAMILY_WINDOWS
        steps.append(
            FamilyStep(
                rule=rule_id,
                who=who,
                what=say(what, voice),
                due=due,
                late=late,
                late_text=LATE_TEXT.format(due=long_date(due)) if late and due else "",
                law_text=in_voice(rule.plain or rule.statement, voice),
                citation=in_full(rule_citation(rule_id)),
            )
        )
    return steps


def tasks_of(
    state: clock.CaseState,
    stage: str,
    may_act: bool,
    reply_days: int = 5,
    steps: list[FamilyStep] | None = None,
    survey_open: bool = True,
) -> list[FamilyTask]:
    """What the family can do now, as links to their pages (``web:`` URL names); the
    survey only while one is open to them (``survey_open``)."""
    window = next((s.due for s in steps or [] if s.rule in FAMILY_WINDOWS and s.due), None)
    tasks = [FamilyTask("web:family-documents", "Read letters and plans we sent you")]
    if not may_act:
        return tasks
    if state.plan_live:
        tasks.append(
            FamilyTask(
                "web:family-views",
                "Tell us your views before the next meeting",
                "What is going well, and what is hard.",
            )
        )
    if stage in ("draft", "changes"):
        tasks.append(
            FamilyTask(
                "web:family-draft",
                "Tell us what you think of the plan",
                f"Please do it by {long_date(window)}." if window else "Please do it soon.",
            )
        )
    tasks += [
        FamilyTask(
            "web:family-messages",
            "Send us a message",
            f"We reply within {reply_days} working days.",
        ),
        *([FamilyTask("web:family-survey", "Tell us how we are doing")] if survey_open else []),
        FamilyTask("web:family-complaint", "Make a complaint"),
    ]
    return tasks


def family_status(
    case: Any,
    today: date,
    *,
    voice: Voice = "parent",
    may_act: bool = True,
    rights_holder: str = "parent",
    acts_for: bool = False,
    live_plan: bool | None = None,
    events: list[clock.Event] | None = None,
    rows: Any = None,
    survey_open: bool = True,
) -> FamilyStatus:
    """Where ``case`` is today, for a family member reading in ``voice``.

    ``events`` and ``rows`` default to the case's current events and its deadline rows;
    ``rights_holder`` (``senda.people.families.rights_holder``) adds a note for a parent
    reading a young person's record: they see it because the young person agreed, or
    (``acts_for``) they act for a young person who lacks capacity for a decision.
    ``live_plan`` (casework's plan records: a plan may predate the recorded events) has the
    last word on whether a plan is current, as in ``senda.clock.case_state``.
    """
    if events is None:
        events = case.clock_events()
    if rows is None:
        rows = list(case.deadlines.all())
    state = clock.case_state(events, live_plan=live_plan, today=today)
    stage = stage_key(state, bool(events))
    heading, text = STAGE_TEXTS[stage]
    note = ""
    if voice == "parent" and rights_holder == "young person":
        note = "Your child is now old enough to make their own choices about their plan. " + (
            "You can make some choices for them." if acts_for else "They agreed you can see this."
        )
    steps = steps_of(rows, today, voice)
    reply_days = getattr(getattr(case, "la", None), "message_reply_days", 5)
    return FamilyStatus(
        voice=voice,
        stage=stage,
        heading=say(heading, voice),
        text=say(text, voice),
        steps=steps,
        tasks=tasks_of(state, stage, may_act, reply_days, steps, survey_open),
        rights_note=note,
    )
