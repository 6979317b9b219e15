"""``senda backup``, the data wiped, ``senda restore``: every table's row count and every
file's checksum come back. On SQLite (the online backup API) in the SQLite run, on
PostgreSQL (pg_dump/pg_restore into the test database) in the PostgreSQL run.

The rows must be committed for ``pg_dump`` to see them, so these tests are transactional
(the kept demo area is one open transaction): the personas and the files stand in for it."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from senda.commands import PROBLEMS
from senda.people.models import Child
from senda.portal.models import Upload
from tests.factories import make_action, make_area, make_local_kpi, make_message, make_personas
from tests.factories import make_plan as make_improvement_plan

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_sums() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def an_area() -> Child:
    """The personas, an improvement plan with an action, a local KPI, a message and two
    uploaded files with their records."""
    personas = make_personas()
    plan = make_improvement_plan(personas.la)
    make_action(make_area(plan))
    make_local_kpi(personas.la)
    make_message(personas.la)
    for n, body in enumerate([b"%PDF-1.4 views", b"%PDF-1.4 advice \x00\xff"]):
        stored = default_storage.save(f"portal/2026/03/file-{n}.pdf", ContentFile(body))
        Upload.objects.create(
            case=personas.case,
            purpose="views",
            file=stored,
            name=f"file-{n}.pdf",
            content_type="application/pdf",
            size=len(body),
            sha256=hashlib.sha256(body).hexdigest(),
            scan=Upload.Scan.UNSCANNED,
            uploaded_by=personas.parent,
        )
    return personas.child


def test_it_restores_every_row_and_file_it_backed_up(tmp_path):
    child = an_area()
    counts, sums = table_counts(), file_sums()
    assert counts["portal_upload"] == 2 and len(sums) == 2
    archive = tmp_path / "senda.tar"

    call_command("backup", out=archive, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert table_counts()["people_child"] == 0
    said = io.StringIO()
    call_command("restore", str(archive), stdout=said)

    assert f"Restored the {connection.vendor} database and 2 files" in said.getvalue()
    assert table_counts() == counts
    assert file_sums() == sums
    assert Child.objects.get(pk=child.pk).family_name == child.family_name
    assert archive.stat().st_mode & 0o077 == 0  # the owner's alone


@pytest.mark.once  # the PostgreSQL run restores once, above: pg_restore takes seconds
def test_it_overwrites_data_only_when_told(tmp_path):
    child = an_area()
    archive = tmp_path / "senda.tar.gz"
    call_command("backup", out=archive, verbosity=0)
    Child.objects.filter(pk=child.pk).update(family_name="Changed")
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")

    with pytest.raises(CommandError, match="already holds data: give --replace") as refused:
        call_command("restore", str(archive), verbosity=0)
    assert refused.value.returncode == PROBLEMS
    assert Child.objects.get(pk=child.pk).family_name == "Changed"

    call_command("restore", str(archive), replace=True, verbosity=0)
    assert Child.objects.get(pk=child.pk).family_name == child.family_name
    assert "stray.txt" not in file_sums()
