"""Render a bound Django form field as the matching GOV.UK Frontend component.

One path to GOV.UK markup: every field goes through :func:`render_field`, which picks the
component from the field's widget (text, password, textarea, select, radios, checkboxes,
date input) and passes the label, hint, value and error message to the official macro.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString
from govuk_frontend_django.components.checkboxes import GovUKCheckboxes
from govuk_frontend_django.components.date_input import GovUKDateInput
from govuk_frontend_django.components.input import GovUKInput
from govuk_frontend_django.components.password_input import GovUKPasswordInput
from govuk_frontend_django.components.radios import GovUKRadios
from govuk_frontend_django.components.select import GovUKSelect
from govuk_frontend_django.components.textarea import GovUKTextarea

from senda.web.forms.fields import PARTS, GovUKDateWidget

LEGEND = "govuk-fieldset__legend"  # label size classes map onto legend size classes


def field_anchor(field: BoundField) -> str:
    """The id of the element an error-summary link should move focus to."""
    widget = field.field.widget
    if isinstance(widget, GovUKDateWidget):
        return f"{field.auto_id}-day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return str(field.auto_id)  # GOV.UK gives the first item the bare idPrefix
    return str(field.id_for_label)


def render_field(field: BoundField, **options: Any) -> SafeString:
    """Options: ``hint``, ``label_classes``, ``is_page_heading``, ``classes``, ``inline``."""
    widget = field.field.widget
    common = _common(field, options)
    if isinstance(widget, GovUKDateWidget):
        return _date_input(field, common, options)
    if isinstance(widget, forms.CheckboxSelectMultiple):  # before RadioSelect: a subclass
        items = _choices(field, "checked")
        return GovUKCheckboxes(**_grouped(field, common, options), items=items).render()
    if isinstance(widget, forms.RadioSelect):
        items = _choices(field, "checked")
        return GovUKRadios(**_grouped(field, common, options), items=items).render()
    if isinstance(widget, forms.CheckboxInput):
        item = {"value": "on", "text": field.label, "checked": bool(field.value())}
        return GovUKCheckboxes(idPrefix=field.auto_id, items=[item], **_named(common)).render()
    single = {"id": field.id_for_label, "label": _label(field, options), **_named(common)}
    if isinstance(widget, forms.Select):
        return GovUKSelect(items=_choices(field, "selected"), **single).render()
    if isinstance(widget, forms.Textarea):
        return GovUKTextarea(value=_text(field.value()) or None, **single).render()
    if isinstance(widget, forms.PasswordInput):
        return GovUKPasswordInput(autocomplete=widget.attrs.get("autocomplete"), **single).render()
    extra = {"autocomplete": widget.attrs.get("autocomplete"), "inputmode": None}
    if widget.attrs.get("inputmode"):
        extra["inputmode"] = widget.attrs["inputmode"]
    return GovUKInput(value=_text(field.value()), **single, **extra).render()


def _common(field: BoundField, options: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {"name": field.html_name, "classes": options.get("classes")}
    hint = options.get("hint") or field.help_text
    if hint:
        params["hint"] = {"text": str(hint)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(field.errors)}
    return params


def _named(common: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in common.items() if v is not None}


def _label(field: BoundField, options: dict[str, Any]) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(field.label), "classes": options.get("label_classes")}
    if options.get("is_page_heading"):
        label["isPageHeading"] = True
    return label


def _legend(field: BoundField, options: dict[str, Any]) -> dict[str, Any]:
    legend: dict[str, Any] = {"text": str(field.label)}
    if options.get("is_page_heading"):
        legend.update(isPageHeading=True, classes="govuk-fieldset__legend--l")
    elif options.get("label_classes"):
        legend["classes"] = options["label_classes"].replace(
            "govuk-label", "govuk-fieldset__legend"
        )
    return {"legend": legend}


def _grouped(field: BoundField, common: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    params = {"idPrefix": field.auto_id, "fieldset": _legend(field, options), **_named(common)}
    if options.get("inline"):
        params["classes"] = " ".join(filter(None, [params.get("classes"), "govuk-radios--inline"]))
    return params


def _choices(field: BoundField, flag: str) -> list[dict[str, Any]]:
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {_text(value)}
    return [
        {"value": str(v), "text": str(text), flag: str(v) in chosen}
        for v, text in field.field.choices  # type: ignore[attr-defined]
    ]


def _date_input(field: BoundField, common: dict[str, Any], options: dict[str, Any]) -> SafeString:
    values = field.value()
    if not isinstance(values, list | tuple):
        values = field.field.widget.decompress(values)
    error = " govuk-input--error" if field.errors else ""
    widths = {"day": 2, "month": 2, "year": 4}
    items = [
        {
            "name": part,
            "label": part.capitalize(),
            "value": _text(value) or None,
            "classes": f"govuk-input--width-{widths[part]}{error}",
        }
        for part, value in zip(PARTS, values, strict=True)
    ]
    return GovUKDateInput(
        id=str(field.auto_id),
        namePrefix=field.html_name,
        items=items,
        fieldset=_legend(field, options),
        **{k: v for k, v in common.items() if k in ("hint", "errorMessage")},
    ).render()


def _text(value: Any) -> str:
    """A value as its form shows it again: a NUL character (refused by the field's own check,
    ``ProhibitNullCharactersValidator``) shown as U+FFFD, as an HTML parser would take it,
    so the page echoing it back stays valid HTML."""
    return "" if value is None else str(value).replace("\x00", "\ufffd")
