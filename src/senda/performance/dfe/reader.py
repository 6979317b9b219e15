"""Reading a DfE "Education, health and care plans" release zip into figures. No Django:
:func:`read_release` returns a :class:`Release` or raises :class:`ReadFailed` listing every
problem, so the importer can write all or nothing.

CSV quirks handled here: a UTF-8 byte-order mark on the 2025 files' headers; cells with
symbols instead of numbers (``x``, ``z``, ``c``, ``low``); numbers with trailing zeros
(``57.900000000000``) in the older files, kept exactly as published in ``raw``; columns in
a different order (``old_la_code`` before ``new_la_code``) between releases.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from senda.performance.dfe.measures import MEASURES, SYMBOLS

ENGLAND = "E92000001"
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "la"}
#: Columns every data file Senda reads must have.
REQUIRED = ("time_period", "geographic_level", "country_code", "region_code", "new_la_code")
#: The licence every release of these statistics is published under.
OGL = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)."
)
MAX_PROBLEMS = 50


class ReadFailed(Exception):
    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(f"{name}: {len(problems)} problem(s)")
        self.name = name
        self.problems = problems


@dataclass(frozen=True)
class AreaRow:
    code: str
    old_code: str
    name: str
    level: str
    region_code: str


@dataclass(frozen=True)
class Figure:
    measure: str
    time_period: str
    area: str
    raw: str
    value: Decimal | None
    source: str


@dataclass
class Release:
    name: str
    year: int
    sha256: str
    licence: str
    areas: dict[str, AreaRow] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


def number(raw: str) -> Decimal | None:
    """The cell's number, or None for a symbol (``x``, ``z``, ``c``, ``low``, …)."""
    text = raw.strip()
    if not text or text.lower() in SYMBOLS:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{raw!r} is neither a number nor a DfE symbol") from None
    if not value.is_finite():
        raise ValueError(f"{raw!r} is not a number")
    return value


def _area(row: dict[str, str]) -> AreaRow | None:
    level = LEVELS.get(row["geographic_level"].strip())
    if level == "national":
        return AreaRow(
            row["country_code"] or ENGLAND, "", row.get("country_name") or "England", level, ""
        )
    if level == "regional":
        return AreaRow(row["region_code"], "", row.get("region_name", ""), level, "")
    if level == "la":
        return AreaRow(
            row["new_la_code"],
            row.get("old_la_code", ""),
            row.get("la_name", ""),
            level,
            row["region_code"],
        )
    return None


def _is_total(row: dict[str, str]) -> bool:
    """The "All …" row of a file broken down by topic (its topic is its breakdown)."""
    topic = row.get("breakdown_topic")
    return topic is None or topic == row.get("breakdown")


def _year(name: str, guidance: str) -> int | None:
    found = re.search(r"Reporting year (\d{4})", guidance) or re.search(r"(\d{4})", name)
    return int(found.group(1)) if found else None


def _licence(guidance: str) -> str:
    sentence = next(
        (s.strip() for s in re.split(r"(?<=\.)\s+", guidance) if "Open Government Licen" in s),
        "",
    )
    return f"{sentence} {OGL}".strip()


def read_release(path: Path) -> Release:
    """Every curated measure's "All …" figures in the release zip at ``path``."""
    problems: list[str] = []
    name = path.name
    try:
        content = path.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError) as error:
        # RuntimeError covers NotImplementedError ("zip file version 6.4": a damaged header)
        raise ReadFailed(name, [f"not a readable zip file ({error})"]) from error
    members = {PurePosixPath(m).name: m for m in archive.namelist() if not m.endswith("/")}
    guidance = ""
    if "data-guidance.txt" in members:
        guidance = archive.read(members["data-guidance.txt"]).decode("utf-8-sig", "replace")
    else:
        problems.append("no data-guidance.txt: is this a DfE statistics release?")
    year = _year(name, guidance)
    if year is None:
        problems.append("cannot tell the reporting year (no 'Reporting year' in the guidance)")
    release = Release(name, year or 0, hashlib.sha256(content).hexdigest(), _licence(guidance))
    wanted: dict[str, list[tuple[str, str]]] = {}
    for measure in MEASURES.values():
        for source in measure.sources:
            if source.file in members:
                wanted.setdefault(source.file, []).append((measure.id, source.column))
    if not wanted:
        problems.append(
            "none of the files Senda reads is in it ("
            + ", ".join(sorted({s.file for m in MEASURES.values() for s in m.sources}))
            + ")"
        )
    seen: set[tuple[str, str, str]] = set()
    for file, columns in sorted(wanted.items()):
        reader = csv.DictReader(
            io.TextIOWrapper(io.BytesIO(archive.read(members[file])), "utf-8-sig", newline="")
        )
        fields = set(reader.fieldnames or ())
        missing = [c for c in (*REQUIRED, *(col for _, col in columns)) if c not in fields]
        if missing:
            problems.append(f"{file}: no column {', '.join(missing)}")
            continue
        for line, row in enumerate(reader, start=2):
            if not _is_total(row):
                continue
            area = _area(row)
            if area is None or not area.code:
                if area is not None:
                    problems.append(f"{file} line {line}: no area code")
                continue
            release.areas.setdefault(area.code, area)
            period = row["time_period"].strip()
            for measure_id, column in columns:
                key = (measure_id, period, area.code)
                raw = row[column] or ""
                try:
                    value = number(raw)
                except ValueError as error:
                    problems.append(f"{file} line {line}, {column}: {error}")
                    continue
                if key in seen:
                    problems.append(
                        f"{file} line {line}: a second {measure_id} for {area.code} in {period}"
                    )
                    continue
                seen.add(key)
                release.figures.append(
                    Figure(measure_id, period, area.code, raw, value, f"{file}:{column}")
                )
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise ReadFailed(name, problems[:MAX_PROBLEMS])
    return release


def zips_at(path: Path) -> list[Path]:
    """The release zips at ``path``: the file itself, or every ``*.zip`` in a folder."""
    if path.is_dir():
        return sorted(path.glob("*.zip"))
    return [path]
