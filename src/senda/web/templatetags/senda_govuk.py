"""Template tags that render GOV.UK components from Django objects.

Every tag here builds one of govuk-frontend-django's component dataclasses and lets the
package render it with the official GOV.UK Frontend macros, so no page writes GOV.UK markup
by hand. The package's own ``gds_field_component`` is not implemented yet (0.22), hence
``govuk_field`` for form fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.core.paginator import Page
from django.forms import BoundField, Form
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from govuk_frontend_django.components.error_summary import GovUKErrorSummary
from govuk_frontend_django.components.pagination import GovUKPagination

from senda.people.names import display_name
from senda.web import tags
from senda.web.access import membership_for
from senda.web.components import status_tag
from senda.web.formats import (
    academic_year,
    humanise,
    in_sentence,
    money,
    when,
    year_group_label,
)
from senda.web.forms.render import field_anchor, render_field
from senda.web.navigation import NAVIGATION, NO_MEMBERSHIP

register = template.Library()


@register.filter
def status_colour(status: str) -> str:
    """The GOV.UK tag class for a deadline or case status (``senda.web.tags.DEADLINE``)."""
    return tags.colour(tags.DEADLINE, status)


@register.filter
def lookup(found: Mapping[Any, Any] | None, key: Any) -> Any:
    """``{{ mapping|lookup:key }}``: the mapping's value for ``key`` (None if absent)."""
    return found.get(key) if found else None


#: ``{{ user|display_name }}``: a person's name as every page writes it.
register.filter("display_name", display_name)
register.filter(humanise)
#: ``{{ message.sent_at|when }}``: ``3 December 2026, 1:41pm``.
register.filter("when", when)
register.filter(money)
register.filter(year_group_label)
#: ``{{ label|in_sentence }}``: "SEN unit …" kept, "Special school" → "special school".
register.filter(in_sentence)
#: ``{{ 2026|academic_year }}``: ``2026/27``.
register.filter(academic_year)
#: A GOV.UK tag coloured by status, e.g. ``{% status_tag row.status %}``.
register.simple_tag(status_tag)


@register.simple_tag(takes_context=True)
def service_navigation(context: template.Context) -> SafeString:
    """Service name plus, for a signed-in user, Home, Cases and a Sign out button.

    Written in Python (:func:`navigation_html`) rather than through the GOV.UK macro: the
    header is on every page, and the macro cost ~1 ms a page (a tenth of a simple page's
    time); a test compares the two as parsed HTML."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    items = (
        [_nav_item(text, name, request) for text, name in _navigation(user)] if signed_in else []
    )
    end = _sign_out_item(context) if signed_in else None
    return navigation_html(reverse("web:home"), items, end)


def navigation_html(
    service_url: str, items: list[dict[str, Any]], end: SafeString | None
) -> SafeString:
    """What ``GovUKServiceNavigation(serviceName="Senda", serviceUrl=service_url,
    navigation=items, slots={"navigationEnd": end}, navigationLabel="Menu")`` renders, but
    its whitespace: ``items`` as :func:`_nav_item` makes them (``text``, ``href``,
    ``current``, ``active``)."""
    out = [
        '<section aria-label="Service information" class="govuk-service-navigation"'
        ' data-module="govuk-service-navigation">'
        '<div class="govuk-width-container"><div class="govuk-service-navigation__container">'
        '<span class="govuk-service-navigation__service-name">'
        f'<a href="{escape(service_url)}" class="govuk-service-navigation__link">Senda</a>'
        "</span>"
    ]
    if items or end:
        out.append('<nav aria-label="Menu" class="govuk-service-navigation__wrapper">')
        if len(items) > 1:
            out.append(
                '<button type="button" class="govuk-service-navigation__toggle'
                ' govuk-js-service-navigation-toggle" aria-controls="navigation"'
                ' hidden aria-hidden="true">Menu</button>'
            )
        out.append('<ul class="govuk-service-navigation__list" id="navigation" >')
        for item in items:
            text = escape(item["text"])
            on = item["current"] or item["active"]
            if on:
                text = f'<strong class="govuk-service-navigation__active-fallback">{text}</strong>'
                aria = f' aria-current="{"page" if item["current"] else "true"}"'
                out.append(
                    '<li class="govuk-service-navigation__item'
                    ' govuk-service-navigation__item--active">'
                )
            else:
                aria = ""
                out.append('<li class="govuk-service-navigation__item">')
            out.append(
                f'<a class="govuk-service-navigation__link" href="{escape(item["href"])}"{aria}>'
                f"{text}</a></li>"
            )
        if end:
            out.append(str(end))
        out.append("</ul></nav>")
    out.append("</div></div></section>")
    return mark_safe("".join(out))


def _navigation(user: Any) -> list[tuple[str, str]]:
    membership = membership_for(user)
    role = membership.role if membership else NO_MEMBERSHIP
    return [(text, name) for text, name, roles in NAVIGATION if name == "web:home" or role in roles]


def _nav_item(text: str, url_name: str, request: Any) -> dict[str, Any]:
    href = reverse(url_name)
    path = request.path
    current = path == href
    active = not current and href != "/" and path.startswith(href)
    return {"text": text, "href": href, "current": current, "active": active}


def _sign_out_item(context: template.Context) -> SafeString:
    return format_html(
        '<li class="govuk-service-navigation__item">'
        '<form method="post" action="{}" class="senda-sign-out">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="govuk-service-navigation__link senda-link-button">'
        "Sign out</button></form></li>",
        reverse("web:sign-out"),
        context.get("csrf_token", ""),
    )


@register.simple_tag
def govuk_field(field: BoundField, **options: Any) -> SafeString:
    """Render a bound form field as the matching GOV.UK component (see forms/render.py).

    Options: ``hint``, ``label_classes``, ``is_page_heading``, ``classes``, ``inline``.
    """
    return render_field(field, **options)


@register.simple_tag
def govuk_error_summary(form: Form) -> str:
    """The error summary for a form, linking each message to its field; empty if valid."""
    if not form.errors:
        return ""
    return GovUKErrorSummary(titleText="There is a problem", errorList=error_list(form)).render()


def error_list(form: Form) -> list[dict[str, str]]:
    """Error-summary items: field errors link to their field, form errors to the first field."""
    first = next(iter(form), None)
    items = []
    for name, messages in form.errors.items():
        bound = form[name] if name in form.fields else first
        href = f"#{field_anchor(bound)}" if bound is not None else "#main-content"
        items.extend({"text": message, "href": href} for message in messages)
    return items


@register.simple_tag
def govuk_pagination(
    page: Page[Any],
    query: QueryDict | None = None,
    param: str = "page",
    base: str = "",
    label: str = "",
) -> SafeString:
    """GOV.UK pagination for ``page`` whose links keep the rest of ``query`` (the filters;
    govuk-frontend-django's own tag writes ``?page=N`` only), set ``param`` (for several
    lists on one page), and go to ``base`` (the list's URL, when the page was a POST)."""
    if not page.has_other_pages():
        return SafeString("")

    def href(number: int) -> str:
        params = query.copy() if query is not None else QueryDict(mutable=True)
        params[param] = str(number)
        return f"{base}?{params.urlencode()}"

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if isinstance(number, int):
            items.append({"number": number, "href": href(number), "current": number == page.number})
        else:
            items.append({"ellipsis": True})
    return GovUKPagination(
        items=items,  # type: ignore[arg-type]
        previous={"href": href(page.previous_page_number())} if page.has_previous() else None,  # type: ignore[arg-type]
        next={"href": href(page.next_page_number())} if page.has_next() else None,  # type: ignore[arg-type]
        landmarkLabel=f"Pages of {label.lower()}" if label else None,  # type: ignore[arg-type]
    ).render()
