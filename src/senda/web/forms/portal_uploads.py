"""The form that adds a file to a review report or an advice request: what the file is (a
report's files only) and the file, as the GOV.UK file upload component. The file is checked
by ``senda.portal.uploads.store_upload`` (type by content, size, virus scan); the form only
carries it there, so every message comes from one place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.safestring import SafeString
from govuk_frontend_django.components.file_upload import GovUKFileUpload

from senda.portal.uploads import MESSAGES, PURPOSES


class UploadForm(forms.Form):
    purpose = forms.ChoiceField(
        label="What is the file?",
        widget=forms.RadioSelect,
        choices=list(PURPOSES.items()),
        error_messages={
            "required": "Select what the file is",
            "invalid_choice": "Select what the file is",
        },
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        allow_empty_file=True,  # store_upload says "The selected file is empty"
        help_text="A PDF, Word document (DOCX), JPG or PNG, smaller than {mb}MB.",
        error_messages={
            "invalid": MESSAGES["failed"],
            "missing": MESSAGES["missing"],
        },
    )

    def __init__(self, *args: Any, max_mb: int, with_purpose: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = str(self.fields["file"].help_text).format(mb=max_mb)
        if not with_purpose:
            del self.fields["purpose"]

    def file_upload(self) -> SafeString:
        """The file field as the GOV.UK file upload component."""
        field = self["file"]
        params: dict[str, Any] = {
            "id": field.id_for_label,
            "name": field.html_name,
            "label": {"text": str(field.label), "classes": "govuk-label--m"},
            "hint": {"text": str(field.help_text)},
            "attributes": {"accept": ".pdf,.docx,.jpg,.jpeg,.png"},
        }
        if field.errors:
            params["errorMessage"] = {"text": " ".join(field.errors)}
        return GovUKFileUpload(**params).render()
