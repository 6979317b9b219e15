"""Forms of the audit pages (``web/views/qa_audits.py``): open an audit, judge its
criteria, submit it, name its auditors, raise, complete and cancel its actions.

Fields are named as the actions' arguments where they can be, so an ``ActionError`` lands
on the field it names (``web.forms.errors.saved``); the actions check everything again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django import forms

from senda import kernel
from senda.kernel import ActionError
from senda.people.names import display_name
from senda.quality.models import Criterion, Domain, Grade, Met, Organisation
from senda.web.forms.fields import LARGEST_INTEGER, GovUKDateField, WholeNumberField, text_field

#: A case's reference as pages show it (R-1234); the R is optional.
CASE_REF = re.compile(r"^(?:R-?)?(\d{1,10})$", re.IGNORECASE)
TEXT_LIMIT = 8000
EVIDENCE_LIMIT = 4000
KEEP = "keep"


#: A text box with GOV.UK's messages, at most ``TEXT_LIMIT`` characters unless told.
_text = partial(text_field, limit=TEXT_LIMIT)


def _radios(
    label: str, choices: Any, *, required: bool = True, missing: str = "", hint: str = ""
) -> forms.ChoiceField:
    missing = missing or f"Choose {label[0].lower()}{label[1:]}"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": f"{missing} from the list"},
    )


def _select(label: str, choices: Any, *, missing: str = "") -> forms.ChoiceField:
    missing = missing or f"Choose {label[0].lower()}{label[1:]}"
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose…"), *choices],
        error_messages={"required": missing, "invalid_choice": f"{missing} from the list"},
    )


def role_of(user: Any) -> str:
    """Who someone is, for a list of people: their role, with their setting (a SENCo) or
    advice team (an advice-giver) — "Case officer", "SENCo, Seaview Primary School"."""
    membership = getattr(user, "membership", None)
    if membership is None:
        return ""
    role = membership.get_role_display()
    if membership.setting_id is not None:
        return f"{role}, {membership.setting.name}"
    if membership.role == "advice_giver":
        teams = [team.name for team in user.advice_teams.all()]
        return f"{role}, {', '.join(teams)}" if teams else role
    return role


def person_label(user: Any) -> str:
    """A person in a list: "Sam Officer (Case officer)"."""
    role = role_of(user)
    return f"{display_name(user)} ({role})" if role else display_name(user)


def people_choices(users: Iterable[Any]) -> list[tuple[str, str]]:
    return [(str(u.pk), person_label(u)) for u in users]


class StatusFilterForm(forms.Form):
    """The audits list's filter (GET): open, submitted, withdrawn or all."""

    STATUSES = (
        ("", "Open and submitted"),
        ("open", "Open"),
        ("submitted", "Submitted"),
        ("withdrawn", "Withdrawn"),
    )
    status = forms.ChoiceField(label="Show", choices=STATUSES, required=False)

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class NewAuditForm(forms.Form):
    """Open an audit: a sampled plan (``item``, from the sample's page) or, on purpose, a
    case's current plan by its case number."""

    case = forms.CharField(
        label="Case reference",
        max_length=20,
        required=False,
        help_text="For example, R-1234. Only for an audit chosen on purpose (a theme, a "
        "complaint).",
        error_messages={"max_length": "Enter a case reference like R-1234"},
    )
    framework = _select("Framework", [], missing="Choose the framework to audit against")
    lead = _select("Who leads the audit", [], missing="Choose who leads the audit")
    organisation = _radios(
        "The lead audits for", Organisation.choices, missing="Choose the lead's organisation"
    )
    due_on = GovUKDateField(label="Date the audit is due", required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        frameworks: Sequence[Any],
        leads: Sequence[Any],
        with_case: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["framework"].choices = [("", "Choose…")] + [  # type: ignore[attr-defined]
            (str(f.pk), str(f)) for f in frameworks
        ]
        if len(frameworks) == 1:  # nothing to choose: the one framework in use
            self.fields["framework"].initial = str(frameworks[0].pk)
        self.fields["lead"].choices = [("", "Choose…"), *people_choices(leads)]  # type: ignore[attr-defined]
        if not with_case:
            del self.fields["case"]
        else:
            self.fields["case"].required = True
            self.fields["case"].error_messages["required"] = "Enter the case reference"

    def clean_case(self) -> int:
        """The case's number from its reference: ``R-1234``, ``r1234`` or ``1234``."""
        match = CASE_REF.match(self.cleaned_data["case"].strip())
        if match is None or not 0 < int(match.group(1)) <= LARGEST_INTEGER:
            raise forms.ValidationError("Enter a case reference like R-1234")
        return int(match.group(1))


@dataclass(frozen=True)
class CriterionFields:
    criterion: Criterion
    met: forms.BoundField
    evidence: forms.BoundField


@dataclass(frozen=True)
class DomainFields:
    domain: Domain
    criteria: list[CriterionFields]

    @property
    def sections(self) -> str:
        """The plan sections the domain reads, in words: "section A", "sections B, C and D"."""
        return sections_words(self.domain.sections)


def sections_words(sections: str) -> str:
    """``"A"`` → ``"section A"``; ``"F G H1 H2"`` → ``"sections F, G, H1 and H2"``; blank
    → ``""``."""
    letters = sections.replace(",", " ").split()
    if not letters:
        return ""
    if len(letters) == 1:
        return f"section {letters[0]}"
    return f"sections {', '.join(letters[:-1])} and {letters[-1]}"


def met_name(criterion_id: int) -> str:
    return f"met_{criterion_id}"


def evidence_name(criterion_id: int) -> str:
    return f"evidence_{criterion_id}"


class JudgeForm(forms.Form):
    """One pair of fields per criterion: met (radios) and evidence. Criteria left blank
    are not saved (an audit is judged over several sittings)."""

    def __init__(
        self,
        data: Any = None,
        *,
        domains: Sequence[Domain],
        criteria: Sequence[Criterion],
        judgements: dict[int, Any],
        **kwargs: Any,
    ) -> None:
        initial = {}
        for cid, judgement in judgements.items():
            initial[met_name(cid)] = judgement.met
            initial[evidence_name(cid)] = judgement.evidence
        super().__init__(data, initial=initial, **kwargs)
        self.domains = list(domains)
        self.criteria = list(criteria)
        for c in self.criteria:
            hint = "Legal requirement" + (f": {c.citation}" if c.citation else "")
            self.fields[met_name(c.pk)] = _radios(
                c.text,
                Met.choices,
                required=False,
                hint=hint if c.statutory else "",
                missing=f"{c.text}: choose whether it is met",
            )
            self.fields[evidence_name(c.pk)] = _text(
                "Evidence",
                required=False,
                limit=EVIDENCE_LIMIT,
                rows=3,
                hint="What you read in the plan. Needed unless it is met.",
            )
            self.fields[evidence_name(c.pk)].error_messages["max_length"] = (
                f"{c.text}: the evidence must be {EVIDENCE_LIMIT:,} characters or fewer"
            )

    def by_domain(self) -> list[DomainFields]:
        return [
            DomainFields(
                d,
                [
                    CriterionFields(c, self[met_name(c.pk)], self[evidence_name(c.pk)])
                    for c in self.criteria
                    if c.domain_id == d.pk
                ],
            )
            for d in self.domains
        ]

    def answers(self) -> list[tuple[Criterion, str, str]]:
        """(criterion, met, evidence) for every criterion given an answer."""
        return [
            (c, self.cleaned_data[met_name(c.pk)], self.cleaned_data[evidence_name(c.pk)])
            for c in self.criteria
            if self.cleaned_data.get(met_name(c.pk))
        ]

    def show_error(self, criterion: Criterion, error: ActionError) -> None:
        """The action's refusal on the criterion's own field (its evidence, or whether it
        is met), naming the criterion: of thirty criteria, the error summary must say which
        ("Outcomes are SMART: say what you found — a criterion not fully met needs
        evidence") and link to its box."""
        field = {"met": met_name(criterion.pk), "evidence": evidence_name(criterion.pk)}
        self.add_error(field.get(error.field), criterion_message(criterion, error.message))


def criterion_message(criterion: Criterion, message: str) -> str:
    """``message`` about ``criterion``, led by the criterion's text."""
    message = message.rstrip(".").replace(": ", " — ", 1)
    return f"{criterion.text}: {message[:1].lower()}{message[1:]}"


class SubmitAuditForm(forms.Form):
    override_grade = _radios(
        "Overall grade",
        [(KEEP, "Keep the computed grade"), *[(str(v), str(label)) for v, label in Grade.choices]],
        missing="Choose the overall grade",
        hint="Change the computed grade only with a reason.",
    )
    override_reason = _text(
        "Reason for changing the computed grade", required=False, limit=2000, rows=3
    )
    strengths = _text("Strengths", required=False, rows=4)
    improvements = _text("Areas to improve", required=False, rows=4)
    review_meets_standard = _radios(
        "Did the annual review meet the standard?",
        (("yes", "Yes"), ("no", "No")),
        missing="Say whether the annual review met the standard",
    )

    def __init__(self, data: Any = None, *, includes_review: bool, **kwargs: Any) -> None:
        super().__init__(data, initial={"override_grade": KEEP}, **kwargs)
        if not includes_review:
            del self.fields["review_meets_standard"]

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        grade = data["override_grade"]
        arguments: dict[str, Any] = {
            "override_grade": None if grade == KEEP else int(grade),
            "override_reason": data["override_reason"],
            "strengths": data["strengths"],
            "improvements": data["improvements"],
        }
        if "review_meets_standard" in self.fields:
            arguments["review_meets_standard"] = data["review_meets_standard"] == "yes"
        return arguments


class AddAuditorForm(forms.Form):
    user = _select("Who", [], missing="Choose who will audit")
    organisation = _radios(
        "They audit for", Organisation.choices, missing="Choose their organisation"
    )

    def __init__(self, data: Any = None, *, people: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["user"].choices = [("", "Choose…"), *people_choices(people)]  # type: ignore[attr-defined]


class RemoveAuditorForm(forms.Form):
    remove = WholeNumberField(label="Auditor", min_value=1)


class RaiseActionForm(forms.Form):
    """Raise an action; the council's SEND staff may also bring the plan's review forward
    (``early_review``: the casework action refuses anyone else, so nobody else is asked)."""

    text = _text("What needs to be done", limit=500, rows=3)
    assigned_to = _select("Assigned to", [], missing="Choose who will do it")
    due_on = GovUKDateField(label="Date the action is due")
    early_review_by = GovUKDateField(
        label="Date to bring the plan's review forward to",
        required=False,
        help_text="Leave blank unless the plan needs reviewing early.",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        staff: Sequence[Any],
        officer_id: int | None = None,
        early_review: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["assigned_to"].choices = [("", "Choose…"), *people_choices(staff)]  # type: ignore[attr-defined]
        if officer_id is not None and any(u.pk == officer_id for u in staff):
            self.fields["assigned_to"].initial = str(officer_id)  # the case's officer
        self.fields["due_on"].error_messages["required"] = "Enter the date the action is due"
        if not early_review:
            del self.fields["early_review_by"]

    def clean_early_review_by(self) -> Any:
        value = self.cleaned_data.get("early_review_by")
        if value is not None and value < kernel.today():
            raise forms.ValidationError(
                "The date to bring the plan's review forward to must be today or later"
            )
        return value


class CompleteActionForm(forms.Form):
    note = _text("What was done", limit=4000, rows=4, missing="Say what was done")


class CancelActionForm(forms.Form):
    reason = _text(
        "Why it is cancelled", limit=300, rows=2, missing="Enter why the action is cancelled"
    )
