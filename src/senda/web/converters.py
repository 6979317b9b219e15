"""The path converter for record ids in URLs: ``<id:case_id>``.

Django's ``<id:…>`` takes any run of digits, so ``/cases/99999999999999999999/`` reached
the view and failed in the database (an integer beyond 64 bits), a 500. ``<id:…>`` takes at
most 18 digits, so every id it passes fits the database's integer and a longer one is
simply a page that does not exist (404), before any view runs.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """A record id: 1 to 18 ASCII digits (up to 999,999,999,999,999,999 < 2**63)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))


def install() -> None:
    register_converter(IdConverter, "id")
