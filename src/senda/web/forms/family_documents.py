"""The form an officer shares a document with the family by: a title, what it is, and the
file (the GOV.UK file upload component, as on the portal's upload pages). The file is
checked by ``senda.portal.uploads.store_upload`` through ``share_document``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.portal.family_documents import TITLE_MAX
from senda.portal.models import SharedDocument
from senda.web.forms.portal_uploads import UploadForm


class ShareDocumentForm(UploadForm):
    field_order = ["title", "kind", "file"]

    title = forms.CharField(
        label="Title",
        help_text="The family sees this. For example, Decision about an assessment.",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter a title for the document",
            "max_length": f"The title must be {TITLE_MAX} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What is the document?",
        widget=forms.RadioSelect,
        choices=SharedDocument.Kind.choices,
        error_messages={
            "required": "Select what the document is",
            "invalid_choice": "Select what the document is",
        },
    )

    def __init__(self, *args: Any, max_mb: int, **kwargs: Any):
        super().__init__(*args, max_mb=max_mb, with_purpose=False, **kwargs)
