"""One shared Jinja environment for govuk-frontend-django's components.

govuk-frontend-django 0.22 builds a new Jinja ``Environment`` and recompiles the GOV.UK
macro on every component it renders, which costs milliseconds per component: a case page
with a hundred tags spent most of its time there. :func:`install` replaces
``GovUKComponent.render`` with the same logic over one environment whose compiled
templates are cached. The output is byte-for-byte the package's (a test compares them).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from govuk_frontend_django.components import base
from jinja2 import (
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    Template,
    select_autoescape,
)

_ORIGINAL_RENDER = base.GovUKComponent.render


@lru_cache(maxsize=1)
def environment() -> Environment:
    loader = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})
    # auto_reload off: the macros are package files that never change while we run, and
    # checking them costs a stat() per template per render.
    return Environment(
        loader=ChoiceLoader([loader]), autoescape=select_autoescape(), auto_reload=False
    )


@cache
def _template(source: str) -> Template:
    return environment().from_string(source)


def _drop_none(data: Any) -> None:
    """What the package does before rendering: remove keys whose value is None, at any depth."""
    if isinstance(data, list):
        for item in data:
            _drop_none(item)
    elif isinstance(data, dict):
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            elif isinstance(value, dict | list):
                _drop_none(value)


def render(
    self: base.GovUKComponent,
    template_name: Any = None,
    context: Any = None,
    renderer: Any = None,
    component_data: dict[str, Any] | None = None,
) -> SafeString:
    data = self.__dict__.copy()
    if component_data:
        data.update(component_data)
    _drop_none(data)
    return mark_safe(_template(self.build_jinja_template()).render(data=data))


def install() -> None:
    """Make every GOV.UK component render through the shared environment."""
    base.GovUKComponent.render = render  # type: ignore[method-assign]
    base.GovUKComponent.__str__ = render  # type: ignore[method-assign,assignment]
    base.GovUKComponent.__html__ = render  # type: ignore[attr-defined]


def original_render(component: base.GovUKComponent, **kwargs: Any) -> SafeString:
    """The package's own render, for the test that proves the output is unchanged."""
    return _ORIGINAL_RENDER(component, **kwargs)  # type: ignore[no-any-return]
