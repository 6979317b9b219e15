"""Forms of the subject access pages (``senda.disclosure.actions`` checks everything again)."""

from __future__ import annotations

from django import forms

from senda.disclosure.models import Subject
from senda.web.forms.fields import GovUKDateField, text_field


class RequestForm(forms.Form):
    subject = forms.ChoiceField(
        label="Who is the request about",
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the request is about"},
    )
    record = forms.IntegerField(
        label="Record number",
        min_value=1,
        max_value=2**31 - 1,
        help_text=(
            "The child's number (on their case page), or for a parent or carer the number "
            "of their family contact record."
        ),
        error_messages={
            "required": "Enter the record number",
            "invalid": "Record number must be a number, like 1234",
            "min_value": "Record number must be a number, like 1234",
            "max_value": "Enter the number of a record of this area",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    requester = text_field(
        "Who asked, and how",
        limit=200,
        rows=0,
        hint="For example: the young person, by email. Never more than you need.",
    )
    received_on = GovUKDateField(
        label="Date received",
        help_text="The day it reached the council, working day or not. For example, 3 11 2026.",
        error_messages={"required": "Enter the date received"},
    )


class ExtendForm(forms.Form):
    reason = text_field(
        "Why it needs longer",
        limit=2000,
        hint="The request is complex, or the person has made several. Tell them within the month.",
    )


class AnswerForm(forms.Form):
    on = GovUKDateField(
        label="Date the answer was sent",
        error_messages={"required": "Enter the date the answer was sent"},
    )
