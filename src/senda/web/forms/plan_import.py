"""The form that imports an improvement plan from a spreadsheet: the file (checked for its
type and size by ``web.forms.spreadsheet``, for its content by
``senda.improvement.importer``), a title, a layout and the user's own column headings."""

from __future__ import annotations

from django import forms

from senda.improvement.importer.layouts import LAYOUTS
from senda.web.forms.spreadsheet import SpreadsheetUpload


class ImportForm(SpreadsheetUpload):
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
