"""Every kind of form field renders as its GOV.UK component, and the date field cleans
and reports errors in the GOV.UK date-input pattern."""

import re
from datetime import date

import html5lib
import pytest
from django import forms

from senda.web.forms.fields import GovUKDateField
from senda.web.forms.render import field_anchor, render_field
from senda.web.templatetags.senda_govuk import error_list


class SampleForm(forms.Form):
    on = GovUKDateField(label="Date of the review meeting")
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("maintain", "Maintain"), ("amend", "Amend")],
        widget=forms.RadioSelect,
    )
    disciplines = forms.MultipleChoiceField(
        label="Advice",
        choices=[("health", "Health"), ("care", "Social care")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    officer = forms.ChoiceField(label="Officer", choices=[("", "Choose"), ("7", "A. Officer")])
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    reference = forms.CharField(label="Reference", required=False, help_text="Case number")


def bound(**data):
    return SampleForm(data={"outcome": "amend", "officer": "7", **data})


def test_it_cleans_a_date_from_three_boxes():
    form = bound(**{"on-day": "3", "on-month": "11", "on-year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == date(2026, 11, 3)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of the review meeting"),
        ("3", "", "2026", "Date of the review meeting must include a month"),
        ("", "", "2026", "Date of the review meeting must include a day and a month"),
        ("31", "2", "2026", "Date of the review meeting must be a real date"),
        ("x", "2", "2026", "Date of the review meeting must be a real date"),
        ("3", "2", "26", "Year must include 4 numbers"),
    ],
)
def test_it_explains_a_bad_date(day, month, year, message):
    form = bound(**{"on-day": day, "on-month": month, "on-year": year})
    assert not form.is_valid()
    assert form.errors["on"] == [message]


def test_it_renders_each_widget_as_its_govuk_component():
    form = bound(**{"on-day": "3", "on-month": "11", "on-year": "2026"}, disciplines=["care"])
    rendered = {name: str(render_field(form[name])) for name in form.fields}
    assert 'class="govuk-date-input"' in rendered["on"]
    assert 'name="on-day"' in rendered["on"] and 'value="2026"' in rendered["on"]
    assert "govuk-radios" in rendered["outcome"] and "checked" in rendered["outcome"]
    assert "govuk-checkboxes" in rendered["disciplines"]
    assert rendered["disciplines"].count("checked") == 1
    assert "govuk-select" in rendered["officer"] and "selected" in rendered["officer"]
    assert "govuk-textarea" in rendered["note"]
    assert "govuk-hint" in rendered["reference"] and "Case number" in rendered["reference"]
    for markup in rendered.values():
        html5lib.HTMLParser(strict=True).parseFragment(markup)


def test_it_links_each_error_to_an_element_that_exists():
    form = SampleForm(data={})
    assert not form.is_valid()
    page = "".join(str(render_field(form[name])) for name in form.fields)
    for item in error_list(form):
        assert f'id="{item["href"][1:]}"' in page, item


def test_it_points_the_date_anchor_at_the_day_box():
    form = bound()
    assert field_anchor(form["on"]) == "id_on-day"
    assert field_anchor(form["outcome"]) == "id_outcome"


def test_the_date_boxes_are_labelled_day_month_and_year():
    html = render_field(SampleForm()["on"])
    labels = re.findall(r"<label[^>]*>\s*([^<]*?)\s*</label>", html)
    assert labels == ["Day", "Month", "Year"]
