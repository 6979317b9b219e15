"""What every form that imports a spreadsheet shares: the file is a CSV or XLSX under 5 MB
(its content is checked by ``senda.sheets`` and the importer), an all-or-nothing import's
problems go into the error summary, and the file field renders as GOV.UK's file upload.
The improvement plan's import, the High Needs ledger's and the postcode districts' use it."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.sheets import Problem

MAX_BYTES = 5 * 1024 * 1024
#: Problems listed in the error summary; the table below it lists every one.
SUMMARY_LIMIT = 20
SUFFIXES = (".csv", ".xlsx")
#: What the file field says when the virus scan refuses an upload, by verdict.
SCAN_REFUSED = {
    "infected": "The selected file contains a virus",
    "failed": "The selected file could not be checked for viruses – try again",
}


class SpreadsheetUpload(forms.Form):
    """A form with a ``file`` field holding a spreadsheet (the subclass declares it)."""

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
