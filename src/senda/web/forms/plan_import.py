"""The form that imports an improvement plan from a spreadsheet: the file (checked for its
type and size here, for its content by ``senda.improvement.importer``), a title, a layout
and the user's own column headings."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.improvement.importer import Problem
from senda.improvement.importer.layouts import LAYOUTS

MAX_BYTES = 5 * 1024 * 1024
#: Problems listed in the error summary; the table below it lists every one.
SUMMARY_LIMIT = 20
SUFFIXES = (".csv", ".xlsx")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV or XLSX file, smaller than 5 MB.",
        error_messages={
            "required": "Select a spreadsheet to import",
            "empty": "The selected file is empty",
            "invalid": "Select a spreadsheet to import",
        },
    )
    title = forms.CharField(
        label="Plan title (optional)",
        required=False,
        max_length=200,
        help_text="Leave blank to use the file's name. Importing again with the same title "
        "updates that plan instead of making a new one.",
        error_messages={"max_length": "Plan title must be 200 characters or fewer"},
    )
    layout = forms.ChoiceField(
        label="Layout of the table",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "Work it out from the header row")]
        + [(code, layout.name) for code, layout in LAYOUTS.items()],
        initial="",
    )
    mapping = forms.CharField(
        label="Your column headings (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if your headings differ from the layout's: one a line, as "
        "field = your heading, for example: what = Our action. Fields: "
        + ", ".join(sorted({f for layout in LAYOUTS.values() for f in layout.fields})),
    )

    def clean_mapping(self) -> dict[str, str]:
        """``field = heading`` lines into a mapping; a line of another shape is an error."""
        mapping: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data["mapping"].splitlines(), start=1):
            if not line.strip():
                continue
            field, sep, heading = line.partition("=")
            if not sep or not field.strip() or not heading.strip():
                raise forms.ValidationError(
                    f"Line {number} of your column headings must be like: what = Our action"
                )
            mapping[field.strip().lower()] = heading.strip()
        return mapping

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError("The selected file must be a CSV or XLSX")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB")
        return upload

    def add_problems(self, problems: list[Problem]) -> None:
        """Every problem into the error summary (up to ``SUMMARY_LIMIT``), each linking to
        the file field; the page's table lists them all."""
        for problem in problems[:SUMMARY_LIMIT]:
            self.add_error("file", str(problem))
        if len(problems) > SUMMARY_LIMIT:
            more = len(problems) - SUMMARY_LIMIT
            self.add_error("file", f"And {more} more problems: see the table below")

    def file_upload(self) -> SafeString:
        """The file field as the GOV.UK file upload component (the shared field renderer
        has no file input yet). With several problems the message under the field counts
        them; the error summary and the table name each."""
        field = self["file"]
        errors = list(field.errors)
        params: dict[str, Any] = {
            "id": field.id_for_label,
            "name": field.html_name,
            "label": {"text": str(field.label), "classes": "govuk-label--m"},
            "hint": {"text": str(field.help_text)},
        }
        if len(errors) == 1:
            params["errorMessage"] = {"text": errors[0]}
        elif errors:
            params["errorMessage"] = {"text": "The file was not imported: fix the problems listed"}
        return GovUKFileUpload(**params).render()
