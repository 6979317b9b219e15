from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from senda.people.identifiers import (
    nhs_number_is_valid,
    uln_is_valid,
    upn_is_valid,
    upn_problem,
    validate_nhs_number,
    validate_ukprn,
    validate_uln,
    validate_upn,
    validate_urn,
)

# Synthetic numbers whose check characters were computed by the published algorithms.
VALID_UPN = "H926123456789"  # Σ weights 2…13 = 513; 513 mod 23 = 7 → H
VALID_TEMPORARY_UPN = "F92612345678A"
VALID_ULN = "9999999998"
VALID_NHS = "9434765919"  # NHS Digital's published test number


def test_it_accepts_valid_upns() -> None:
    assert upn_is_valid(VALID_UPN)
    assert upn_is_valid(VALID_TEMPORARY_UPN)


@pytest.mark.parametrize(
    ("upn", "problem"),
    [
        ("A926123456789", "check letter does not match"),
        ("H92612345678", "13 characters"),
        ("H9261234567890", "13 characters"),
        ("I926123456789", "must start with a check letter"),
        ("H9X6123456789", "3-digit LA number"),
        ("H926123X56789", "must be digits"),
        ("H92612345678O", "last character"),
        ("H92612345678S", "last character"),
        ("H92612345678I", "last character"),
    ],
)
def test_it_rejects_invalid_upns(upn: str, problem: str) -> None:
    assert not upn_is_valid(upn)
    assert problem in (upn_problem(upn) or "")


def test_it_accepts_a_valid_uln() -> None:
    assert uln_is_valid(VALID_ULN)
    assert uln_is_valid("1234567899")


@pytest.mark.parametrize(
    "uln",
    ["9999999997", "0999999998", "999999999", "99999999980", "99999X9998", ""],
)
def test_it_rejects_invalid_ulns(uln: str) -> None:
    assert not uln_is_valid(uln)


def test_it_rejects_a_uln_with_a_leading_zero_even_if_the_sum_works() -> None:
    # Σ = 5 × 2 = 10 ≡ 10 (mod 11): only the leading-zero rule rejects it.
    assert not uln_is_valid("0000000050")
    assert uln_is_valid("1000000051")  # Σ = 10 + 10 + 1 = 21 ≡ 10


def test_it_accepts_valid_nhs_numbers() -> None:
    assert nhs_number_is_valid(VALID_NHS)
    assert nhs_number_is_valid("9876543210")  # remainder 0 → check 11 → 0


@pytest.mark.parametrize(
    "nhs",
    [
        "9434765918",  # wrong check digit
        "1234567890",  # remainder gives 10: no number with these nine digits is valid
        "1000000010",  # remainder gives 10 as well
        "943476591",  # too short
        "943 476 5919",  # spaces are not stored
        "94347659X9",
    ],
)
def test_it_rejects_invalid_nhs_numbers(nhs: str) -> None:
    assert not nhs_number_is_valid(nhs)


def test_it_rejects_every_nhs_number_whose_remainder_gives_10() -> None:
    assert not any(nhs_number_is_valid(f"123456789{d}") for d in "0123456789")


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_upn, "A926123456789"),
        (validate_uln, "0999999998"),
        (validate_nhs_number, "1234567890"),
        (validate_urn, "12345"),
        (validate_ukprn, "20000000"),
    ],
)
def test_it_raises_a_validation_error_with_a_message(validator, value) -> None:
    with pytest.raises(ValidationError) as raised:
        validator(value)
    assert raised.value.messages[0].endswith(".")


def test_it_accepts_valid_setting_numbers() -> None:
    validate_urn("123456")
    validate_urn("1234567")
    validate_ukprn("10012345")
