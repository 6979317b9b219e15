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
