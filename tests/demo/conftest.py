"""A small demo area, built once per test (about a second on SQLite)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.demo.build import Built, build_area

TODAY = date(2026, 3, 10)


@pytest.fixture
def area(db: None) -> Built:
    return build_area(seed=7, today=TODAY, cases=300, password="demo-test-password")
