"""COLLECT's SEN2 "Blade export": one CSV file per module, rows joined by table ids, read
into the same shape as the XML reader gives (a header and persons, each with findings).

    reading = read_folder(Path("export/"))        # or a .zip of the files
    reading.header, list(reading.persons())

The files are named ``Blade-Export_<DD-MM-YYYY>_<module>.csv`` (any name ending in
``_<module>.csv`` or ``<module>.csv`` is read). Columns as docs/sen2.md §5 (from
MastodonC/witan.sen2's readers, WITAN-CSV): each module has ``<module>tableid`` and its
parent's ``…tableid``; ``person`` hangs from ``sen2``, ``requests`` from ``person``,
``assessment`` and ``activeplans`` from ``requests``, ``namedplan`` from ``assessment``,
``plandetail`` from ``namedplan``, ``placementdetail`` and ``senneed`` from ``activeplans``.
Dates are COLLECT's ``2022-Sep-28 00:00:00`` or ISO ``2022-09-28``; flags ``true/false``,
``1/0``, ``Y/N``. Both layouts are read: before v1.2 (``gendercurrent``; ``res``/``wbp`` on
``activeplans``) and after (``sex``; ``res``/``wbp`` on ``placementdetail``).

A file that cannot be read as the export (not UTF-8, a module or a key column missing, no
header row, a zip too big) raises ``Unreadable``; a bad value is a finding on its person,
naming the element as the XML names it. Pure: no Django.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from senda.interchange.sen2.findings import Finding, Unreadable
from senda.interchange.sen2.records import (
    ActivePlan,
    Assessment,
    Header,
    NamedPlan,
    Need,
    Person,
    Placement,
    PlanSetting,
    Request,
)

#: Each module: its parent module (None: the header) and the columns that must be there.
MODULES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "sen2": (None, ("collection", "year", "referencedate", "lea")),
    "person": ("sen2", ("surname", "forename", "personbirthdate")),
    "requests": ("person", ("receiveddate",)),
    "assessment": ("requests", ("assessmentoutcome",)),
    "namedplan": ("assessment", ("startdate",)),
    "plandetail": ("namedplan", ()),
    "activeplans": ("requests", ()),
    "placementdetail": ("activeplans", ()),
    "senneed": ("activeplans", ("sentype",)),
}
#: A module's file may be missing when nobody in the return has that module.
REQUIRED_MODULES = ("sen2", "person")
#: Limits on what is read: a value's length, a zip's size and number of files.
MAX_VALUE = 10_000
MAX_ZIP_BYTES = 512 * 1024 * 1024
MAX_ZIP_FILES = 100
MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES.split(), 1)}
COLLECT_DATE = re.compile(r"^(\d{4})-([A-Za-z]{3})-(\d{1,2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
TRUE = frozenset({"true", "1", "y", "yes"})
FALSE = frozenset({"false", "0", "n", "no"})
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
RULE = "CSV"


def shown(value: str) -> str:
    """A value safe to echo in a message: control characters as ``?``, at most 40 long."""
    text = CONTROL.sub("?", value)
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


@dataclass
class Row:
    """One CSV row: its module, line number and values by lower-case column."""

    module: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    @property
    def id(self) -> str:
        return self.get(f"{self.module}tableid")

    @property
    def order(self) -> tuple[int, int]:
        seq = self.get(f"{self.module}orderseqcolumn")
        return (int(seq) if seq.isdigit() and len(seq) < 10 else 0, self.line)


@dataclass
class Values:
    """Parses one row's values for one person, gathering a finding for each bad one."""

    position: int
    upn: str
    findings: list[Finding] = field(default_factory=list)

    def bad(self, element: str, message: str) -> None:
        self.findings.append(Finding(RULE, "error", self.position, self.upn, element, message))

    def text(self, row: Row, column: str, element: str) -> str:
        value = row.get(column)
        if len(value) > MAX_VALUE:
            self.bad(element, f"is {len(value):,} characters long: at most {MAX_VALUE:,}.")
            return ""
        if CONTROL.search(value):
            self.bad(element, f"{shown(value)} holds control characters: remove them.")
            return CONTROL.sub("", value)
        return value

    def date(self, row: Row, column: str, element: str) -> date | None:
        value = row.get(column)
        if not value:
            return None
        found = parse_date(value)
        if found is None:
            self.bad(
                element,
                f"{shown(value)} is not a date: write it as 2025-09-28 or 2025-Sep-28 00:00:00.",
            )
        return found

    def flag(self, row: Row, column: str, element: str) -> bool | None:
        value = row.get(column).lower()
        if not value:
            return None
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        self.bad(element, f"{shown(value)} is not true or false (or 1 or 0).")
        return None

    def number(self, row: Row, column: str, element: str) -> int | None:
        value = row.get(column)
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > 4:
            self.bad(element, f"{shown(value)} is not a small whole number.")
            return None
        return int(value)


def parse_date(value: str) -> date | None:
    """A date from COLLECT's ``2022-Sep-28 00:00:00`` or ISO ``2022-09-28[T00:00:00]``."""
    try:
        if match := COLLECT_DATE.match(value):
            month = MONTHS.get(match.group(2).lower())
            if month is None:
                return None
            return date(int(match.group(1)), month, int(match.group(3)))
        if match := ISO_DATE.match(value):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def _module_of(name: str) -> str | None:
    stem = Path(name).stem.lower()
    module = stem.rsplit("_", 1)[-1].replace("-", "")
    return module if module in MODULES else None


def _files(path: Path) -> dict[str, tuple[str, bytes]]:
    """Each module's file name and bytes, from a folder or a zip file."""
    found: dict[str, tuple[str, bytes]] = {}

    def add(name: str, data: bytes) -> None:
        module = _module_of(name)
        if module is None:
            return
        if module in found:
            raise Unreadable(
                f"Two files hold the {module} module ({found[module][0]} and {name}): "
                "keep one export."
            )
        found[module] = (name, data)

    if path.is_dir():
        for file in sorted(path.iterdir()):
            if file.is_file() and file.suffix.lower() == ".csv":
                add(file.name, file.read_bytes())
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
            if len(members) > MAX_ZIP_FILES:
                raise Unreadable(f"The zip file holds {len(members)} CSV files: too many.")
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                raise Unreadable("The zip file's CSV files are too big (over 512 MB unzipped).")
            for member in members:
                with archive.open(member) as stream:
                    data = stream.read(MAX_ZIP_BYTES + 1)
                if len(data) > MAX_ZIP_BYTES:
                    raise Unreadable("The zip file's CSV files are too big (over 512 MB).")
                add(Path(member.filename).name, data)
    elif path.is_file():
        raise Unreadable(
            f"{path.name} is neither SEN2 XML nor a folder or zip of COLLECT's module CSVs."
        )
    else:
        raise Unreadable(f"No such file or folder: {path.name}")
    missing = [m for m in REQUIRED_MODULES if m not in found]
    if missing:
        raise Unreadable(
            f"No {' or '.join(missing)} module file found: COLLECT's export has files "
            "named like Blade-Export_31-03-2026_person.csv."
        )
    return found


def _rows(module: str, name: str, data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"{name} is not UTF-8 text (a byte at position {error.start} is not): save it "
            "as 'CSV UTF-8' and import again."
        ) from None
    parent, required = MODULES[module]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        head = next(reader, None)
        if head is None:
            raise Unreadable(f"{name} is empty: it needs a header row.")
        columns = [CONTROL.sub("", c).strip().lower() for c in head]
        keys = [f"{module}tableid", *([f"{parent}tableid"] if parent else []), *required]
        absent = [k for k in keys if k not in columns]
        if absent:
            raise Unreadable(f"{name} has no column {', '.join(absent)}: is it COLLECT's export?")
        rows: list[Row] = []
        for line, cells in enumerate(reader, 2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                raise Unreadable(
                    f"{name} line {line} has {len(cells)} values for {len(columns)} columns."
                )
            rows.append(Row(module, line, dict(zip(columns, cells, strict=False))))
    except csv.Error as error:
        raise Unreadable(f"{name} is not a readable CSV file: {error}.") from None
    return rows


def _header(rows: list[Row], name: str) -> Header:
    if len(rows) != 1:
        raise Unreadable(f"{name} should hold one row (the return's header); it has {len(rows)}.")
    row = rows[0]
    values = Values(0, "")
    year = values.number(row, "year", "Header/Year")
    reference = values.date(row, "referencedate", "Header/ReferenceDate")
    serial = values.number(row, "serialno", "Header/SerialNo")
    made = values.date(row, "datetime", "Header/DateTime")
    if values.findings or year is None or reference is None:
        problems = "; ".join(f"{f.element} {f.message}" for f in values.findings)
        raise Unreadable(f"{name}: the header needs a year and a reference date. {problems}")
    return Header(
        collection=values.text(row, "collection", "Header/Collection"),
        year=year,
        reference_date=reference,
        la=values.text(row, "lea", "Header/LEA"),
        software_code=values.text(row, "softwarecode", "Header/SoftwareCode"),
        release=values.text(row, "release", "Header/Release"),
        serial_no=serial or 1,
        made_at=datetime(made.year, made.month, made.day) if made else None,
        source_level=values.text(row, "sourcelevel", "Header/SourceLevel") or "L",
        dmo=values.text(row, "dmo", "Header/DMO"),
        dco=values.text(row, "dco", "Header/DCO"),
    )


@dataclass
class Reading:
    """The export read: ``header``, ``persons()`` and ``file_findings`` (rows that belong
    to no person), as ``xml_read.Reading``."""

    header: Header
    found: list[tuple[Person, list[Finding]]]
    file_findings: list[Finding] = field(default_factory=list)

    def persons(self) -> Iterator[tuple[Person, list[Finding]]]:
        yield from self.found


def read_folder(path: Path) -> Reading:
    """Read COLLECT's module CSVs in the folder or zip file ``path``."""
    files = _files(Path(path))
    rows = {module: _rows(module, *files[module]) for module in files}
    header = _header(rows["sen2"], files["sen2"][0])
    children: dict[tuple[str, str], list[Row]] = {}
    orphans: list[Finding] = []
    known: dict[str, set[str]] = {m: {r.id for r in rows.get(m, [])} for m in MODULES}
    for module, (parent, _) in MODULES.items():
        if parent is None or parent == "sen2":
            continue
        for row in rows.get(module, []):
            parent_id = row.get(f"{parent}tableid")
            if parent_id not in known[parent]:
                orphans.append(
                    Finding(
                        RULE,
                        "error",
                        0,
                        "",
                        f"{files[module][0]} line {row.line}",
                        f"{parent}tableid {shown(parent_id)} is not a row of the {parent} "
                        "module: the files are not one export.",
                    )
                )
                continue
            children.setdefault((module, parent_id), []).append(row)
    for group in children.values():
        group.sort(key=lambda r: r.order)
    found = []
    for position, row in enumerate(sorted(rows["person"], key=lambda r: r.order), 1):
        found.append(_person(position, row, children))
    return Reading(header, found, orphans)


def _one(children: list[Row], values: Values, element: str) -> Row | None:
    if len(children) > 1:
        values.bad(element, f"appears {len(children)} times: at most once.")
    return children[0] if children else None


def _person(
    position: int, row: Row, children: dict[tuple[str, str], list[Row]]
) -> tuple[Person, list[Finding]]:
    upn = CONTROL.sub("", row.get("upn"))[:13]
    v = Values(position, upn)

    def under(module: str, parent: Row) -> list[Row]:
        return children.get((module, parent.id), [])

    requests = []
    for n, req in enumerate(under("requests", row), 1):
        at = f"Requests[{n}]"
        assessment = None
        if (a := _one(under("assessment", req), v, f"{at}/Assessment")) is not None:
            named = None
            if (p := _one(under("namedplan", a), v, f"{at}/Assessment/NamedPlan")) is not None:
                pat = f"{at}/Assessment/NamedPlan"
                named = NamedPlan(
                    start_date=v.date(p, "startdate", f"{pat}/StartDate"),
                    residential=v.text(p, "planres", f"{pat}/PlanRes").upper(),
                    work_based=v.flag(p, "planwbp", f"{pat}/PlanWBP"),
                    personal_budget=v.flag(p, "pb", f"{pat}/PB"),
                    organised_arrangements=v.flag(p, "oa", f"{pat}/OA"),
                    direct_payments=v.flag(p, "dp", f"{pat}/DP"),
                    cease_date=v.date(p, "ceasedate", f"{pat}/CeaseDate"),
                    cease_reason=v.number(p, "ceasereason", f"{pat}/CeaseReason"),
                    named_settings=tuple(
                        _setting(v, d, f"{pat}/PlanDetail[{i}]")
                        for i, d in enumerate(under("plandetail", p), 1)
                    ),
                )
            aat = f"{at}/Assessment"
            assessment = Assessment(
                outcome=v.text(a, "assessmentoutcome", f"{aat}/AssessmentOutcome").upper(),
                outcome_date=v.date(a, "assessmentoutcomedate", f"{aat}/AssessmentOutcomeDate"),
                mediation=v.flag(a, "assessmentmediation", f"{aat}/AssessmentMediation"),
                tribunal=v.flag(a, "assessmenttribunal", f"{aat}/AssessmentTribunal"),
                other_mediation=v.flag(a, "othermediation", f"{aat}/OtherMediation"),
                other_tribunal=v.flag(a, "othertribunal", f"{aat}/OtherTribunal"),
                week20=v.flag(a, "week20", f"{aat}/Week20"),
                named_plan=named,
            )
        active = None
        if (ap := _one(under("activeplans", req), v, f"{at}/ActivePlans")) is not None:
            pat = f"{at}/ActivePlans"
            old_res = v.text(ap, "res", f"{pat}/RES").upper()  # before v1.2
            old_wbp = v.flag(ap, "wbp", f"{pat}/WBP")
            placements = []
            for i, d in enumerate(under("placementdetail", ap), 1):
                dat = f"{pat}/PlacementDetail[{i}]"
                placements.append(
                    Placement(
                        **vars(_setting(v, d, dat)),
                        entry_date=v.date(d, "entrydate", f"{dat}/EntryDate"),
                        leaving_date=v.date(d, "leavingdate", f"{dat}/LeavingDate"),
                        residential=v.text(d, "res", f"{dat}/RES").upper() or old_res,
                        work_based=v.flag(d, "wbp", f"{dat}/WBP") if "wbp" in d.values else old_wbp,
                    )
                )
            needs = tuple(
                Need(
                    sen_type=v.text(d, "sentype", f"{pat}/SENneed[{i}]/SENtype").upper(),
                    rank=v.number(d, "sentyperank", f"{pat}/SENneed[{i}]/SENtypeRank"),
                )
                for i, d in enumerate(under("senneed", ap), 1)
            )
            transfer = v.text(ap, "transferla", f"{pat}/TransferLA")
            active = ActivePlan(
                transfer_la="" if transfer.lower() in FALSE else transfer,
                review_meeting=v.date(ap, "reviewmeeting", f"{pat}/ReviewMeeting"),
                review_outcome=v.text(ap, "reviewoutcome", f"{pat}/ReviewOutcome").upper(),
                last_review=v.date(ap, "lastreview", f"{pat}/LastReview"),
                placements=tuple(placements),
                needs=needs,
            )
        requests.append(
            Request(
                received_date=v.date(req, "receiveddate", f"{at}/ReceivedDate"),
                source=v.number(req, "requestsource", f"{at}/RequestSource"),
                rya=v.flag(req, "rya", f"{at}/RYA"),
                outcome=v.text(req, "requestoutcome", f"{at}/RequestOutcome").upper(),
                outcome_date=v.date(req, "requestoutcomedate", f"{at}/RequestOutcomeDate"),
                mediation=v.flag(req, "requestmediation", f"{at}/RequestMediation"),
                tribunal=v.flag(req, "requesttribunal", f"{at}/RequestTribunal"),
                exported=v.flag(req, "exported", f"{at}/Exported"),
                assessment=assessment,
                active_plan=active,
            )
        )
    person = Person(
        surname=v.text(row, "surname", "Surname"),
        forename=v.text(row, "forename", "Forename"),
        birth_date=v.date(row, "personbirthdate", "PersonBirthDate"),
        sex=(v.text(row, "sex", "Sex") or v.text(row, "gendercurrent", "Sex")).upper(),
        ethnicity=v.text(row, "ethnicity", "Ethnicity").upper(),
        postcode=v.text(row, "postcode", "Postcode").upper(),
        upn=v.text(row, "upn", "UPN").upper(),
        uln=v.text(row, "uniquelearnernumber", "UniqueLearnerNumber"),
        upn_unknown=v.text(row, "upnunknown", "UPNunknown").upper(),
        requests=tuple(requests),
        position=position,
    )
    return person, v.findings


def _setting(v: Values, row: Row, at: str) -> PlanSetting:
    return PlanSetting(
        urn=v.text(row, "urn", f"{at}/URN"),
        ukprn=v.text(row, "ukprn", f"{at}/UKPRN"),
        setting_code=v.text(row, "sensetting", f"{at}/SENsetting").upper(),
        setting_other=v.text(row, "sensettingother", f"{at}/SENsettingOther"),
        rank=v.number(row, "placementrank", f"{at}/PlacementRank"),
        sen_unit=v.flag(row, "senunitindicator", f"{at}/SENunitIndicator"),
        resourced_provision=v.flag(
            row, "resourcedprovisionindicator", f"{at}/ResourcedProvisionIndicator"
        ),
    )
