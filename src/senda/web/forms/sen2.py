"""The SEN2 return page's one question: which January's census the return is for."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from senda.interchange.sen2.export import next_census
from senda.web.formats import day

#: How many Januaries back the page offers (the next census and the nine before it).
YEARS = 10
CHOOSE = "Choose a census date from the list"


def census_days(today: date) -> list[date]:
    """The next January census day and those of the years before it, newest first."""
    coming = next_census(today)
    return [next_census(date(coming.year - n, 1, 1)) for n in range(YEARS)]


class CensusForm(forms.Form):
    """``census``: a January census day from the list, as ``YYYY-MM-DD``; anything else
    (a date not offered, a year of five digits, markup) is a form error."""

    census = forms.ChoiceField(
        label="Census date",
        help_text="The return counts the children with a plan on this day and the activity "
        "of the calendar year before it.",
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        days = census_days(today)
        field = self.fields["census"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.isoformat(), f"{day(d)} (SEN2 {d.year})") for d in days]
        self.initial.setdefault("census", days[0].isoformat())
        self.default = days[0]

    def clean_census(self) -> date:
        return date.fromisoformat(self.cleaned_data["census"])

    def chosen(self) -> date:
        """The census day chosen, or the next census when the form is not (validly) bound."""
        if self.is_bound and self.is_valid():
            chosen: date = self.cleaned_data["census"]
            return chosen
        return self.default
