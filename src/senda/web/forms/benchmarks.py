"""Forms of the benchmark pages: open a published local authority, and set whom the
user's area compares itself with (``senda.performance.benchmarks``)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.performance import benchmarks
from senda.performance.models import PublishedArea

#: The most statistical neighbours an area may name.
MAX_NEIGHBOURS = 15


class ChooseAreaForm(forms.Form):
    area = forms.ChoiceField(
        label="Local authority",
        error_messages={
            "required": "Select a local authority",
            "invalid_choice": "Select a local authority",
        },
    )

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Choose a local authority"), *areas]


class ComparatorsForm(forms.Form):
    published_code = forms.ChoiceField(
        label="Your area in the published data",
        required=False,
        help_text="Choose 'Not published' for an area DfE does not publish on its own.",
    )
    region_code = forms.ChoiceField(label="Region", required=False)
    neighbours = forms.CharField(
        label="Statistical neighbours",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="ONS codes (E06000015) or DfE 3-digit codes (831), separated by commas "
        f"or new lines. Up to {MAX_NEIGHBOURS}.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        las = benchmarks.area_choices(old_code=True)
        regions = benchmarks.published_areas(PublishedArea.Level.REGIONAL)
        self.fields["published_code"].choices = [("", "Not published"), *las]
        self.fields["region_code"].choices = [("", "No region")] + [
            (a.code, a.name) for a in regions
        ]

    def clean_neighbours(self) -> list[str]:
        text = self.cleaned_data.get("neighbours") or ""
        codes = [c for c in text.replace(",", "\n").split() if c.strip()]
        found, unknown = benchmarks.resolve(codes)
        if unknown:
            raise forms.ValidationError(
                "Enter codes of published local authorities: "
                f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not one"
            )
        if len(found) > MAX_NEIGHBOURS:
            raise forms.ValidationError(f"Enter at most {MAX_NEIGHBOURS} neighbours")
        return found
