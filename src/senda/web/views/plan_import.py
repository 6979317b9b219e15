"""Import an improvement plan from a spreadsheet (CSV or XLSX) through the browser.

Who may: service managers and team managers, for their own local area (everyone else,
partners included, gets 403: an import creates a plan of an area). The file is checked
whole by :func:`senda.improvement.importer.import_plan`; if anything is wrong, every
problem is listed with its row and column and nothing is written. On success the plan opens
with a banner saying what was imported and which timescales Senda could not read.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.improvement.access import PLAN_EDIT_ROLES
from senda.improvement.importer import ImportFailed, Problem, import_plan
from senda.improvement.importer.layouts import LAYOUTS
from senda.web.access import membership_for
from senda.web.components import table

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


def problems_table(problems: list[Problem]) -> SafeString:
    """Every problem with its place in the file: sheet (workbooks), row and column."""
    sheets = any(p.sheet for p in problems)
    head = [*(["Sheet"] if sheets else []), "Row", "Column", "Problem"]
    rows = [
        [
            *([{"text": p.sheet}] if sheets else []),
            {"text": "–" if p.row is None else str(p.row)},
            {"text": f"{p.column} ({p.header})" if p.header else p.column or "–"},
            {"text": p.message},
        ]
        for p in problems
    ]
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return table(f"{count} in the file", head, rows)


def require_importer(user: Any) -> Any:
    """The user's membership if they may import plans for their area; 403 otherwise."""
    membership = membership_for(user)
    if membership is None or membership.role not in PLAN_EDIT_ROLES:
        raise PermissionDenied("Only service managers and team managers import plans.")
    return membership


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    membership = require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_plan(
                upload,
                filename=upload.name,
                la=membership.la,
                by=request.user,
                title=form.cleaned_data["title"] or None,
                layout=form.cleaned_data["layout"] or None,
                mapping=form.cleaned_data["mapping"] or None,
            )
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        else:
            messages.success(request, result.summary)
            return redirect("web:plan", plan_id=result.plan.pk)
    context = {
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "la": membership.la,
    }
    return render(request, "web/plans/import.html", context)


urlpatterns: list[URLPattern] = [
    path("plans/import/", plan_import, name="plan-import"),
]
