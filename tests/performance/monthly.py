"""A KPI recorded by the month, for the tests of monthly recording: the catalogue has none
since ``neet`` is computed from the participation extracts (issue 18)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from senda.performance import catalogue

MONTHLY = "monthly-example"


def install(monkeypatch: pytest.MonkeyPatch) -> str:
    """Add a copy of a quarterly recorded KPI, recorded by the month, for this test."""
    entry = replace(catalogue.get("parent-satisfaction"), id=MONTHLY, period="month")
    monkeypatch.setitem(catalogue.CATALOGUE, MONTHLY, entry)
    return MONTHLY
