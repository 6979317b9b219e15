"""Writing some fields of many saved rows quickly, for the demo's bulk load.

Django's ``bulk_update`` sends ``UPDATE … SET f = CASE WHEN id = 1 THEN … WHEN id = 2 …
END WHERE id IN (…)`` per batch, which the database evaluates row by row through every
``WHEN``: quadratic in the batch (a 2,000-row batch costs two million comparisons per
field). ``update_rows`` runs one plain ``UPDATE … WHERE id = %s`` for every row instead
(``executemany``), linear in the rows, as ``demo.corrections`` stamps its rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def update_rows(rows: Sequence[Model], fields: Sequence[str]) -> int:
    """Write ``fields`` of ``rows`` (saved instances of one model) to the database; how
    many rows were written. No signals and no ``auto_now``, as ``bulk_update``."""
    if not rows:
        return 0
    meta = type(rows[0])._meta
    columns = [meta.get_field(name) for name in fields]
    ops = connection.ops
    assignments = ", ".join(f"{ops.quote_name(c.column)} = %s" for c in columns)  # type: ignore[union-attr]
    sql = (
        f"UPDATE {ops.quote_name(meta.db_table)} SET {assignments} "
        f"WHERE {ops.quote_name(meta.pk.column)} = %s"  # type: ignore[union-attr]
    )
    params = [
        [
            c.get_db_prep_save(getattr(row, c.attname), connection)  # type: ignore[union-attr]
            for c in columns
        ]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)
