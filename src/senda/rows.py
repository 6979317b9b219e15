"""Writing many rows quickly: one ``executemany`` per call.

Django's ``bulk_create`` builds a model instance's every value through the field's
``get_db_prep_save`` and compiles one multi-row ``INSERT`` per batch (a few hundred rows on
SQLite, whose statements take at most 999 parameters): for the demo's 100,000 steps and
deadline rows, and ``senda tick``'s facts, that was most of the time they took.
:func:`insert_rows` sends one plain ``INSERT`` for all the rows (``executemany``: a loop in
C on SQLite, a pipeline on PostgreSQL), converting only the values whose type needs it
(dates, times, JSON). It does not give the rows their ids: a caller that needs them reads
them back (:func:`inserted_ids`).

Django's ``bulk_update`` sends ``UPDATE … SET f = CASE WHEN id = 1 THEN … WHEN id = 2 …
END WHERE id IN (…)`` per batch, which the database evaluates row by row through every
``WHEN``: quadratic in the batch (a 2,000-row batch costs two million comparisons per
field). :func:`update_rows` runs one plain ``UPDATE … WHERE id = %s`` for every row instead,
linear in the rows.

Neither sends signals; :func:`insert_rows` fills ``auto_now``/``auto_now_add`` fields and
field defaults as ``bulk_create`` does.

Building the unsaved instances costs as much again: ``Model.__init__`` takes ~30 µs a row
(each keyword through its field, a default for each field not given, two signals).
:func:`unsaved` makes one in a sixth of that, for rows bound for :func:`insert_rows` or
``bulk_create``: the same attributes, without the signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Field, Model
from django.db.models.base import ModelState

M = TypeVar("M", bound=Model)

#: Internal types whose Python value is what the database drivers take as it is.
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "EmailField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)


def unsaved(model: type[M], **values: Any) -> M:
    """An unsaved ``model`` holding ``values`` (by attribute name: ``case_id``, not
    ``case``), each other field at its default, as ``model(**values)`` would be but without
    ``Model.__init__``: no ``pre_init``/``post_init`` signals and no check of the names
    (an unknown one is an error here too). For rows written in bulk."""
    static, dynamic, names = _defaults(model)
    unknown = values.keys() - names
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    row = model.__new__(model)
    row._state = ModelState()
    state = row.__dict__
    state.update(static)
    for attname, field in dynamic:
        if attname not in values:
            state[attname] = field.get_default()
    state.update(values)
    return row


_DEFAULTS: dict[type[Model], tuple[dict[str, Any], list[tuple[str, Field]], frozenset[str]]] = {}


def _defaults(
    model: type[Model],
) -> tuple[dict[str, Any], list[tuple[str, Field]], frozenset[str]]:
    """The model's fields' defaults: those that are values (shared: immutable, or copied by
    ``get_default`` each time in ``dynamic``), those made per row (a callable default), and
    every attribute name."""
    found = _DEFAULTS.get(model)
    if found is None:
        static: dict[str, Any] = {}
        dynamic: list[tuple[str, Field]] = []
        for field in model._meta.concrete_fields:
            default = field.default if field.has_default() else None
            if callable(default) or isinstance(default, (list, dict, set)):
                dynamic.append((field.attname, field))
            else:
                static[field.attname] = field.get_default()
        names = frozenset(f.attname for f in model._meta.concrete_fields)
        found = _DEFAULTS[model] = (static, dynamic, names)
    return found


def insert_rows(rows: Iterable[Model], *, ids_where: dict[str, Any] | None = None) -> int:
    """Insert ``rows`` (unsaved instances of one model, without ids, each value of its
    field's Python type: a ``date`` for a date) in one ``executemany``; how many were
    inserted. Their ``pk`` stays ``None`` unless ``ids_where`` is given: then each row is
    given its id (:func:`inserted_ids`). ``auto_now``/``auto_now_add`` fields get one
    moment for all the rows (the first row's ``pre_save``), as they are one statement."""
    rows = list(rows)
    if not rows:
        return 0
    model = type(rows[0])
    meta = model._meta
    pk = meta.pk.attname  # type: ignore[union-attr]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    # The values taken as they are come first, read in one call (``attrgetter``, in C);
    # then those converted one by one; the moments of ``auto_now`` fields last, made once.
    stamped = [f for f in fields if _stamped(f)]
    plain = [f for f in fields if f not in stamped and f.get_internal_type() in _AS_IS]
    converted = [f for f in fields if f not in stamped and f not in plain]
    stamps = [_moment(f, rows[0]) for f in stamped]
    moments = tuple(db for _value, db in stamps)
    ops = connection.ops
    order = [*plain, *converted, *stamped]
    columns = ", ".join(ops.quote_name(f.column) for f in order)
    sql = (
        f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(order))})"
    )
    get = attrgetter(pk, *(f.attname for f in plain))
    values = [_value_of(f) for f in converted]
    params = []
    for row in rows:
        if type(row) is not model:
            raise TypeError(f"insert_rows: {row!r} is not a {model.__name__}")
        found = get(row)
        if found[0] is not None:
            raise ValueError(f"insert_rows: {row!r} already has an id")
        params.append(found[1:] + tuple([value(row) for value in values]) + moments)
    for f, (value, _db) in zip(stamped, stamps, strict=True):
        for row in rows:
            row.__dict__[f.attname] = value
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    if ids_where is not None:
        for row, pk_value in zip(rows, inserted_ids(model, len(rows), **ids_where), strict=True):
            row.pk = pk_value
            row._state.adding, row._state.db = False, connection.alias
    return len(rows)


def _stamped(field: Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _moment(field: Field, row: Model) -> tuple[Any, Any]:
    """An ``auto_now`` field's value for ``row`` (its ``pre_save``, which sets it) and its
    database form (for a datetime, the backend's form of the aware moment)."""
    value = field.pre_save(row, True)
    if field.get_internal_type() == "DateTimeField":
        return value, connection.ops.adapt_datetimefield_value(value)
    return value, field.get_db_prep_save(value, connection)


def _value_of(field: Field) -> Callable[[Model], Any]:
    """How to read ``field``'s database value from a row (not one taken as it is, nor an
    ``auto_now`` field's)."""
    attname = field.attname
    kind = field.get_internal_type()
    if kind == "DateField":  # a date already (not a string to parse): the backend's form
        adapt = connection.ops.adapt_datefield_value
        return lambda row: adapt(getattr(row, attname))
    if kind == "DateTimeField":  # an aware datetime (the backend's form) or None
        adapt_at = connection.ops.adapt_datetimefield_value
        return lambda row: adapt_at(getattr(row, attname))
    prep = field.get_db_prep_save

    def prepared(row: Model) -> Any:  # None is NULL whatever the field
        value = getattr(row, attname)
        return None if value is None else prep(value, connection)

    return prepared


def inserted_ids(model: type[Model], count: int, **where: Any) -> list[int]:
    """The ids of the last ``count`` rows of ``model`` matching ``where``, in the order they
    were inserted: for rows :func:`insert_rows` has just written, where ``where`` picks out
    only rows written by this transaction (the rows of new cases, say). Ids grow in the
    order of one ``executemany`` on SQLite and PostgreSQL alike."""
    ids = list(
        model._default_manager.filter(**where).order_by("-pk").values_list("pk", flat=True)[:count]
    )
    if len(ids) != count:
        raise RuntimeError(f"inserted_ids: found {len(ids)} rows of {count}")
    return ids[::-1]


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
