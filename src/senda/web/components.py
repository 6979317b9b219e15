"""The GOV.UK components every table and template tag shares, rendered by
govuk-frontend-django: a table with text headings, a tag, a status tag."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString
from govuk_frontend_django.components.tag import GovUKTag

from senda.web import tags
from senda.web.formats import humanise
from senda.web.phone_tables import stacked_table


def table(
    caption: str,
    head: list[str],
    rows: list[list[dict[str, Any]]],
    caption_classes: str = "govuk-table__caption--m",
) -> SafeString:
    """A GOV.UK table with a caption, text headings and prepared rows."""
    return stacked_table(
        caption=caption,
        captionClasses=caption_classes,
        head=[{"text": text} for text in head],  # type: ignore[misc]
        rows=rows,  # type: ignore[arg-type]
    ).render()


@lru_cache(maxsize=256)
def tag(text: str, classes: str | None) -> SafeString:
    """A GOV.UK tag. A tag renders the same for every row with that text: render it once."""
    return GovUKTag(text=text, classes=classes).render()


def status_tag(status: str, text: str | None = None) -> SafeString:
    """A deadline's or case's status as a tag in its colour (``tags.DEADLINE``)."""
    return tag(text or humanise(status), tags.colour(tags.DEADLINE, status))
