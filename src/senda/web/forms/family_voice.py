"""Families' forms: views before a review (typed, or a file), comments on a draft plan or
amendment notice, a message to the officer (and the officer's reply), a complaint. Each
asks what ``senda.portal.family_voice`` (or the complaint action) checks; an action's
refusal is shown on the form (``web.forms.errors.saved``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.casework.models import Complaint
from senda.portal.family_voice import (
    ABOUT_ME,
    MAX_ANSWER,
    MAX_MESSAGE,
    PARENT_QUESTIONS,
    SECTIONS,
)
from senda.portal.models import FamilyViews, Representation
from senda.portal.uploads import MESSAGES

LONG_ANSWER = f"Your answer must be {MAX_ANSWER:,} characters or fewer"


def _answer(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": LONG_ANSWER},
    )


class ViewsForm(forms.Form):
    """The child's "all about me" or the parent's views, and an optional file."""

    file = forms.FileField(
        label="Or upload a file",
        required=False,
        allow_empty_file=True,  # store_upload says "The selected file is empty"
        help_text="",  # set in __init__: the types and SENDA_UPLOAD_MAX_MB
        error_messages={"invalid": MESSAGES["failed"], "missing": MESSAGES["missing"]},
    )

    def __init__(self, *args: Any, about: str, saved: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.about = about
        max_mb = getattr(settings, "SENDA_UPLOAD_MAX_MB", 20)
        self.fields["file"].help_text = (
            "A drawing, a letter or notes: a PDF, Word document (DOCX), JPG or PNG, "
            f"smaller than {max_mb}MB."
        )
        questions = ABOUT_ME if about == FamilyViews.About.CHILD else PARENT_QUESTIONS
        saved = saved or {}
        for key, (label, hint) in questions.items():
            self.fields[key] = _answer(label, hint)
            self.fields[key].initial = saved.get(key, "")
        self.question_keys = list(questions)
        if about == FamilyViews.About.CHILD:
            self.fields["helped_by"] = forms.CharField(
                label="Who helped me (optional)",
                help_text="For example, Mum, my teaching assistant, or my brother.",
                required=False,
                max_length=100,
                error_messages={"max_length": "This must be 100 characters or fewer"},
            )
        self.fields["file"] = self.fields.pop("file")

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.question_keys}

    def file_upload(self) -> SafeString:
        field = self["file"]
        params: dict[str, Any] = {
            "id": field.id_for_label,
            "name": field.html_name,
            "label": {"text": str(field.label), "classes": "govuk-label--s"},
            "hint": {"text": str(field.help_text)},
            "attributes": {"accept": ".pdf,.docx,.jpg,.jpeg,.png"},
        }
        if field.errors:
            params["errorMessage"] = {"text": " ".join(field.errors)}
        return GovUKFileUpload(**params).render()


class RepresentationForm(forms.Form):
    """Comments by section, a school or college asked for, a meeting, "finished"."""

    school_name = forms.CharField(
        label="Name of the school or college",
        required=False,
        max_length=200,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    school_category = forms.ChoiceField(
        label="Type of school or college",
        required=False,
        choices=[("", "Select a type"), *Representation.SchoolCategory.choices],
        error_messages={"invalid_choice": "Select the type of school or college"},
    )
    meeting_requested = forms.BooleanField(
        label="I would like a meeting with an officer to talk about the draft",
        required=False,
    )
    finished = forms.BooleanField(label="I have finished commenting", required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for key, label in SECTIONS.items():
            self.fields[f"section_{key}"] = _answer(label, "")
            self.fields[f"section_{key}"].help_text = ""
        order = [f"section_{k}" for k in SECTIONS] + [
            "school_name",
            "school_category",
            "meeting_requested",
            "finished",
        ]
        self.order_fields(order)

    def comments(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section_{key}", "") for key in SECTIONS}


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {MAX_MESSAGE:,} characters or fewer",
        },
    )


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(
        label="What is your complaint about?",
        choices=Complaint.Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what your complaint is about",
            "invalid_choice": "Select what your complaint is about",
        },
    )
    summary = forms.CharField(
        label="What went wrong?",
        help_text="Say what happened, when, and what you would like the council to do.",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what went wrong",
            "max_length": f"This must be {MAX_MESSAGE:,} characters or fewer",
        },
    )
