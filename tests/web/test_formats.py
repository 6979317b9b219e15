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


def test_labels_read_in_a_sentence_keep_their_abbreviations() -> None:
    from senda.web.formats import in_sentence

    assert in_sentence("SEN unit or resourced provision") == "SEN unit or resourced provision"
    assert in_sentence("FE college or sixth form") == "FE college or sixth form"
    assert in_sentence("Special school") == "special school"
    assert in_sentence("Two new specialist bases") == "two new specialist bases"


def test_an_academic_year_is_written_2026_27() -> None:
    from senda.web.formats import academic_year

    assert academic_year(2026) == "2026/27"
    assert academic_year(2099) == "2099/00"
