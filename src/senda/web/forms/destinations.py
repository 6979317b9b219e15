"""Forms of the destinations pages: the monthly participation extract's upload (its file
checked by ``web.forms.spreadsheet``, its content by
``senda.pathways.participation_import``) and the register of opportunities
(``senda.pathways.opportunities`` checks everything again)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from senda.pathways.models import OpportunityKind
from senda.pathways.opportunities import MAX_PLACES
from senda.web.forms.fields import WholeNumberField, text_field
from senda.web.forms.spreadsheet import SpreadsheetUpload


class ParticipationForm(SpreadsheetUpload):
    file = forms.FileField(
        label="Participation extract",
        help_text="A CSV or XLSX file, smaller than 5 MB (larger ones: senda import "
        "participation).",
        error_messages={
            "required": "Select the extract to import",
            "empty": "The selected file is empty",
            "invalid": "Select the extract to import",
        },
    )
    month = forms.CharField(
        label="Month of the extract",
        help_text="As year and month, for example 2026-10",
        max_length=7,
        error_messages={"required": "Enter the month of the extract"},
    )

    def clean_month(self) -> date:
        text = self.cleaned_data["month"].strip()
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if not found or not 1 <= int(found[2]) <= 12:
            raise forms.ValidationError("Enter the month as year and month, like 2026-10")
        return date(int(found[1]), int(found[2]), 1)


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of opportunity",
        choices=OpportunityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of opportunity"},
    )
    change = forms.ChoiceField(
        label="Adding or taking back",
        choices=[("add", "Places created"), ("remove", "Take back places recorded in error")],
        widget=forms.RadioSelect,
        initial="add",
        error_messages={"required": "Choose whether places were created or taken back"},
    )
    year = WholeNumberField(
        label="Academic year",
        help_text="The year of its September: 2026 for 2026/27.",
        min_value=2000,
        max_value=2100,
    )
    places = WholeNumberField(label="Places", min_value=1, max_value=MAX_PLACES)
    provider = text_field("Employer or provider", limit=200, rows=0)

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        sign = -1 if data["change"] == "remove" else 1
        return {
            "kind": data["kind"],
            "year": data["year"],
            "places": sign * data["places"],
            "provider": data["provider"],
        }
