"""Writes of the area's map of postcode districts to localities (docs/forecast.md, "Home
locality"): which locality each postcode district (``NG7``) or sector (``NG7 1``) of the
area is in, so a child's home postcode gives where they live.

- :func:`set_postcode_locality`: one district or sector's locality (a new one, or a change);
- :func:`remove_postcode_locality`: one taken out of the map;
- :func:`read_postcode_map` and :func:`import_postcode_map`: the whole map from a CSV or
  XLSX file (``senda.sheets``), all or nothing: any problem in any row and nothing changes;
  an import replaces the map.

Only service managers of the area write it. Each write is keyword-only, atomic and audited
(the prefix and locality: no child is named).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from senda import audit
from senda.kernel import ActionError, check_permission
from senda.people.models import LocalAuthority
from senda.sheets import ImportFailed, Problem, column_letter, columns_by_heading, read_sheets
from senda.sufficiency import localities
from senda.sufficiency.models import PostcodeLocality
from senda.sufficiency.places_actions import NOT_MANAGER, can_manage_places

__all__ = [
    "MAX_ROWS",
    "import_postcode_map",
    "read_postcode_map",
    "remove_postcode_locality",
    "set_postcode_locality",
]

#: Rows an imported map may have (England has about 9,500 postcode sectors in all).
MAX_ROWS = 20_000
MAX_LOCALITY = 100
#: The file's columns: the usual headings of each (compared without case).
HEADINGS = {
    "prefix": ("postcode district", "district", "postcode sector", "sector", "postcode"),
    "locality": ("locality", "area", "locality name"),
}
LABELS = {"prefix": "the postcode district or sector", "locality": "the locality"}


def _checked(prefix: str, locality: str) -> tuple[str, str]:
    """The prefix and locality as kept, or ``ActionError`` naming the field."""
    prefix = localities.prefix(prefix or "")
    problem = localities.prefix_problem(prefix)
    if problem:
        raise ActionError("prefix", problem)
    locality = " ".join((locality or "").split())
    if not locality:
        raise ActionError("locality", "Enter the locality")
    if len(locality) > MAX_LOCALITY:
        raise ActionError("locality", f"The locality must be {MAX_LOCALITY} characters or fewer")
    if locality in _RESERVED:
        raise ActionError("locality", "Enter the name of one of the area's localities")
    return prefix, locality


#: Names the forecast gives groups that are not localities.
_RESERVED = {
    localities.NOT_KNOWN,
    localities.NOT_PLACED,
    localities.OUT_OF_AREA,
    localities.NO_LOCALITY,
    localities.NEW_SETTING,
}


@transaction.atomic
def set_postcode_locality(
    *, la: LocalAuthority, prefix: str, locality: str, by: Any
) -> PostcodeLocality:
    """Say that postcode district or sector ``prefix`` of area ``la`` is in ``locality``
    (a change when it was in another); the same again is refused."""
    check_permission(can_manage_places(by, la.pk), NOT_MANAGER)
    prefix, locality = _checked(prefix, locality)
    before = PostcodeLocality.objects.select_for_update().filter(la=la, prefix=prefix).first()
    if before is not None and before.locality == locality:
        raise ActionError("locality", f"{prefix} is in {locality} already")
    was = f" (was {before.locality})" if before else ""
    if before is None:
        row = PostcodeLocality.objects.create(la=la, prefix=prefix, locality=locality)
    else:
        before.locality = locality
        before.save(update_fields=["locality"])
        row = before
    audit.record(
        user=by,
        verb="write",
        obj=row,
        la_id=la.pk,
        summary=f"postcode locality: {prefix} = {locality}{was}",
    )
    return row


@transaction.atomic
def remove_postcode_locality(*, row: PostcodeLocality, by: Any) -> None:
    """Take ``row``'s district or sector out of its area's map."""
    check_permission(can_manage_places(by, row.la_id), NOT_MANAGER)
    audit.record(
        user=by,
        verb="write",
        obj=row,
        la_id=row.la_id,
        summary=f"postcode locality removed: {row.prefix} (was {row.locality})",
    )
    row.delete()


def read_postcode_map(data: bytes, filename: str) -> list[tuple[str, str]]:
    """A map's rows ``(prefix, locality)`` from a CSV or XLSX file (its first sheet): a
    header row naming a district or sector column and a locality column, then one row a
    district or sector. Every problem is collected and raised together
    (``ImportFailed``): a row's bad prefix or blank locality, a prefix given twice."""
    sheets = read_sheets(data, filename, MAX_ROWS + 1)
    rows = sheets[0].rows if sheets else []
    name = sheets[0].name if sheets else ""
    if not rows:
        raise ImportFailed([Problem(None, "", "The file is empty.")])
    number, header = rows[0]
    columns, _ = columns_by_heading(
        header,
        {},
        number,
        name,
        fields=("prefix", "locality"),
        headings=HEADINGS,
        labels=LABELS,
        required=(),
    )
    problems = [
        Problem(
            number,
            "",
            f"No column for {LABELS[field]}: head one {HEADINGS[field][0]!r}.",
            sheet=name,
        )
        for field in ("prefix", "locality")
        if field not in columns
    ]
    if problems:
        raise ImportFailed(problems)
    found: list[tuple[str, str]] = []
    first_row: dict[str, int] = {}
    for row_number, cells in rows[1:]:
        texts = {
            field: str(cells[i]) if i < len(cells) and cells[i] is not None else ""
            for field, i in columns.items()
        }
        if not any(t.strip() for t in texts.values()):
            continue
        try:
            prefix, locality = _checked(texts["prefix"], texts["locality"])
        except ActionError as error:
            column = columns[error.field]
            problems.append(
                Problem(row_number, column_letter(column), error.message, str(header[column]), name)
            )
            continue
        if prefix in first_row:
            message = f"{prefix} is given twice (first in row {first_row[prefix]})"
            column = columns["prefix"]
            problems.append(
                Problem(row_number, column_letter(column), message, str(header[column]), name)
            )
            continue
        first_row[prefix] = row_number
        found.append((prefix, locality))
    if problems:
        raise ImportFailed(problems)
    if not found:
        raise ImportFailed([Problem(None, "", "The file has no districts or sectors.")])
    return found


@transaction.atomic
def import_postcode_map(
    *, la: LocalAuthority, rows: Sequence[tuple[str, str]], filename: str, by: Any
) -> int:
    """Replace area ``la``'s map with ``rows`` (``read_postcode_map``'s): every row is
    checked again, and any problem leaves the map as it was. Returns the rows kept."""
    check_permission(can_manage_places(by, la.pk), NOT_MANAGER)
    checked = [_checked(prefix, locality) for prefix, locality in rows]
    if len({prefix for prefix, _ in checked}) != len(checked):
        raise ActionError("file", "A district or sector is given twice")
    if not checked:
        raise ActionError("file", "The file has no districts or sectors")
    before = PostcodeLocality.objects.select_for_update().of_area(la.pk).count()
    PostcodeLocality.objects.of_area(la.pk).delete()
    PostcodeLocality.objects.bulk_create(
        PostcodeLocality(la=la, prefix=prefix, locality=locality) for prefix, locality in checked
    )
    audit.record(
        user=by,
        verb="write",
        obj=la,
        la_id=la.pk,
        summary=f"postcode localities imported from {filename[:100]}: {len(checked)} "
        f"(replacing {before})",
    )
    return len(checked)
