"""Writing releases read by :mod:`senda.performance.dfe.reader` into the database.

All or nothing: every zip is read (and every problem found) before anything is written, and
everything is written in one transaction. Idempotent: importing a release again (same file
name or same reporting year) replaces its figures. Each release written is audited (one
entry, no local area: the figures are national). An area's name and region come from the
newest release that lists it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from senda import audit
from senda.performance.dfe.reader import ReadFailed, Release, read_release, zips_at
from senda.performance.models import PublishedArea, PublishedFigure, PublishedRelease
from senda.rows import insert_rows, unsaved

BATCH = 2000


class ImportFailed(Exception):
    """Nothing was imported. ``problems``: every problem, each naming its file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Imported:
    release: str
    year: int
    figures: int
    areas: int
    replaced: bool

    @property
    def summary(self) -> str:
        verb = "replaced" if self.replaced else "imported"
        return (
            f"{self.release} (reporting year {self.year}): {verb} {self.figures} figures "
            f"for {self.areas} areas"
        )


def import_path(path: Path) -> tuple[list[Imported], float]:
    """Import the release zip at ``path``, or every zip in the folder ``path``.

    Returns what was imported and the seconds it took. Raises :class:`ImportFailed`.
    """
    started = time.perf_counter()
    if not path.exists():
        raise ImportFailed([f"{path}: no such file or folder"])
    paths = zips_at(path)
    if not paths:
        raise ImportFailed([f"{path}: no .zip files in this folder"])
    releases: list[Release] = []
    problems: list[str] = []
    for each in paths:
        try:
            releases.append(read_release(each))
        except ReadFailed as failed:
            problems.extend(f"{failed.name}: {problem}" for problem in failed.problems)
    years = [r.year for r in releases]
    for year in sorted({y for y in years if years.count(y) > 1}):
        problems.append(f"more than one release for reporting year {year}")
    if problems:
        raise ImportFailed(problems)
    with transaction.atomic():
        # Oldest first, so the newest release's area names are written last.
        done = [write_release(r) for r in sorted(releases, key=lambda r: r.year)]
    return done, time.perf_counter() - started


def write_release(release: Release) -> Imported:
    """Replace the release's figures (and create or update its areas). In a transaction."""
    with transaction.atomic():
        old = PublishedRelease.objects.filter(name=release.name) | PublishedRelease.objects.filter(
            year=release.year
        )
        replaced = old.exists()
        PublishedFigure.objects.filter(release__in=old).delete()
        old.delete()
        newest = PublishedRelease.objects.aggregate(year=Max("year"))["year"] or 0
        saved = PublishedRelease.objects.create(
            name=release.name, year=release.year, sha256=release.sha256, licence=release.licence
        )
        areas = _write_areas(release, update=release.year >= newest)
        insert_rows(
            unsaved(
                PublishedFigure,
                release_id=saved.pk,
                measure=f.measure,
                time_period=f.time_period,
                area_id=areas[f.area],
                raw=f.raw,
                value=f.value,
                source=f.source,
            )
            for f in release.figures
        )
        audit.record(
            user=None,
            verb="write",
            obj=saved,
            summary=f"dfe-ehcp {'replaced' if replaced else 'imported'}: reporting year "
            f"{release.year}, {len(release.figures)} figures, sha256 {release.sha256[:12]}",
        )
    return Imported(release.name, release.year, len(release.figures), len(release.areas), replaced)


def _write_areas(release: Release, *, update: bool) -> dict[str, int]:
    """Area code → primary key for every area of the release."""
    existing = {a.code: a for a in PublishedArea.objects.filter(code__in=release.areas)}
    new = []
    changed = []
    for code, row in release.areas.items():
        area = existing.get(code)
        if area is None:
            new.append(
                PublishedArea(
                    code=code,
                    old_code=row.old_code,
                    name=row.name,
                    level=row.level,
                    region_code=row.region_code,
                )
            )
        elif update and (area.name, area.old_code, area.region_code, area.level) != (
            row.name,
            row.old_code,
            row.region_code,
            row.level,
        ):
            area.name, area.old_code = row.name, row.old_code
            area.region_code, area.level = row.region_code, row.level
            changed.append(area)
    PublishedArea.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        PublishedArea.objects.bulk_update(
            changed, ["name", "old_code", "region_code", "level"], batch_size=BATCH
        )
    return dict(PublishedArea.objects.filter(code__in=release.areas).values_list("code", "pk"))
