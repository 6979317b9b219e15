"""The subject access archive: one zip of readable files — ``index.html`` (what is in it,
and the third-party review list), a CSV per kind of record (``records/``, written through
``senda.exports``), ``who-viewed.csv`` (the audit of who read, changed or exported the
records), ``third-party-review.csv`` and the uploaded documents (``documents/``)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO, StringIO
from typing import Any

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.html import escape

from senda import exports
from senda.disclosure.gather import Gathered
from senda.people.models import FamilyContact
from senda.portal.models import Upload

#: Kinds of record that are an advice-giver's professional content.
ADVICE = "advice"
STAFF = "names a member of staff or another person"
FAMILY = "another family member's details"
ADVICE_GIVER = "an advice-giver's content: check with them before release"
FREE_TEXT = "free text: read it for other people named"


@dataclass(frozen=True, slots=True)
class Flag:
    """Third-party information to review before release: where, and why."""

    file: str
    row: str
    column: str
    reason: str
    detail: str = ""


@dataclass
class Table:
    file: str
    title: str
    head: list[str]
    rows: list[list[Any]]


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return f"{user.get_full_name() or user.get_username()} ({user.get_username()})"


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "name") and isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return "" if value is None else value


def _file(model: type[models.Model]) -> str:
    return f"records/{model._meta.app_label}-{model._meta.model_name}.csv"


class Builder:
    """Tables and flags from what was gathered; ``subject_contact`` is the parent's own
    contact record (not a third party's), ``account`` the person's own account."""

    def __init__(self, found: Gathered, subject_contact: int | None = None) -> None:
        self.found = found
        self.subject_contact = subject_contact
        self.flags: list[Flag] = []
        self._named: set[Flag] = set()
        self._users: dict[int, User] = {}

    def _user(self, pk: int | None) -> User | None:
        if pk is None:
            return None
        if pk not in self._users:
            found = User.objects.filter(pk=pk).first()
            if found is not None:
                self._users[pk] = found
        return self._users.get(pk)

    def _flag_staff(self, file: str, row: str, column: str, user: User | None) -> None:
        own = self.found.account
        if user is None or (own is not None and user.pk == own.pk):
            return
        flag = Flag(file, "", column, STAFF, _person(user))
        if flag not in self._named:
            self._named.add(flag)
            self.flags.append(flag)

    def table(self, model: type[models.Model]) -> Table:
        fields = list(model._meta.concrete_fields)
        file = _file(model)
        rows = model._base_manager.filter(pk__in=self.found.rows[model]).order_by("pk")
        head = [f.name if not f.is_relation else f.attname for f in fields]
        title = str(model._meta.verbose_name_plural).capitalize()
        return Table(file, title, head, [self._row(file, obj, fields) for obj in rows])

    def _row(self, file: str, obj: models.Model, fields: list[Any]) -> list[Any]:
        row = []
        for f in fields:
            raw = getattr(obj, f.attname)
            if f.is_relation and f.related_model is User:
                user = self._user(raw)
                self._flag_staff(file, str(obj.pk), f.name, user)
                row.append(_person(user))
                continue
            row.append(_cell(raw if f.is_relation else getattr(obj, f.name)))
            if isinstance(f, models.TextField) and raw:
                self.flags.append(Flag(file, str(obj.pk), f.name, FREE_TEXT))
        if ADVICE in obj._meta.model_name:
            self.flags.append(Flag(file, str(obj.pk), "", ADVICE_GIVER))
        if isinstance(obj, FamilyContact) and self._someone_else(obj):
            self.flags.append(Flag(file, str(obj.pk), "", FAMILY))
        return row

    def _someone_else(self, contact: FamilyContact) -> bool:
        """A family contact who is not the person asking: for a child's record, anyone but
        the young person; for a parent's, anyone but the parent."""
        if self.subject_contact is not None:
            return contact.pk != self.subject_contact
        return not contact.is_young_person

    def tables(self) -> list[Table]:
        ordered = sorted(self.found.rows, key=lambda m: m._meta.label)
        made = [self.table(model) for model in ordered]
        return [*made, self.viewed()]

    def viewed(self) -> Table:
        file = "who-viewed.csv"
        head = ["when", "who", "action", "record", "record id", "details"]
        rows = []
        for entry in self.found.audit():
            self._flag_staff(file, "", "who", entry.user)
            who = _person(entry.user) if entry.user else "nobody signed in"
            when = timezone.localtime(entry.at).isoformat(timespec="seconds")
            rows.append([when, who, entry.verb, entry.object_type, entry.object_id, entry.summary])
        return Table(file, "Who viewed, changed or exported the records", head, rows)


def _csv(table: Table) -> bytes:
    out = StringIO()
    exports.write_csv(out, [table.head, *table.rows])
    return out.getvalue().encode("utf-8")


def _review_rows(flags: list[Flag]) -> str:
    cells = ((f.file, f.row, f.column, f.reason, f.detail) for f in flags)
    return "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in cells
    )


def _index(
    title: str, lines: list[str], tables: list[Table], docs: list[str], flags: list[Flag]
) -> str:
    items = "".join(
        f'<li><a href="{escape(t.file)}">{escape(t.title)}</a>: {len(t.rows)} rows</li>'
        for t in tables
    )
    documents = "".join(f'<li><a href="{escape(d)}">{escape(d)}</a></li>' for d in docs)
    review = _review_rows(flags)
    about = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"</head><body><h1>{escape(title)}</h1>{about}"
        f"<h2>Records</h2><ul>{items}</ul>"
        f"<h2>Documents</h2><ul>{documents or '<li>None</li>'}</ul>"
        "<h2>Third-party information to review before release</h2>"
        "<p>Each line below may name or be about someone other than the person asking: "
        "read it, and remove or redact it where the law requires, before the archive is "
        "released.</p><table><thead><tr><th>File</th><th>Row</th><th>Column</th>"
        f"<th>Why</th><th>Detail</th></tr></thead><tbody>{review}</tbody></table>"
        "</body></html>"
    )


@dataclass(frozen=True, slots=True)
class Archive:
    name: str
    data: bytes
    sha256: str
    files: int
    flags: list[Flag]


def build(
    *, found: Gathered, reference: str, lines: list[str], subject_contact: int | None
) -> Archive:
    """The zip of what was ``found`` (``lines``: what the request is, for the index)."""
    builder = Builder(found, subject_contact)
    tables = builder.tables()
    buffer = BytesIO()
    docs = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for table in tables:
            zipped.writestr(table.file, _csv(table))
        for upload in Upload.objects.filter(pk__in=found.rows.get(Upload, set())).order_by("pk"):
            if upload.file and default_storage.exists(upload.file.name):
                name = f"documents/{upload.pk}-{upload.name or 'file'}"
                with default_storage.open(upload.file.name, "rb") as handle:
                    zipped.writestr(name, handle.read())
                docs.append(name)
        flags = builder.flags
        review = Table(
            "third-party-review.csv",
            "",
            ["file", "row", "column", "why", "detail"],
            [[f.file, f.row, f.column, f.reason, f.detail] for f in flags],
        )
        zipped.writestr(review.file, _csv(review))
        title = f"Subject access request {reference}"
        zipped.writestr("index.html", _index(title, lines, tables, docs, flags))
        files = len(zipped.namelist())
    data = buffer.getvalue()
    name = f"{reference.lower()}.zip"
    return Archive(name, data, hashlib.sha256(data).hexdigest(), files, flags)
