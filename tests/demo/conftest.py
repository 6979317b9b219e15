"""The demo area of these tests: ``demo_area`` (tests/conftest.py), built once and kept."""

from __future__ import annotations

from datetime import date

import pytest

from senda.demo.build import Built

TODAY = date(2026, 3, 10)


@pytest.fixture
def area(demo_area: Built) -> Built:
    return demo_area
