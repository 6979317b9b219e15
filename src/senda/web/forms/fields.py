"""Form fields every Senda form shares, so hostile input is refused the same way everywhere.

- :class:`GovUKDateField`: the GOV.UK date input (three boxes, one date). Its error messages
  follow the GOV.UK Design System's date input pattern, built from the field's label:
  "Enter the date of the review meeting", "Date of the review meeting must include a
  month", "Date of the review meeting must be a real date", "Year must include 4 numbers",
  "Date of the review meeting must be between 1 January 1900 and 31 December 2200". Every
  box is read as at most 2 (day, month) or 4 (year) ASCII digits before any arithmetic, so
  no input can overflow; the window keeps every date the service works out from it (a
  deadline, the day after a search's last day) inside the calendar.
- :class:`WholeNumberField`: a whole number within the range the database stores
  (``IntegerField``: −2,147,483,648 to 2,147,483,647 on every backend), so a number too big
  for the database is a form error, not a database error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senda.kernel import long_date

PARTS = ("day", "month", "year")
#: The dates any date box accepts (the clock's window too: ``senda.clock.parse``).
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
#: What a database ``IntegerField`` holds (Django's portable range).
SMALLEST_INTEGER = -(2**31)
LARGEST_INTEGER = 2**31 - 1


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
    """A date entered in three boxes; cleans to :class:`datetime.date` or None.

    ``earliest`` and ``latest`` narrow the window (never widen it past 1900–2200).
    """

    widget = GovUKDateWidget

    def __init__(self, *, earliest: date = EARLIEST, latest: date = LATEST, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.earliest, self.latest = max(earliest, EARLIEST), min(latest, LATEST)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        parts = [str(v or "").strip() for v in _boxes(value)]
        if not any(parts):
            return None
        what = self.label or "Date"
        missing = [name for name, text in zip(PARTS, parts, strict=True) if not text]
        if missing:
            raise ValidationError(f"{what} must include a {' and a '.join(missing)}")
        day, month, year = parts
        if not all(text.isascii() and text.isdigit() for text in parts):
            raise ValidationError(f"{what} must be a real date")
        if len(day) > 2 or len(month) > 2:
            raise ValidationError(f"{what} must be a real date")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers")
        try:
            found = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{what} must be a real date") from None
        if not self.earliest <= found <= self.latest:
            raise ValidationError(
                f"{what} must be between {long_date(self.earliest)} and {long_date(self.latest)}"
            )
        return found

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(f"Enter {_noun(self.label)}", code="required")


def _boxes(value: Any) -> list[Any]:
    """The three boxes' values, whatever arrived (a missing box is empty)."""
    if not isinstance(value, list | tuple):
        return ["", "", ""]
    return [*value[:3], *[""] * (3 - len(value[:3]))]


def _noun(label: str | None) -> str:
    """ "Date of the review meeting" → "the date of the review meeting"."""
    text = str(label or "Date")
    text = text[0].lower() + text[1:]
    return text if text.startswith(("the ", "your ")) else f"the {text}"


class WholeNumberField(forms.IntegerField):
    """A whole number the database can store: ``min_value`` and ``max_value`` default to,
    and may only narrow, the range of an ``IntegerField``. Digits only (no ``1e3``, no
    ``٣``), at most 10 of them, checked before Python converts the text."""

    def __init__(
        self,
        *,
        min_value: int = SMALLEST_INTEGER,
        max_value: int = LARGEST_INTEGER,
        **kwargs: Any,
    ) -> None:
        low, high = max(min_value, SMALLEST_INTEGER), min(max_value, LARGEST_INTEGER)
        what = str(kwargs.get("label") or "The number")
        messages = {
            "invalid": f"{what} must be a whole number",
            "min_value": f"{what} must be {low:,} or more",
            "max_value": f"{what} must be {high:,} or less",
            **kwargs.pop("error_messages", {}),
        }
        super().__init__(min_value=low, max_value=high, error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, int) or value in self.empty_values:
            return super().to_python(value)
        text = str(value).strip()
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > len(str(-SMALLEST_INTEGER)):
            if digits.isascii() and digits.isdigit():
                code = "min_value" if text.startswith("-") else "max_value"
                limit = self.min_value if code == "min_value" else self.max_value
                raise ValidationError(
                    self.error_messages[code], code=code, params={"limit_value": limit}
                )
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


def text_field(
    label: str,
    *,
    limit: int,
    required: bool = True,
    rows: int = 4,
    hint: str = "",
    missing: str = "",
) -> forms.CharField:
    """A text box (``rows`` > 0: a textarea of that many rows) of at most ``limit``
    characters, with GOV.UK's messages: "Enter …" (or ``missing``) and "… must be N
    characters or fewer"."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": missing or f"Enter {label[0].lower()}{label[1:]}",
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
    )
