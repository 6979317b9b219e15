"""Council casework staff change a child's identifiers and SEN2 flags: UPN (or why there is
none), ULN, NHS number, primary and secondary need, ethnicity (the DfE's codes,
``people.ethnicity``), postcode (a UK postcode's shape, ``people.postcodes``), elective home
education and children missing education (docs/child-details.md).

The record is never lost: each save keeps the changed fields' old and new values in
``ChildDetailsChange``. The audit entry names the fields changed, never their values.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from senda import audit, kernel
from senda.kernel import ActionError, check_permission
from senda.people.ethnicity import ETHNICITY_CODES
from senda.people.identifiers import (
    nhs_check_digit,
    uln_is_valid,
    upn_problem,
)
from senda.people.models import (
    SEN_TYPES,
    UPN_UNKNOWN_REASONS,
    Child,
    ChildDetailsChange,
    Membership,
)
from senda.people.postcodes import normal_postcode, postcode_problem

__all__ = [
    "FIELDS",
    "can_change_details",
    "nhs_number_problem",
    "uln_problem",
    "update_child_details",
]

#: The fields this action changes, in the form's order.
FIELDS = (
    "upn",
    "upn_unknown",
    "uln",
    "nhs_number",
    "primary_need",
    "secondary_need",
    "ethnicity",
    "postcode",
    "elective_home_education",
    "missing_education",
)
NOT_STAFF = "Only a case officer, team manager or service manager of this area can do this."
NOTHING_CHANGED = "You have not changed anything."
BOTH_UPN_AND_REASON = (
    "Enter a UPN or choose why there is no UPN, not both: clear the reason if the child has a UPN."
)
SECOND_NEED_ALONE = "Choose the primary need before a secondary need."
SAME_NEED = "The secondary need must be different from the primary need."
UPN_TAKEN = "Another child in this area already has this UPN: check it has been typed correctly."


def can_change_details(user: Any, child: Child) -> bool:
    """Whether ``user`` records casework for ``child``'s local area."""
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    return membership is not None and membership.can_write_casework(child.la_id)


def uln_problem(uln: str) -> str | None:
    """Why ``uln`` is not a well-formed ULN, or None if it is."""
    if not (uln.isascii() and uln.isdigit()):
        return "A ULN must be digits only."
    if len(uln) != 10:
        return "A ULN must be 10 digits long."
    if uln[0] == "0":
        return "A ULN cannot start with 0."
    if not uln_is_valid(uln):
        return "The ULN's check digit does not match: check it has been typed correctly."
    return None


def nhs_number_problem(nhs: str) -> str | None:
    """Why ``nhs`` is not a well-formed NHS number, or None if it is."""
    if not (nhs.isascii() and nhs.isdigit()):
        return "An NHS number must be digits only."
    if len(nhs) != 10:
        return "An NHS number must be 10 digits long."
    if nhs_check_digit(nhs[:9]) != int(nhs[9]):
        return "The NHS number's check digit does not match: check it has been typed correctly."
    return None


def _clean(value: str | None) -> str:
    return "".join((value or "").split())


def _check(value: str, field: str, problem: Any) -> None:
    if value:
        message = problem(value)
        if message:
            raise ActionError(field, message)


@transaction.atomic
def update_child_details(
    *,
    child: Child,
    upn: str,
    uln: str,
    nhs_number: str,
    upn_unknown: str,
    primary_need: str,
    elective_home_education: bool | None,
    missing_education: bool | None,
    by: Any,
    secondary_need: str | None = None,
    ethnicity: str | None = None,
    postcode: str | None = None,
    today: date | None = None,
) -> Child:
    """Save the child's identifiers and flags; blank text and None clear a value. Refuses
    (``ActionError``) anyone but casework staff of the child's area, a malformed UPN, ULN or
    NHS number (spaces are ignored), a UPN together with a missing-UPN reason, a UPN another
    child of the area has, a secondary need without a primary need or the same as it, an
    ethnicity not in the DfE's codes, a postcode not shaped like one, and a save that
    changes nothing. ``secondary_need``, ``ethnicity`` and ``postcode`` left None keep
    their values."""
    today = today or kernel.today()
    check_permission(can_change_details(by, child), NOT_STAFF)
    new: dict[str, Any] = {
        "upn": _clean(upn).upper(),
        "upn_unknown": _clean(upn_unknown),
        "uln": _clean(uln),
        "nhs_number": _clean(nhs_number),
        "primary_need": _clean(primary_need),
        "elective_home_education": elective_home_education,
        "missing_education": missing_education,
    }
    new |= {
        "secondary_need": child.secondary_need
        if secondary_need is None
        else _clean(secondary_need).upper(),
        "ethnicity": child.ethnicity if ethnicity is None else _clean(ethnicity).upper(),
        "postcode": child.postcode if postcode is None else normal_postcode(postcode),
    }
    _check(new["upn"], "upn", upn_problem)
    if postcode is not None:
        _check(new["postcode"], "postcode", postcode_problem)
    if ethnicity is not None and new["ethnicity"]:
        kernel.check_choice(
            new["ethnicity"], [c for c, _ in ETHNICITY_CODES], "ethnicity", "an ethnicity"
        )
    if secondary_need is not None and new["secondary_need"]:
        kernel.check_choice(
            new["secondary_need"], [c for c, _ in SEN_TYPES], "secondary_need", "a need"
        )
    if new["secondary_need"]:
        if not new["primary_need"]:
            raise ActionError("secondary_need", SECOND_NEED_ALONE)
        if new["secondary_need"] == new["primary_need"]:
            raise ActionError("secondary_need", SAME_NEED)
    _check(new["uln"], "uln", uln_problem)
    _check(new["nhs_number"], "nhs_number", nhs_number_problem)
    if new["upn_unknown"]:
        kernel.check_choice(
            new["upn_unknown"], [c for c, _ in UPN_UNKNOWN_REASONS], "upn_unknown", "a reason"
        )
    if new["primary_need"]:
        kernel.check_choice(
            new["primary_need"], [c for c, _ in SEN_TYPES], "primary_need", "a primary need"
        )
    for flag in ("elective_home_education", "missing_education"):
        if new[flag] not in (True, False, None):
            raise ActionError(flag, "Choose yes, no or not recorded.")
    if new["upn"] and new["upn_unknown"]:
        raise ActionError("upn_unknown", BOTH_UPN_AND_REASON)
    child = Child.objects.select_for_update().get(pk=child.pk)
    if (
        new["upn"]
        and new["upn"] != child.upn
        and Child.objects.filter(la_id=child.la_id, upn=new["upn"]).exclude(pk=child.pk).exists()
    ):
        raise ActionError("upn", UPN_TAKEN)
    changed = [name for name in FIELDS if getattr(child, name) != new[name]]
    if not changed:
        raise ActionError(kernel.WHOLE_FORM, NOTHING_CHANGED)
    ChildDetailsChange.objects.create(
        child=child,
        changed_at=timezone.now(),
        changed_by=by,
        before={name: getattr(child, name) for name in changed},
        after={name: new[name] for name in changed},
    )
    for name in changed:
        setattr(child, name, new[name])
    child.save(update_fields=changed)
    audit.record(
        user=by,
        verb="write",
        obj=child,
        child=child,
        summary=f"child {child.pk} details changed ({today.isoformat()}): {', '.join(changed)}",
    )
    return child
