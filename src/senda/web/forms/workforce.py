"""Forms of the training register and the establishment
(``senda.people.training_actions`` checks everything again)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import Course, Programme, Service, Trainee
from senda.people.training_actions import Mark
from senda.quality.models import ADVICE_THEMES
from senda.web.forms.fields import GovUKDateField, WholeNumberField, text_field
from senda.web.forms.spreadsheet import SpreadsheetUpload

CHOOSE = "Choose from the list"
SCORES = [("", "Not answered")] + [(str(n), str(n)) for n in range(1, 6)]
YES_NO = [("", "Not answered"), ("yes", "Yes"), ("no", "No")]
CAME = [("", "Not recorded"), ("yes", "Attended"), ("no", "Did not attend")]


def _choice(label: str, choices: list[tuple[str, str]], missing: str, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": CHOOSE},
        **kw,
    )


class TraineeForm(forms.Form):
    name = text_field("Name", limit=200, rows=0)
    service = _choice("Service", Service.choices, "Choose their service", widget=forms.RadioSelect)
    organisation = text_field(
        "Organisation", limit=200, rows=0, hint="For example the council, an NHS trust, a school."
    )
    started_on = GovUKDateField(label="Date they started in the service")
    user = forms.ChoiceField(label="Their Senda account, if they have one", required=False)

    def __init__(self, *args: Any, accounts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accounts = {str(u.pk): u for u in accounts}
        field = self.fields["user"]
        field.choices = [("", "No Senda account")] + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in accounts
        ]

    def arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["user"] = self.accounts.get(data.get("user") or "")
        return data


class CourseForm(forms.Form):
    name = text_field("Name of the course", limit=200, rows=0)
    programme = _choice(
        "Programme", Programme.choices, "Choose the programme", widget=forms.RadioSelect
    )
    services = forms.MultipleChoiceField(
        label="Services it is for",
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the services the course is for",
            "invalid_choice": CHOOSE,
        },
    )
    refresher_months = WholeNumberField(
        label="Refresh every (months)",
        help_text="A person stays current for this long after a session: usually 12.",
        min_value=1,
        max_value=60,
        initial=12,
    )


class SessionForm(forms.Form):
    on = GovUKDateField(label="Date of the session")
    place = text_field("Place", limit=200, rows=0, required=False, hint="Leave blank if online.")
    online = forms.BooleanField(label="Online", required=False)


class PostForm(forms.Form):
    team = _choice("Team", Service.choices, "Choose the team", widget=forms.RadioSelect)
    title = text_field("Post title", limit=200, rows=0)
    new = forms.BooleanField(label="A new post the improvement plan adds", required=False)
    needed_from = GovUKDateField(label="Needed from")


class LeavingForm(forms.Form):
    on = GovUKDateField(label="Date they left the service")


class FillPostForm(forms.Form):
    on = GovUKDateField(label="Date the post was filled")
    trainee = forms.ChoiceField(label="Who filled it (if they are in the register)", required=False)

    def __init__(self, *args: Any, people: list[Trainee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        field = self.fields["trainee"]
        field.choices = [("", "Not in the register")] + [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.name} ({p.get_service_display()})") for p in people
        ]


class RegisterForm(forms.Form):
    """A session's register: each person's attendance and survey, many at once. A person
    left "Not recorded" is not written."""

    def __init__(self, *args: Any, people: list[Trainee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            who = person.name
            self.fields[f"came_{person.pk}"] = _choice(f"{who}: attended", CAME, "", required=False)
            self.fields[f"before_{person.pk}"] = _choice(
                f"{who}: confidence before (1 to 5)", SCORES, "", required=False
            )
            self.fields[f"after_{person.pk}"] = _choice(
                f"{who}: confidence after (1 to 5)", SCORES, "", required=False
            )
            self.fields[f"confident_{person.pk}"] = _choice(
                f"{who}: competent and confident after", YES_NO, "", required=False
            )

    def rows(self) -> list[tuple[Trainee, list[Any]]]:
        return [
            (p, [self[f"{part}_{p.pk}"] for part in ("came", "before", "after", "confident")])
            for p in self.people
        ]

    def marks(self) -> list[Mark]:
        data = self.cleaned_data
        found = []
        for person in self.people:
            came = data.get(f"came_{person.pk}") or ""
            if not came:
                continue
            before, after = data.get(f"before_{person.pk}"), data.get(f"after_{person.pk}")
            confident = data.get(f"confident_{person.pk}") or ""
            found.append(
                Mark(
                    person,
                    came == "yes",
                    int(before) if before else None,
                    int(after) if after else None,
                    {"yes": True, "no": False}.get(confident),
                )
            )
        return found

    def field_of(self, trainee_pk: int, field: str) -> str | None:
        part = {"before": "before", "after": "after", "attended": "came"}.get(field)
        return f"{part}_{trainee_pk}" if part else None


class AttendanceImportForm(SpreadsheetUpload):
    file = forms.FileField(
        label="Sign-in sheet",
        help_text="A CSV or XLSX file smaller than 5 MB.",
        error_messages={"required": "Select a CSV or XLSX file"},
    )


class ThemeCourseForm(forms.Form):
    theme = _choice("Learning theme", list(ADVICE_THEMES), "Choose the theme")
    course = _choice("Course that answers it", [], "Choose the course")

    def __init__(self, *args: Any, courses: list[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.courses = {str(c.pk): c for c in courses}
        field = self.fields["course"]
        field.choices = [("", "Choose")] + [(str(c.pk), c.name) for c in courses]  # type: ignore[attr-defined]
