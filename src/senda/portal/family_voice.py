"""The family's voice: their and their child's views before a review, their comments on a
draft plan or an amendment notice, secure messages with the case officer. Reads first,
then the actions (keyword-only, atomic, audited). Only a family member who may act for the
child (``senda.people.families.may_act``) writes; the page that calls these has already
checked that the user sees the child's record at all (404 otherwise). See
``docs/families.md`` and ADR 0018."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from senda import audit, kernel
from senda.casework.disagreements import stage1_due, stage2_due
from senda.casework.models import Case, CaseEvent, Complaint, DeadlineRow
from senda.clock import OPEN, REVIEW_DUE_RULES
from senda.clock.calendar import england_and_wales
from senda.clock.rules import RULES
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_permission
from senda.people.families import may_act
from senda.people.models import Membership
from senda.portal import notify
from senda.portal.models import CaseMessage, FamilyViews, Representation, Upload
from senda.portal.uploads import store_upload

__all__ = [
    "ABOUT_ME",
    "CLOSED_CASE",
    "MAX_MESSAGE",
    "PARENT_QUESTIONS",
    "SECTIONS",
    "CommentWindow",
    "ComplaintLine",
    "answer_rows",
    "comment_window",
    "cycle_views",
    "family_complaints",
    "latest_views",
    "make_representation",
    "message_thread",
    "next_review_due",
    "overdue_messages",
    "reply_to_family",
    "representation_of",
    "representations",
    "save_views",
    "send_family_message",
    "working_days_after",
]

#: "All about me": question id → (question, help for younger children).
ABOUT_ME: dict[str, tuple[str, str]] = {
    "like": ("What I like", "Things you enjoy doing, at school and at home."),
    "good_at": (
        "What I'm good at",
        "Things you can do well. People might say you are good at them.",
    ),
    "hard": ("What I find hard", "Things that are difficult for you, or make you worried."),
    "helps": ("What helps me", "People or things that help you when something is hard."),
    "want": ("What I want to happen", "What you would like to change or to happen next."),
}
#: The parent's or carer's views.
PARENT_QUESTIONS: dict[str, tuple[str, str]] = {
    "going_well": ("What is going well", "At school or college, at home, with health."),
    "worries": ("What worries you", "Anything that is not working, or that has changed."),
    "support": ("What support you think is needed", "For your child, and for you as a family."),
    "next_year": ("What you hope for in the next year", "Think about the outcomes in the plan."),
}
#: Sections a family may comment on, as the plan names them.
SECTIONS: dict[str, str] = {
    "B": "Section B: special educational needs",
    "E": "Section E: outcomes",
    "F": "Section F: special educational provision",
    "I": "Section I: school or college",
    "other": "Anything else",
}
MAX_ANSWER = 5000
MAX_MESSAGE = 5000
MAX_HELPED_BY = 100
CLOSED_CASE = (
    "This case is closed, so your message has not been sent. To contact the SEND service, "
    "phone or email the council's SEND team."
)
NOT_FAMILY = "Only a parent or young person who may act on this record can do this."
#: What answers a draft plan or an amendment notice, and which comment rule it starts.
DRAFTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "draft_plan_issued": ("draft-comment-period", ("final_plan_issued",)),
    "amendment_notice_issued": (
        "amendment-comment-period",
        ("amended_plan_issued", "final_plan_issued"),
    ),
}


# --- Reads ----------------------------------------------------------------------------


def working_days_after(day: date, days: int) -> date:
    """The ``days``-th working day after ``day`` (the clock's England and Wales calendar)."""
    return england_and_wales().add_working_days(day, days)


def next_review_due(case: Case) -> date | None:
    """The day the case's next review falls due, from the clock's open deadline rows."""
    row = (
        DeadlineRow.objects.filter(
            case=case, rule__in=sorted(REVIEW_DUE_RULES), status__in=sorted(OPEN), done__isnull=True
        )
        .order_by("due")
        .first()
    )
    return row.due if row is not None else None


def _cycle_start(case: Case) -> date:
    """The day of the case's last review decision (the current cycle starts then)."""
    last = (
        CaseEvent.objects.current()
        .filter(case=case, type="review_decision")
        .order_by("-on", "-id")
        .first()
    )
    return last.on if last is not None else date.min


def cycle_views(case: Case) -> dict[str, FamilyViews]:
    """The family's latest views of each kind (child, parent) given in the review cycle
    now under way (since the last review decision): what the setting's review shows."""
    found: dict[str, FamilyViews] = {}
    rows = (
        FamilyViews.objects.filter(case=case, given_on__gte=_cycle_start(case))
        .select_related("upload")
        .order_by("given_on", "id")
    )
    for views in rows:
        found[views.about] = views
    return found


def latest_views(case: Case) -> dict[str, FamilyViews]:
    """The family's latest views of each kind (child, parent), whenever given: what the
    council's case page shows."""
    found: dict[str, FamilyViews] = {}
    rows = FamilyViews.objects.filter(case=case).select_related("upload").order_by("given_on", "id")
    for views in rows:
        found[views.about] = views
    return found


#: Where a complaint is, in the family's words.
COMPLAINT_STAGES = {
    Complaint.Stage.STAGE_1: "Stage 1: a manager looks into it",
    Complaint.Stage.STAGE_2: "Stage 2: a senior manager reviews it",
    Complaint.Stage.OMBUDSMAN: "With the Ombudsman",
}


@dataclass(frozen=True)
class ComplaintLine:
    """One of the case's complaints as the family sees it (no summary: another parent's
    words stay theirs)."""

    category: str
    received_on: date
    stage: str
    due_on: date | None
    answered_on: date | None
    is_open: bool


def family_complaints(case: Case) -> list[ComplaintLine]:
    """The case's complaints, newest first: what about, when received, the stage, when the
    answer is due (``stage1_due``/``stage2_due``) and whether it has been answered."""
    lines = []
    for complaint in case.complaints.select_related("case__la").order_by("-received_on", "-id"):
        if complaint.stage == Complaint.Stage.STAGE_1:
            due, answered = stage1_due(complaint), complaint.stage1_responded_on
        elif complaint.stage == Complaint.Stage.STAGE_2:
            due, answered = stage2_due(complaint), complaint.stage2_responded_on
        else:
            due, answered = None, None
        lines.append(
            ComplaintLine(
                category=complaint.get_category_display(),
                received_on=complaint.received_on,
                stage=COMPLAINT_STAGES.get(complaint.stage, complaint.get_stage_display()),
                due_on=due,
                answered_on=answered,
                is_open=complaint.is_open,
            )
        )
    return lines


def answer_rows(views: FamilyViews) -> list[tuple[str, str]]:
    """The views' answers as (question, answer), in the questions' order."""
    questions = ABOUT_ME if views.about == FamilyViews.About.CHILD else PARENT_QUESTIONS
    given = views.answers if isinstance(views.answers, dict) else {}
    return [(label, str(given[key])) for key, (label, _) in questions.items() if given.get(key)]


@dataclass(frozen=True, slots=True)
class CommentWindow:
    """The family's time to comment on a draft plan or an amendment notice."""

    event: CaseEvent
    rule: str
    ends_on: date
    is_open: bool

    @property
    def is_amendment(self) -> bool:
        return self.event.type == "amendment_notice_issued"

    @property
    def plain(self) -> str:
        return RULES[self.rule].plain

    @property
    def citation(self) -> str:
        return RULES[self.rule].citation


def comment_window(case: Case, today: date) -> CommentWindow | None:
    """The latest draft plan issued or amendment notice with no final or amended plan
    since, and its window's last day (the clock's rule, not recounted here)."""
    events = list(
        CaseEvent.objects.current()
        .filter(case=case, type__in=[*DRAFTS, "final_plan_issued", "amended_plan_issued"])
        .order_by("on", "recorded_at", "id")
    )
    drafts = [e for e in events if e.type in DRAFTS]
    if not drafts:
        return None
    latest = drafts[-1]
    rule, finals = DRAFTS[latest.type]
    if any(e.type in finals and e.on >= latest.on for e in events):
        return None
    ends_on = RULES[rule].due(latest.on)
    return CommentWindow(latest, rule, ends_on, today <= ends_on)


def family_finished(case: Case, step: str) -> bool:
    """Whether the family has said they have finished commenting on the draft plan (for
    ``final_plan_issued``) or the amendment notice (for ``amended_plan_issued``) the plan
    would answer: the case's latest one. Casework's plan actions take it as
    ``family_finished``."""
    opens = next((k for k, (_, answers) in DRAFTS.items() if answers[0] == step), None)
    if opens is None:
        return False
    latest = CaseEvent.objects.current().filter(case=case, type=opens).order_by("on", "id").last()
    return (
        latest is not None and Representation.objects.filter(event=latest, finished=True).exists()
    )


def representation_of(user: Any, window: CommentWindow) -> Representation | None:
    return Representation.objects.filter(event=window.event, made_by_id=user.pk).first()


def representations(case: Case) -> QuerySet[Representation]:
    """Every representation on the case, newest first (the officer's case page)."""
    return Representation.objects.filter(case=case).select_related("event", "made_by")


def message_thread(case: Case) -> QuerySet[CaseMessage]:
    return CaseMessage.objects.filter(case=case).select_related("author").order_by("sent_at", "id")


def overdue_messages(la_id: int, today: date) -> QuerySet[CaseMessage]:
    """Families' messages in the area not replied to by their reply date, oldest first."""
    return (
        CaseMessage.objects.filter(
            case__la_id=la_id,
            from_family=True,
            replied_at__isnull=True,
            reply_due_on__lt=today,
        )
        .select_related("case__officer")
        .order_by("reply_due_on", "id")
    )


# --- Actions --------------------------------------------------------------------------


def _check_family(case: Case, by: User, today: date) -> None:
    check_permission(may_act(by, case.child, today), NOT_FAMILY)


def _audit(by: User, obj: Any, case: Case, what: str) -> None:
    audit.record(
        user=by, verb="write", obj=obj, child=case.child, summary=f"case {case.pk}: {what}"
    )


def _clean_answers(answers: dict[str, str], questions: dict[str, Any]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for key, value in answers.items():
        if key not in questions:
            raise ActionError(WHOLE_FORM, "Answer the questions on this page")
        text = (value or "").strip()
        if len(text) > MAX_ANSWER:
            raise ActionError(key, f"Your answer must be {MAX_ANSWER:,} characters or fewer")
        if text:
            clean[key] = text
    return clean


def save_views(
    *,
    case: Case,
    about: str,
    answers: dict[str, str],
    helped_by: str = "",
    file: Any = None,
    by: User,
    today: date | None = None,
) -> FamilyViews:
    """Keep the child's ("child") or the parent's ("parent") views for the next review:
    typed answers, an uploaded file, or both. A new record each time; the latest of the
    cycle is the one the setting sees. ``review_due_on`` is the next review's due day.
    Everything is checked before the file is stored; the file is stored outside this
    action's transaction (``store_upload``: a refused file's audit entry stays), then the
    record and its audit entry are written together."""
    today = today or kernel.today()
    _check_family(case, by, today)
    check_choice(about, FamilyViews.About.values, "about", "whose views these are")
    questions = ABOUT_ME if about == FamilyViews.About.CHILD else PARENT_QUESTIONS
    clean = _clean_answers(answers, questions)
    helped_by = (helped_by or "").strip()
    if len(helped_by) > MAX_HELPED_BY:
        raise ActionError("helped_by", f"This must be {MAX_HELPED_BY} characters or fewer")
    if not clean and file is None:
        raise ActionError(WHOLE_FORM, "Answer at least one question, or upload a file")
    upload: Upload | None = None
    if file is not None:
        purpose = "child_views" if about == FamilyViews.About.CHILD else "parent_views"
        upload = store_upload(case=case, file=file, purpose=purpose, by=by)
    with transaction.atomic():
        views = FamilyViews.objects.create(
            case=case,
            about=about,
            answers=clean,
            upload=upload,
            helped_by=helped_by if about == FamilyViews.About.CHILD else "",
            review_due_on=next_review_due(case),
            given_on=today,
            given_by=by,
        )
        _audit(by, views, case, f"family views {views.pk} ({about}) given")
    return views


@transaction.atomic
def make_representation(
    *,
    case: Case,
    comments: dict[str, str],
    school_name: str = "",
    school_category: str = "",
    meeting_requested: bool = False,
    finished: bool = False,
    by: User,
    today: date | None = None,
) -> Representation:
    """The family's comments on the draft plan or amendment notice now open: one per
    family member per draft, changed in place until the window ends, refused after it.
    The case officer is told by message."""
    today = today or kernel.today()
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("child", "la", "officer")
        .get(pk=case.pk)
    )
    _check_family(case, by, today)
    window = comment_window(case, today)
    if window is None:
        raise ActionError(WHOLE_FORM, "There is no draft plan or amendment notice to comment on")
    if not window.is_open:
        raise ActionError(
            WHOLE_FORM,
            f"The time to comment ended on {kernel.long_date(window.ends_on)}. "
            "You can still message your officer.",
        )
    clean = _clean_answers(comments, SECTIONS)
    school_name = (school_name or "").strip()
    if len(school_name) > 200:
        raise ActionError("school_name", "The name of the school must be 200 characters or fewer")
    if school_category:
        check_choice(
            school_category, Representation.SchoolCategory.values, "school_category", "the type"
        )
    if school_name and not school_category:
        raise ActionError("school_category", "Select the type of school or college")
    if school_category and not school_name:
        raise ActionError("school_name", "Enter the name of the school or college")
    if not (clean or school_name or meeting_requested or finished):
        raise ActionError(
            WHOLE_FORM, "Write a comment, ask for a school or a meeting, or say you have finished"
        )
    found = representation_of(by, window)
    fields = {
        "comments": clean,
        "school_name": school_name,
        "school_category": school_category,
        "meeting_requested": bool(meeting_requested),
        "finished": bool(finished),
        "made_on": today,
    }
    if found is None:
        rep = Representation.objects.create(case=case, event=window.event, made_by=by, **fields)
        what = "made"
    else:
        for name, value in fields.items():
            setattr(found, name, value)
        found.save()
        rep, what = found, "changed"
    _audit(by, rep, case, f"representation {rep.pk} {what} (event {window.event.pk})")
    _tell_officer(
        case,
        "family_representation",
        by,
        {"ends": kernel.long_date(window.ends_on)},
        dedupe_key=f"family-representation-{rep.pk}-{today.isoformat()}",
    )
    return rep


def _tell_officer(
    case: Case, template: str, by: User, extra: dict[str, str], dedupe_key: str = ""
) -> None:
    """Message the case officer (nothing if the case has none, or they have no email)."""
    officer = case.officer
    if officer is None or not officer.email:
        return
    link = notify.site_link(f"/cases/{case.pk}/")
    notify.send(
        la=case.la,
        to=officer.email,
        template=template,
        personalisation={
            "name": officer.get_full_name() or officer.username,
            "reference": notify.case_reference(case),
            "link": link,
            **extra,
        },
        user=officer,
        case=case,
        by=by,
        dedupe_key=dedupe_key,
    )


def _check_message(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise ActionError("body", "Enter your message")
    if len(text) > MAX_MESSAGE:
        raise ActionError("body", f"Your message must be {MAX_MESSAGE:,} characters or fewer")
    return text


@transaction.atomic
def send_family_message(
    *, case: Case, body: str, by: User, today: date | None = None
) -> CaseMessage:
    """A family member's message to the case officer: kept, acknowledged at once (by
    message too), with a reply due in the area's ``message_reply_days`` working days."""
    today = today or kernel.today()
    case = Case.objects.select_related("child", "la", "officer").get(pk=case.pk)
    _check_family(case, by, today)
    if not case.is_open:
        raise ActionError(WHOLE_FORM, CLOSED_CASE)
    text = _check_message(body)
    due = working_days_after(today, case.la.message_reply_days)
    message = CaseMessage.objects.create(
        case=case, author=by, from_family=True, body=text, reply_due_on=due
    )
    _audit(by, message, case, f"family message {message.pk} sent")
    if by.email:
        notify.send(
            la=case.la,
            to=by.email,
            template="family_message_received",
            personalisation={
                "reference": notify.case_reference(case),
                "due": kernel.long_date(due),
                "link": notify.site_link(f"/family/{case.pk}/messages/"),
            },
            user=by,
            case=case,
            by=by,
        )
    _tell_officer(case, "family_message", by, {"due": kernel.long_date(due)})
    return message


def _may_reply(case: Case, by: User) -> bool:
    membership = Membership.objects.filter(user_id=by.pk).first()
    return membership is not None and membership.can_write_casework(case.la_id)


@transaction.atomic
def reply_to_family(*, case: Case, body: str, by: User, today: date | None = None) -> CaseMessage:
    """The officer's reply in the family's thread: it answers every family message still
    waiting (each gets ``replied_at``), and the family is told by message."""
    case = Case.objects.select_related("child", "la").get(pk=case.pk)
    check_permission(_may_reply(case, by), "You do not have permission to reply on this case.")
    text = _check_message(body)
    waiting = list(
        CaseMessage.objects.select_for_update()
        .filter(case=case, from_family=True, replied_at__isnull=True)
        .order_by("sent_at", "id")
    )
    reply = CaseMessage.objects.create(
        case=case,
        author=by,
        from_family=False,
        body=text,
        reply_to=waiting[-1] if waiting else None,
    )
    now = timezone.now()
    CaseMessage.objects.filter(pk__in=[m.pk for m in waiting]).update(replied_at=now)
    _audit(by, reply, case, f"reply {reply.pk} to the family")
    for author in {m.author for m in waiting if m.author.email}:
        notify.send(
            la=case.la,
            to=author.email,
            template="family_message_reply",
            personalisation={
                "reference": notify.case_reference(case),
                "link": notify.site_link(f"/family/{case.pk}/messages/"),
            },
            user=author,
            case=case,
            by=by,
        )
    return reply
