"""GOV.UK date input as a Django form field: three boxes (day, month, year), one date.

Error messages follow the GOV.UK Design System's date input pattern, built from the
field's label: "Enter the date of the review meeting", "Date of the review meeting must
include a month", "Date of the review meeting must be a real date".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


class GovUKDateWidget(forms.MultiWidget):
    """Three text boxes named ``<name>-day``, ``<name>-month`` and ``<name>-year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in PARTS}
        super().__init__(boxes, attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        """The first box, which the error summary links to (GOV.UK: ``<id>-day``)."""
        return f"{id_}-day" if id_ else id_


class GovUKDateField(forms.Field):
    """A date entered in three boxes; cleans to :class:`datetime.date` or None."""

    widget = GovUKDateWidget

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        parts = [str(v or "").strip() for v in (value or ("", "", ""))]
        if not any(parts):
            return None
        what = self.label or "Date"
        missing = [name for name, text in zip(PARTS, parts, strict=True) if not text]
        if missing:
            raise ValidationError(f"{what} must include a {' and a '.join(missing)}")
        if not all(text.isdigit() for text in parts):
            raise ValidationError(f"{what} must be a real date")
        day, month, year = (int(text) for text in parts)
        if len(parts[2]) != 4:
            raise ValidationError("Year must include 4 numbers")
        try:
            return date(year, month, day)
        except ValueError:
            raise ValidationError(f"{what} must be a real date") from None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(f"Enter {_noun(self.label)}", code="required")


def _noun(label: str | None) -> str:
    """ "Date of the review meeting" → "the date of the review meeting"."""
    text = str(label or "Date")
    text = text[0].lower() + text[1:]
    return text if text.startswith(("the ", "your ")) else f"the {text}"
