"""Synthetic identifiers that pass Senda's checks (``senda.people.identifiers``).

- UPN: the area's fictional LA number (9xx numbers are not allocated to English LAs) and a
  random serial, with the DfE check letter computed and then validated.
- ULN: random 10 digits with the modulus-11 check satisfied (no real ULN is looked up).
- NHS number: in the 999 range, which the NHS reserves for test data, with its check digit.
"""

from __future__ import annotations

from random import Random

from senda.people.identifiers import (
    nhs_check_digit,
    nhs_number_is_valid,
    uln_is_valid,
    upn_check_letter,
    upn_is_valid,
)


def make_upn(rng: Random, la_code: str, used: set[str]) -> str:
    while True:
        body = f"{la_code}{rng.randrange(10**8):08d}{rng.randrange(10)}"
        upn = upn_check_letter(body) + body
        if upn not in used and upn_is_valid(upn):
            used.add(upn)
            return upn


def make_uln(rng: Random, used: set[str]) -> str:
    while True:
        first_nine = f"{rng.randrange(1, 10)}{rng.randrange(10**8):08d}"
        weighted = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
        last = (10 - weighted) % 11
        uln = f"{first_nine}{last}"
        if last < 10 and uln not in used and uln_is_valid(uln):
            used.add(uln)
            return uln


def make_nhs_number(rng: Random, used: set[str]) -> str:
    while True:
        first_nine = f"999{rng.randrange(10**6):06d}"
        check = nhs_check_digit(first_nine)
        nhs = f"{first_nine}{check}"
        if check is not None and nhs not in used and nhs_number_is_valid(nhs):
            used.add(nhs)
            return nhs
