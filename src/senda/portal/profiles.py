"""The ND needs profile, completed by a school or setting before a referral for an autism
or ADHD assessment: the area's form (sections and questions as data, a default set
installed once), and the actions that start, save, submit and amend a profile. Each action
is keyword-only, checks, writes and audits in one transaction, raising
``kernel.ActionError`` having written nothing.

    profile = start_profile(child=child, by=senco)
    save_answers(profile=profile, answers={question.pk: "…"}, by=senco)
    submit_profile(profile=profile, by=senco)
    amend_profile(profile=profile, why="New information from the family", by=senco)

Saving appends an answer row for each answer that changed (the latest row per question is
the current answer), so every answer ever saved is kept. Who may: the staff of the
child's setting (``people.access.setting_ids``), the setting the profile was started at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError
from senda.people.access import setting_ids
from senda.people.models import Child, LocalAuthority
from senda.portal.models import (
    NeedsProfile,
    ProfileAnswer,
    ProfilePilot,
    ProfileQuestion,
    ProfileSection,
)

__all__ = [
    "ANSWER_MAX",
    "DEFAULT_FORM",
    "Section",
    "amend_profile",
    "children_for",
    "current_answers",
    "form_of",
    "install_defaults",
    "pilot_setting_ids",
    "profile_for",
    "profiles_for",
    "save_answers",
    "start_profile",
    "submit_profile",
]

ANSWER_MAX = 4000
NOT_ALLOWED = "Only the staff of the child's school or setting can complete the profile."

#: The partnership's default profile: (section, hint, questions). A question ending in
#: " (optional)" is not required.
DEFAULT_FORM: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Social communication and interaction",
        "What you see day to day, in class and at break.",
        (
            "How does the child communicate with adults and other children?",
            "How does the child take part in play, group work and friendships?",
        ),
    ),
    (
        "Attention, activity and impulsivity",
        "Compare with other children of the same age.",
        (
            "How well does the child focus on tasks, and for how long?",
            "How does the child manage waiting, turn-taking and sitting still?",
        ),
    ),
    (
        "Sensory needs and routines",
        "",
        (
            "How does the child respond to noise, light, touch, smells or tastes?",
            "How does the child cope with changes to routine?",
        ),
    ),
    (
        "Learning, emotional wellbeing and behaviour",
        "",
        (
            "What are the child's strengths and interests?",
            "What does the child find hard in learning, and how does it show?",
            "How does the child show worry, distress or anger, and what helps?",
        ),
    ),
    (
        "Support already tried",
        "The graduated approach: assess, plan, do, review.",
        (
            "What support has the school put in place, for how long, and what changed?",
            "Which other professionals have been involved? (optional)",
        ),
    ),
    (
        "The child's and family's views",
        "In their own words where you can.",
        (
            "What does the child say about school and what would help?",
            "What do the parents or carers say, and do they agree to the referral?",
        ),
    ),
)
OPTIONAL = " (optional)"


@dataclass(frozen=True)
class Section:
    title: str
    hint: str
    questions: list[ProfileQuestion]


def install_defaults(la: LocalAuthority) -> int:
    """Install the default form in ``la`` unless it has one; the number of questions made."""
    if ProfileSection.objects.filter(la=la).exists():
        return 0
    made = 0
    for n, (title, hint, questions) in enumerate(DEFAULT_FORM, start=1):
        section = ProfileSection.objects.create(la=la, title=title, hint=hint, order=n)
        rows = [
            ProfileQuestion(
                section=section,
                text=text.removesuffix(OPTIONAL) if text.endswith(OPTIONAL) else text,
                required=not text.endswith(OPTIONAL),
                order=m,
            )
            for m, text in enumerate(questions, start=1)
        ]
        ProfileQuestion.objects.bulk_create(rows)
        made += len(rows)
    return made


def form_of(la_id: int) -> list[Section]:
    """The area's form as it stands: active sections and their active questions, in order."""
    questions = ProfileQuestion.objects.filter(
        section__la_id=la_id, section__active=True, active=True
    ).select_related("section")
    sections: dict[int, Section] = {}
    for question in questions:
        section = question.section
        if section.pk not in sections:
            sections[section.pk] = Section(section.title, section.hint, [])
        sections[section.pk].questions.append(question)
    return list(sections.values())


def current_answers(profile: NeedsProfile) -> dict[int, ProfileAnswer]:
    """Each question's latest answer on ``profile``."""
    latest: dict[int, ProfileAnswer] = {}
    for answer in profile.answers.order_by("id"):
        latest[answer.question_id] = answer
    return latest


def children_for(user: Any) -> QuerySet[Child]:
    """The children at the settings ``user`` works for."""
    return Child.objects.filter(setting_id__in=setting_ids(user)).order_by(
        "family_name", "given_name", "pk"
    )


def profiles_for(user: Any) -> QuerySet[NeedsProfile]:
    """The profiles started at the settings ``user`` works for."""
    return NeedsProfile.objects.filter(setting_id__in=setting_ids(user))


def profile_for(user: Any, profile_id: int) -> NeedsProfile | None:
    """One profile ``user`` may open (staff of its setting), or None (the page: 404)."""
    return profiles_for(user).select_related("child", "setting", "la").filter(pk=profile_id).first()


def pilot_setting_ids(la_id: int, on: date) -> set[int]:
    """The area's pilot settings on ``on``."""
    rows = ProfilePilot.objects.filter(la_id=la_id, joined_on__lte=on).exclude(left_on__lte=on)
    return set(rows.values_list("setting_id", flat=True))


def _write(by: Any, profile: NeedsProfile, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=profile,
        child=profile.child,
        summary=f"needs profile {profile.pk}: {what}",
        la_id=profile.la_id,
    )


def _staff(by: Any, setting_id: int | None) -> None:
    kernel.check_permission(setting_id is not None and setting_id in setting_ids(by), NOT_ALLOWED)


def _locked(profile: NeedsProfile) -> NeedsProfile:
    return NeedsProfile.objects.select_for_update().select_related("child").get(pk=profile.pk)


@transaction.atomic
def start_profile(*, child: Child, by: Any, today: date | None = None) -> NeedsProfile:
    """A new draft profile of ``child`` at their setting, or the draft already open."""
    today = today or kernel.today()
    _staff(by, child.setting_id)
    assert child.setting_id is not None  # checked by _staff
    open_draft = NeedsProfile.objects.filter(child=child, status=NeedsProfile.Status.DRAFT).first()
    if open_draft is not None:
        return open_draft
    install_defaults(child.la)
    profile = NeedsProfile.objects.create(
        la_id=child.la_id,
        child=child,
        setting_id=child.setting_id,
        started_on=today,
        started_by=by,
    )
    _write(by, profile, "started")
    return profile


def _append(profile: NeedsProfile, answers: dict[int, str], by: Any) -> int:
    questions = {
        q.pk: q
        for q in ProfileQuestion.objects.filter(section__la_id=profile.la_id, pk__in=list(answers))
    }
    had = {pk: a.text for pk, a in current_answers(profile).items()}
    rows = []
    for pk, text in answers.items():
        question = questions.get(pk)
        if question is None:
            raise ActionError(WHOLE_FORM, "The form has changed: open the profile again.")
        text = (text or "").strip()
        if len(text) > ANSWER_MAX:
            raise ActionError(f"q{pk}", f"Answer in {ANSWER_MAX} characters or fewer.")
        if text != had.get(pk, ""):
            rows.append(
                ProfileAnswer(
                    profile=profile, question=question, asked=question.text, text=text, saved_by=by
                )
            )
    ProfileAnswer.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def save_answers(*, profile: NeedsProfile, answers: dict[int, str], by: Any) -> int:
    """Save a draft's answers (question id → text); the number of answers that changed."""
    profile = _locked(profile)
    _staff(by, profile.setting_id)
    if not profile.is_draft:
        raise ActionError(WHOLE_FORM, "This profile was submitted: amend it to change it.")
    changed = _append(profile, answers, by)
    if changed:
        _write(by, profile, f"saved {changed} answers")
    return changed


@transaction.atomic
def submit_profile(*, profile: NeedsProfile, by: Any, today: date | None = None) -> NeedsProfile:
    """Submit a draft once every required question of the form has an answer."""
    today = today or kernel.today()
    profile = _locked(profile)
    _staff(by, profile.setting_id)
    if not profile.is_draft:
        raise ActionError(WHOLE_FORM, "This profile has been submitted already.")
    answered = {pk for pk, a in current_answers(profile).items() if a.text}
    missing = [
        q
        for section in form_of(profile.la_id)
        for q in section.questions
        if q.required and q.pk not in answered
    ]
    if missing:  # every missing answer, each on its question (GOV.UK's error summary)
        raise ActionError.several(
            (f"q{q.pk}", f"Answer “{q.text.rstrip('?. ')}” before submitting the profile")
            for q in missing
        )
    profile.status = NeedsProfile.Status.SUBMITTED
    profile.submitted_on = today
    profile.submitted_by = by
    profile.save(update_fields=["status", "submitted_on", "submitted_by"])
    _write(by, profile, "submitted")
    return profile


@transaction.atomic
def amend_profile(
    *, profile: NeedsProfile, why: str, by: Any, today: date | None = None
) -> NeedsProfile:
    """A new draft that supersedes a submitted profile, starting from its answers (the
    submitted one is kept as it was)."""
    today = today or kernel.today()
    profile = _locked(profile)
    _staff(by, profile.setting_id)
    why = kernel.required_text(why, "why", "Say why the profile is being amended.")[:500]
    if profile.is_draft:
        raise ActionError(WHOLE_FORM, "A draft can be changed without amending it.")
    if NeedsProfile.objects.filter(supersedes=profile).exists():
        raise ActionError(WHOLE_FORM, "This profile has been amended already.")
    amended = NeedsProfile.objects.create(
        la_id=profile.la_id,
        child=profile.child,
        setting_id=profile.setting_id,
        supersedes=profile,
        why=why,
        started_on=today,
        started_by=by,
    )
    ProfileAnswer.objects.bulk_create(
        ProfileAnswer(
            profile=amended, question_id=a.question_id, asked=a.asked, text=a.text, saved_by=by
        )
        for a in current_answers(profile).values()
    )
    _write(by, amended, f"amends needs profile {profile.pk}")
    return amended
