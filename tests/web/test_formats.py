"""How the web writes money: thousands separators, pence only when there are some."""

from __future__ import annotations

from decimal import Decimal

import pytest

from senda.web.formats import money


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1500.50"), "£1,500.50"),
        (Decimal("1500.5"), "£1,500.50"),
        (Decimal("10000000"), "£10,000,000"),
        (Decimal("80.00"), "£80"),
        (Decimal("0"), "£0"),
        (None, ""),
    ],
)
def test_money_has_thousands_separators(value, shown) -> None:
    assert money(value) == shown
