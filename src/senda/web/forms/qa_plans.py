"""The form that records a version of a plan: its kind, the date it was issued, one box a
section (A–K), a Word document to read the sections from, and the plan's document to keep.
The actions (``casework.actions.plan_text``, ``casework.plan_docx``,
``portal.plan_documents``) check again and may raise ``ActionError``; each names a field
of this form (a section's box by its letter)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.casework.actions.plan_text import REASON_MAX, SECTION_MAX
from senda.casework.models import PlanVersion
from senda.casework.models.plan_text import SECTIONS
from senda.web.forms.fields import GovUKDateField


def section_field(letter: str, title: str) -> forms.CharField:
    return forms.CharField(
        label=f"Section {letter}: {title}",
        required=False,
        max_length=SECTION_MAX,
        help_text="One outcome a line or numbered item." if letter == "E" else "",
        widget=forms.Textarea(attrs={"rows": 6 if letter in "EF" else 3}),
        error_messages={
            "max_length": f"Section {letter} must be {SECTION_MAX:,} characters or fewer"
        },
    )


class PlanVersionForm(forms.Form):
    kind = forms.ChoiceField(
        label="What was issued?",
        choices=PlanVersion.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what was issued",
            "invalid_choice": "Choose what was issued",
        },
    )
    issued_on = GovUKDateField(label="Date the plan was issued", help_text="For example, 3 4 2026")
    source = forms.ChoiceField(
        choices=PlanVersion.Source.choices, required=False, widget=forms.HiddenInput
    )
    file = forms.FileField(
        label="Read the sections from a Word document (optional)",
        required=False,
        allow_empty_file=True,
        help_text="A DOCX of the plan whose sections start with headings such as "
        '"Section A". You can check and change what is read before saving.',
        error_messages={"invalid": "The selected file could not be uploaded – try again"},
    )
    document = forms.FileField(
        label="The plan's document to keep (optional)",
        required=False,
        allow_empty_file=True,
        help_text="The plan as issued: a PDF or a Word document (DOCX).",
        error_messages={"invalid": "The selected file could not be uploaded – try again"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for letter, title in SECTIONS:
            self.fields[letter] = section_field(letter, title)

    def section_fields(self) -> list[forms.BoundField]:
        return [self[letter] for letter, _ in SECTIONS]

    def sections(self) -> dict[str, str]:
        return {letter: self.cleaned_data.get(letter) or "" for letter, _ in SECTIONS}

    def file_upload(self, name: str, accept: str) -> SafeString:
        """A file field as the GOV.UK file upload component."""
        field = self[name]
        params: dict[str, Any] = {
            "id": field.id_for_label,
            "name": field.html_name,
            "label": {"text": str(field.label), "classes": "govuk-label--s"},
            "hint": {"text": str(field.help_text)},
            "attributes": {"accept": accept},
        }
        if field.errors:
            params["errorMessage"] = {"text": " ".join(field.errors)}
        return GovUKFileUpload(**params).render()

    def docx_upload(self) -> SafeString:
        return self.file_upload("file", ".docx")

    def document_upload(self) -> SafeString:
        return self.file_upload("document", ".pdf,.docx")


class CorrectionForm(forms.Form):
    """A version's text corrected: every section's box, filled with the text it has, and
    why it is corrected."""

    reason = forms.CharField(
        label="Why is the text corrected?",
        max_length=REASON_MAX,
        help_text=f"For example, a typing error in section F. At most {REASON_MAX} characters.",
        error_messages={
            "required": "Enter why the plan's text is corrected",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for letter, title in SECTIONS:
            self.fields[letter] = section_field(letter, title)

    def section_fields(self) -> list[forms.BoundField]:
        return [self[letter] for letter, _ in SECTIONS]

    def sections(self) -> dict[str, str]:
        return {letter: self.cleaned_data.get(letter) or "" for letter, _ in SECTIONS}
