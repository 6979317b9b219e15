"""The shared Jinja environment renders exactly what govuk-frontend-django renders."""

import copy

import pytest
from govuk_frontend_django.components.date_input import GovUKDateInput
from govuk_frontend_django.components.select import GovUKSelect
from govuk_frontend_django.components.tag import GovUKTag

from senda.web import govuk_render

COMPONENTS = [
    GovUKTag(text="Overdue", classes="govuk-tag--red"),
    GovUKSelect(
        id="officer",
        name="officer",
        label={"text": "Officer"},
        items=[{"value": "1", "text": "A", "selected": True}, {"value": "2", "text": "B"}],
    ),
    GovUKDateInput(
        id="on",
        namePrefix="on",
        items=[{"name": "day", "value": None}, {"name": "month"}, {"name": "year"}],
        errorMessage={"text": "Enter the date"},
    ),
]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: type(c).__name__)
def test_it_renders_byte_for_byte_what_the_package_renders(component):
    ours = str(component)
    theirs = govuk_render.original_render(copy.deepcopy(component))
    assert ours == theirs
    assert "govuk-" in ours


def test_it_is_installed_when_django_starts():
    assert GovUKTag.render is govuk_render.render


def test_it_compiles_each_macro_once():
    govuk_render._template.cache_clear()
    for _ in range(5):
        str(GovUKTag(text="Met"))
    assert govuk_render._template.cache_info().misses == 1


def _parsed(html: str) -> list[tuple[str, object]]:
    """HTML as its elements, sorted attributes and text, whitespace between them ignored."""
    from html.parser import HTMLParser

    found: list[tuple[str, object]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, sorted((k, " ".join((v or "").split())) for k, v in attrs)))

        def handle_endtag(self, tag):
            found.append(("/" + tag, None))

        def handle_data(self, data):
            if data.strip():
                found.append(("text", data.strip()))

    Parser(convert_charrefs=True).feed(html)
    return found


@pytest.mark.parametrize("columns", [3, 7])
def test_the_plain_table_is_the_gov_uk_table_but_its_whitespace(columns):
    from django.utils.html import format_html

    from senda.web.components import table
    from senda.web.plain_table import plain_table

    head = [f"Heading {n} & <more>" for n in range(columns)]
    rows = [
        [
            {"html": format_html('<a class="govuk-link" href="{}">{}</a>', "/x?a=1&b=2", "1,204")},
            *({"text": f"O'Brien <{n}>"} for n in range(columns - 2)),
            {"text": "Not shown", "classes": "extra", "format": "numeric"},
        ],
        [{"text": "Across", "colspan": 2}, *({"text": str(n)} for n in range(columns - 2))],
        [],
    ]
    ours = plain_table("Waits & more", head, rows)
    theirs = table("Waits & more", head, copy.deepcopy(rows))
    assert _parsed(ours) == _parsed(theirs)
    assert ("data-label" in ours) is (columns >= 4)


NAV_ITEMS = [
    [],
    [{"text": "Home", "href": "/", "current": True, "active": False}],
    [
        {"text": "Home", "href": "/", "current": False, "active": False},
        {"text": "Cases & <more>", "href": "/cases/?a=1&b=2", "current": False, "active": True},
        {"text": "Plans", "href": "/plans/", "current": True, "active": False},
    ],
]


@pytest.mark.parametrize("items", NAV_ITEMS, ids=lambda items: f"{len(items)}-items")
@pytest.mark.parametrize("signed_in", [True, False])
def test_the_header_is_the_gov_uk_service_navigation_but_its_whitespace(items, signed_in):
    """Every page's header, written in Python (``navigation_html``), says what the GOV.UK
    macro says for the same items and sign-out slot."""
    from django.utils.html import format_html
    from govuk_frontend_django.components.service_navigation import GovUKServiceNavigation

    from senda.web.templatetags.senda_govuk import navigation_html

    end = format_html('<li class="govuk-service-navigation__item">{}</li>', "Sign out")
    end = end if signed_in else None
    ours = navigation_html("/", items, end)
    theirs = GovUKServiceNavigation(
        serviceName="Senda",
        serviceUrl="/",
        navigation=copy.deepcopy(items),
        slots={"navigationEnd": end} if end else None,  # type: ignore[arg-type]
        navigationLabel="Menu",
    ).render()
    assert _parsed(ours) == _parsed(theirs)
    assert ("govuk-service-navigation__toggle" in ours) is (len(items) > 1)
