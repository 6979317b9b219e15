"""Template hygiene: Django's ``{# … #}`` comment is one line only.

A ``{#`` whose ``#}`` is on a later line is not a comment at all: Django prints it, so the
comment appears on the page (it did, in the footer of every page).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template.utils import get_app_template_dirs
from django.urls import reverse

#: ``{#`` with no ``#}`` before the end of its line.
UNCLOSED_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def template_files() -> list[Path]:
    return sorted(
        path
        for directory in get_app_template_dirs("templates")
        if "senda" in directory.parts
        for path in directory.rglob("*")
        if path.is_file()
    )


def test_it_finds_no_multi_line_comment_in_any_template() -> None:
    files = template_files()
    assert any(path.name == "_footer.html" for path in files)
    found = [
        f"{path.relative_to(path.parents[2])}:{text[: match.start()].count(chr(10)) + 1}"
        for path in files
        for text in [path.read_text(encoding="utf-8")]
        for match in UNCLOSED_COMMENT.finditer(text)
    ]
    assert not found, f"multi-line {{# … #}} (use {{% comment %}}): {found}"


def test_it_prints_no_template_comment_on_a_page(client, db) -> None:
    page = client.get(reverse("web:sign-in")).content.decode()
    assert "{#" not in page and "#}" not in page
    assert "footer macro" not in page


#: A time written with Django's 24-hour formats (``H:i``, ``G:i``).
TWENTY_FOUR_HOUR = re.compile(r"""\|date:["'][^"']*[HG]:i""")


def test_every_template_writes_times_in_govuk_style() -> None:
    """Times read ``6:40pm`` everywhere (GOV.UK style guide, "Times"): the ``when`` filter,
    never a 24-hour ``|date:"… H:i"`` (a new user saw 18:40 on one page and 6:40pm on the
    next)."""
    found = [
        f"{path.relative_to(path.parents[2])}:{text[: match.start()].count(chr(10)) + 1}"
        for path in template_files()
        for text in [path.read_text(encoding="utf-8")]
        for match in TWENTY_FOUR_HOUR.finditer(text)
    ]
    assert not found, f"24-hour times (use |when): {found}"
