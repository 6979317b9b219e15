"""Forms of the governance pages (``senda.governance.actions`` checks everything again)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.governance.models import Attendance, Body, EscalationDecision
from senda.web.forms.fields import GovUKDateField, text_field

CHOOSE = "Choose from the list"


def _choice(label: str, choices: Any, missing: str, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": CHOOSE},
        **kw,
    )


class _Picks(forms.Form):
    """A form with choice fields of objects: ``picks[field]`` maps the submitted id to the
    object; ``arguments()`` hands the objects (or None) to the action."""

    picks: dict[str, dict[str, Any]]

    def pick(self, field: str, rows: list[tuple[Any, str]], empty: str | None = None) -> None:
        self.picks = getattr(self, "picks", {})
        self.picks[field] = {str(row.pk): row for row, _ in rows}
        choices = [("", empty)] if empty is not None else []
        choices += [(str(row.pk), text) for row, text in rows]
        self.fields[field].choices = choices  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for field, rows in getattr(self, "picks", {}).items():
            data[field] = rows.get(data.get(field) or "")
        return data


class BodyForm(forms.Form):
    name = text_field("Name", limit=200, rows=0, hint="For example SEND delivery group.")
    kind = _choice(
        "Kind of body", Body.Kind.choices, "Choose the kind of body", widget=forms.RadioSelect
    )
    terms_of_reference = text_field(
        "Terms of reference",
        limit=10_000,
        rows=8,
        hint="Its purpose, what it decides, who chairs it and whom it reports to.",
    )
    meets = text_field(
        "How often it meets",
        limit=200,
        rows=0,
        required=False,
        hint="For example every 6 to 8 weeks.",
    )


class MemberForm(_Picks):
    user = forms.ChoiceField(label="Their Senda account, if they have one", required=False)
    name = text_field(
        "Name", limit=200, rows=0, required=False, hint="Leave blank to use their account's name."
    )
    role = text_field("Role on the body", limit=200, rows=0, hint="For example Chair.")
    organisation = text_field("Organisation", limit=200, rows=0, required=False)
    joined_on = GovUKDateField(label="Date they joined")

    def __init__(self, *args: Any, accounts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pick(
            "user", [(u, u.get_full_name() or u.username) for u in accounts], "No Senda account"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name") or "").strip() and not data.get("user"):
            self.add_error("name", "Enter the member's name, or choose their Senda account")
        return data


class LeaveForm(forms.Form):
    left_on = GovUKDateField(label="Date they left")


class MeetingForm(_Picks):
    held_on = GovUKDateField(label="Date of the meeting")
    board_pack = forms.ChoiceField(label="Board pack it considered", required=False)
    notes = text_field("Notes", limit=10_000, rows=4, required=False)

    def __init__(self, *args: Any, packs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = [(p, f"{p.plan.title}: board pack for {p.meeting_on:%-d %B %Y}") for p in packs]
        self.pick("board_pack", rows, "None")


class AttendanceForm(forms.Form):
    def __init__(self, *args: Any, members: list[Any], current: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"member_{member.pk}"] = _choice(
                f"{member.name} ({member.role})",
                Attendance.Status.choices,
                f"Choose whether {member.name} was present",
                widget=forms.RadioSelect,
                initial=current.get(member.pk),
            )

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members}


class DecisionForm(forms.Form):
    text = text_field("Decision", limit=10_000, rows=4, missing="Enter what the meeting decided")


class CorrectionForm(forms.Form):
    text = text_field("The decision as it should read", limit=10_000, rows=4)
    reason = text_field("Why it is corrected", limit=2_000, rows=3)


class LogItemForm(_Picks):
    text = text_field("Action", limit=10_000, rows=3, missing="Enter the action")
    owner = forms.ChoiceField(
        label="Owner", error_messages={"required": "Choose who owns the action"}
    )
    due_on = GovUKDateField(label="Date it is due")

    def __init__(self, *args: Any, owners: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pick("owner", [(u, u.get_full_name() or u.username) for u in owners], "Choose")


class DoneForm(forms.Form):
    done_on = GovUKDateField(label="Date it was done")
    note = text_field("What was done", limit=2_000, rows=3, required=False)


class EscalationForm(_Picks):
    body = forms.ChoiceField(
        label="Body to raise it with", error_messages={"required": "Choose the body"}
    )
    reason = text_field(
        "Why you are raising it",
        limit=5_000,
        rows=5,
        hint="What is wrong, what you have tried and what you ask the body to decide.",
    )

    def __init__(self, *args: Any, bodies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pick("body", [(b, b.name) for b in bodies], "Choose")


class EscalationDecisionForm(_Picks):
    outcome = _choice(
        "Decision",
        EscalationDecision.Outcome.choices,
        "Choose the body's decision",
        widget=forms.RadioSelect,
    )
    note = text_field("What the body decided and why", limit=5_000, rows=4)
    decided_on = GovUKDateField(label="Date of the decision")
    meeting = forms.ChoiceField(label="Meeting it was decided at", required=False)
    next_body = forms.ChoiceField(
        label="Body it is escalated to",
        required=False,
        help_text="Only when the decision is to escalate further.",
    )

    def __init__(self, *args: Any, meetings: list[Any], bodies: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.pick("meeting", [(m, f"{m.held_on:%-d %B %Y}") for m in meetings], "Not at a meeting")
        self.pick("next_body", [(b, b.name) for b in bodies], "None")
