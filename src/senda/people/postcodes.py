"""A UK postcode's shape: what SEN2's ``Postcode`` item holds (docs/child-details.md).

The shape is the one every UK postcode has (Royal Mail's format, as GOV.UK's own services
check it): an outward code of one or two letters, a digit and an optional letter or digit
(``SW1A``, ``M1``, ``B33``), then an inward code of a digit and two letters (``1AA``); and
the one exception, ``GIR 0AA``. Whether the postcode exists is not checked (that needs the
postcode file, which Senda does not hold).
"""

from __future__ import annotations

import re

__all__ = ["normal_postcode", "postcode_problem"]

SHAPE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$")


def normal_postcode(text: str | None) -> str:
    """``text`` upper-cased, spaces taken out and one put before the inward code
    (``sw1a1aa`` → ``SW1A 1AA``); blank stays blank. Not checked: see
    :func:`postcode_problem`."""
    packed = "".join((text or "").split()).upper()
    return f"{packed[:-3]} {packed[-3:]}" if len(packed) > 3 else packed


def postcode_problem(text: str) -> str | None:
    """Why ``text`` is not shaped like a UK postcode, or None if it is."""
    packed = "".join(text.split()).upper()
    if not packed.isascii() or not SHAPE.match(packed):
        return "Enter a real postcode, like SW1A 1AA"
    return None
