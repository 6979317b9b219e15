"""Check digits of the identifiers a child may carry: UPN, ULN and NHS number; and DfE's
list of LA numbers.

The pure functions follow DfE's common basic data set rules (SEN2 validations 1510,
1530–1550 and 1575) and the NHS number modulus-11 check. The ``validate_*`` wrappers raise
Django ``ValidationError`` with a message a user can act on. ``LA_CODES`` is the one list
of recognised LA numbers: SEN2 rule 1530 reads it, and so do a plan's transfer in
(``Plan.transferred_from_la``) and SEN2's TransferLA query.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

#: Recognised DfE LA numbers (post-April 1998 LA codes and DfE's pseudo-LA codes), as the
#: CIN census rule 1530 lists them for UPN characters 2-4.
_LA_RANGES = (
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373),
    (380, 384), (390, 394), (420, 420), (660, 681), (701, 708), (800, 803), (805, 808),
    (810, 813), (815, 816), (820, 823), (825, 826), (830, 831), (835, 841), (845, 846),
    (850, 852), (855, 857), (860, 861), (865, 896), (908, 909), (916, 916), (919, 919),
    (921, 921), (925, 926), (928, 929), (931, 931), (933, 933), (935, 938), (940, 941),
)  # fmt: skip
LA_CODES = frozenset(f"{n:03d}" for low, high in _LA_RANGES for n in range(low, high + 1))

#: DfE's check alphabet: 23 letters, no I, O or S. A letter's value is its index.
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


#: Each character's value in the check sum: a digit its own value, a letter its position.
_UPN_VALUES = {**{str(d): d for d in range(10)}, **{c: i for i, c in enumerate(UPN_CHECK_LETTERS)}}


def upn_check_letter(body: str) -> str:
    """The check letter for UPN characters 2–13 (weights 2…13, sum mod 23). Raises
    ValueError for a character that is neither a digit nor a check-alphabet letter."""
    try:
        total = sum(weight * _UPN_VALUES[char] for weight, char in enumerate(body, start=2))
    except KeyError as bad:
        raise ValueError(f"{bad.args[0]!r} cannot appear in a UPN") from None
    return UPN_CHECK_LETTERS[total % 23]


def upn_problem(upn: str) -> str | None:
    """Why ``upn`` is not a well-formed UPN, or None if it is."""
    if len(upn) != 13:
        return "A UPN must be 13 characters long."
    check, la, serial, last = upn[0], upn[1:4], upn[4:12], upn[12]
    if check not in UPN_CHECK_LETTERS:
        return "A UPN must start with a check letter (A–Z except I, O and S)."
    if not (la.isascii() and la.isdigit()):
        return "Characters 2 to 4 of a UPN must be a 3-digit LA number."
    if not (serial.isascii() and serial.isdigit()):
        return "Characters 5 to 12 of a UPN must be digits."
    if not (last.isascii() and (last.isdigit() or last in UPN_CHECK_LETTERS)):
        return "The last character of a UPN must be a digit or a letter other than I, O or S."
    if upn_check_letter(upn[1:]) != check:
        return "The UPN's check letter does not match: check it has been typed correctly."
    return None


def upn_is_valid(upn: str) -> bool:
    return upn_problem(upn) is None


def _weighted(digits: str) -> int:
    """Σ digitᵢ × (11 − i), i counting from 1."""
    return sum(int(d) * (10 - i) for i, d in enumerate(digits))


def uln_is_valid(uln: str) -> bool:
    """10 digits, the first not zero, Σ digitᵢ × (11 − i) for i = 1…10 ≡ 10 (mod 11)."""
    if len(uln) != 10 or not (uln.isascii() and uln.isdigit()) or uln[0] == "0":
        return False
    return _weighted(uln) % 11 == 10


def nhs_check_digit(first_nine: str) -> int | None:
    """The NHS number check digit for nine digits, or None when the remainder gives 10."""
    check = 11 - _weighted(first_nine) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_is_valid(nhs: str) -> bool:
    if len(nhs) != 10 or not (nhs.isascii() and nhs.isdigit()):
        return False
    return nhs_check_digit(nhs[:9]) == int(nhs[9])


def validate_upn(value: str) -> None:
    problem = upn_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_upn")


def validate_uln(value: str) -> None:
    if not uln_is_valid(value):
        raise ValidationError(
            "Enter a ULN of 10 digits, not starting with 0, whose check digit is correct.",
            code="invalid_uln",
        )


def validate_nhs_number(value: str) -> None:
    if not nhs_number_is_valid(value):
        raise ValidationError(
            "Enter a 10-digit NHS number with no spaces whose check digit is correct.",
            code="invalid_nhs_number",
        )


def validate_urn(value: str) -> None:
    if not (6 <= len(value) <= 7 and value.isascii() and value.isdigit()):
        raise ValidationError("A URN is 6 or 7 digits.", code="invalid_urn")


def validate_ukprn(value: str) -> None:
    if not (len(value) == 8 and value.isascii() and value.isdigit() and value[0] == "1"):
        raise ValidationError("A UKPRN is 8 digits starting with 1.", code="invalid_ukprn")


def is_la_number(code: str) -> bool:
    """Whether ``code`` has the shape of a DfE LA number: 3 digits (on the list or not)."""
    return len(code) == 3 and code.isascii() and code.isdigit()


def la_code_problem(code: str) -> str | None:
    """Why ``code`` is not a recognised DfE LA number, or None if it is."""
    if not is_la_number(code):
        return "Enter the local authority's number as 3 digits, for example 931."
    if code not in LA_CODES:
        return f"{code} is not a DfE local authority number: check it with the other authority."
    return None


def validate_la_code(value: str) -> None:
    if not is_la_number(value):
        raise ValidationError("A DfE LA number is 3 digits.", code="invalid_la_code")
