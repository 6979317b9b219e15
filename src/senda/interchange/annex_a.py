"""Ofsted and CQC's Annex A child-level lists for an area SEND inspection, built from
Senda's records for one local area, with Senda's own checks on them, written as XLSX in
the published layout (one sheet a list, the published headers in order) and a "Checks"
sheet.

    from senda.interchange import annex_a
    lists = annex_a.build(la, today)            # List 1 (EHC plans), List 2 (SEN support)
    findings = annex_a.annex_a_checks(lists, today)
    data = annex_a.workbook(lists, findings)    # XLSX bytes, formulas neutralised

The layout is the one Data to Insight's Annex A SEND validator reads (its column names are
those of Ofsted's template); ``docs/annex-a.md`` says where each column comes from, how
sure that is, and which columns Senda does not hold. A row is one child; its ``Unique ID``
is Senda's child id, never a name. No list carries a name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Q

from senda import exports
from senda.casework.models import Placement, Plan
from senda.people.identifiers import uln_is_valid, upn_problem, validate_urn
from senda.people.models import Child, LocalAuthority, Setting

#: How a finding weighs: ``error`` (the list is wrong) or ``query`` (check it is right).
ERROR, QUERY = "error", "query"
#: Dates in the published lists are written DD/MM/YYYY.
DATE_FORMAT = "DD/MM/YYYY"
YES, NO = "a) Yes", "b) No"

GENDERS = {"M": "a) Male", "F": "b) Female", "U": "c) Not known"}
GENDER_CHOICES = (*GENDERS.values(), "d) Not specified")

#: DfE common basic data set ethnicity codes, lettered as Ofsted's template lists them.
ETHNICITY_CODES = (
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
)
ETHNICITIES = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(ETHNICITY_CODES)}

#: SEN2's primary need codes as Ofsted's template letters them (Down syndrome, DS, came
#: into SEN2 in 2025 and is not in the template's list: a check says so).
NEED_CODES = (
    "SPLD",
    "MLD",
    "SLD",
    "PMLD",
    "SEMH",
    "SLCN",
    "HI",
    "VI",
    "MSI",
    "PD",
    "ASD",
    "OTH",
)
NEEDS = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(NEED_CODES)}

PHASES = (
    "a) Nursery",
    "b) Primary",
    "c) Middle (deemed primary)",
    "d) Middle (deemed secondary)",
    "e) Secondary",
    "f) All-through",
    "g) Special",
    "h) Pupil referral unit/Alternative provision",
    "i) FE college",
)

# Column names, exactly as published (note the en dash in "establishment – URN").
UNIQUE_ID = "Unique ID"
UPN = "UPN"
ULN = "ULN"
DOB = "Date of birth"
GENDER = "Gender"
ETHNICITY = "Ethnicity"
INITIAL = "Date initial EHC plan issued"
UPDATED = "Date updated EHC plan issued"
REVIEWED = "Date EHC plan last reviewed"
NEED = "SEN primary need"
MAIN_URN = "Main education establishment – URN"
MAIN_PHASE = "Main education establishment – phase"
SUB_PHASE = "Subsidiary education establishment – phase (dual registration)"
EHE = "Elective home education"
SUSPENSIONS = "Suspensions"
EXCLUSIONS = "Permanent exclusions"
ABSENCE = "Absence"
PUPIL_PREMIUM = "Pupil Premium"
KNOWN_CSC = "Known to children's social care?"
CSC_TEAM = "Which children's social care team?"
DISABILITY = "Does the child or young person have a disability?"


@dataclass(frozen=True)
class Column:
    """One published column: its ``name``, what it holds (``kind``: text, date, choice,
    count, percent, id), whether it must be filled (``required``), the values it allows
    (``choices``) and whether Senda holds it (``held``; if not, the list leaves it blank
    and one finding says where to fill it from)."""

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    held: bool = True
    fill_from: str = ""


_YES_NO = (YES, NO)
_NOT_HELD_SCHOOL = "the school census or your education management system"

LIST_1_COLUMNS = (
    Column(UNIQUE_ID, "id", required=True),
    Column(UPN, "upn"),
    Column(ULN, "uln"),
    Column(DOB, "date", required=True),
    Column(GENDER, "choice", required=True, choices=GENDER_CHOICES),
    Column(ETHNICITY, "choice", required=True, choices=tuple(ETHNICITIES.values())),
    Column(INITIAL, "date", required=True),
    Column(UPDATED, "date"),
    Column(REVIEWED, "date"),
    Column(NEED, "choice", required=True, choices=tuple(NEEDS.values())),
    Column(MAIN_URN, "urn"),
    Column(MAIN_PHASE, "choice", choices=PHASES),
    Column(SUB_PHASE, "choice", choices=PHASES),
    Column(EHE, "choice", choices=_YES_NO),
    Column(SUSPENSIONS, "count", held=False, fill_from=_NOT_HELD_SCHOOL),
    Column(EXCLUSIONS, "count", held=False, fill_from=_NOT_HELD_SCHOOL),
    Column(ABSENCE, "percent", held=False, fill_from=_NOT_HELD_SCHOOL),
    Column(PUPIL_PREMIUM, "choice", choices=_YES_NO, held=False, fill_from=_NOT_HELD_SCHOOL),
    Column(
        KNOWN_CSC,
        "choice",
        choices=_YES_NO,
        held=False,
        fill_from="the children's social care system",
    ),
    Column(CSC_TEAM, held=False, fill_from="the children's social care system"),
    Column(
        DISABILITY,
        "choice",
        required=True,
        choices=_YES_NO,
        held=False,
        fill_from="the disabled children's register or health records",
    ),
)
#: List 2 (SEN support) has List 1's columns less the plan dates and elective home
#: education.
LIST_2_COLUMNS = tuple(
    column for column in LIST_1_COLUMNS if column.name not in {INITIAL, UPDATED, REVIEWED, EHE}
)


@dataclass
class AnnexList:
    """One list: its ``key`` (``List 1``), sheet name, what it lists, its columns in the
    published order and its rows (column name → value; a date is a ``date``). ``note``
    says what Senda cannot put in it."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    @property
    def sheet(self) -> str:
        return self.key

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]


@dataclass(frozen=True)
class Finding:
    """One problem: the list (``List 1``), the spreadsheet row (the headers are row 1, so
    the first child is row 2; None for the whole list), the column, the child's Unique ID
    (never a name), a plain-English message and its ``level`` (error or query)."""

    list: str
    row: int | None
    column: str
    message: str
    unique_id: str = ""
    level: str = ERROR


# --- Building the lists -------------------------------------------------------------


def phase_of(setting: Setting | None) -> str:
    """Ofsted's phase for a Senda setting ('' when there is none to give). A school sixth
    form or 16–19 school counts as secondary: the template has no post-16 school phase."""
    if setting is None:
        return ""
    if setting.type in (Setting.Type.SPECIAL, Setting.Type.INDEPENDENT_SPECIAL):
        return PHASES[6]
    if setting.phase == Setting.Phase.SPECIAL:
        return PHASES[6]
    if setting.type == Setting.Type.AP or setting.phase == Setting.Phase.AP:
        return PHASES[7]
    if setting.type == Setting.Type.FE_COLLEGE:
        return PHASES[8]
    if setting.type == Setting.Type.NURSERY or setting.phase == Setting.Phase.EARLY_YEARS:
        return PHASES[0]
    return {
        Setting.Phase.PRIMARY: PHASES[1],
        Setting.Phase.SECONDARY: PHASES[4],
        Setting.Phase.ALL_THROUGH: PHASES[5],
        Setting.Phase.POST16: PHASES[4],
    }.get(setting.phase, "")


def _current_placements(case_ids: Iterable[int], today: date) -> dict[int, list[Placement]]:
    """Each case's placements current ``today`` (entered, not left, not superseded), the
    main one (lowest rank) first."""
    found: dict[int, list[Placement]] = defaultdict(list)
    placements = (
        Placement.objects.filter(
            case_id__in=list(case_ids), superseded_on__isnull=True, entered_on__lte=today
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .select_related("setting")
        .order_by("case_id", "rank", "-entered_on", "id")
    )
    for placement in placements:
        found[placement.case_id].append(placement)
    return found


def _ehe(child: Child, placements: Sequence[Placement]) -> str:
    if child.elective_home_education or any(p.setting_code == "EHE" for p in placements):
        return YES
    if child.elective_home_education is False:
        return NO
    return ""


def list_1_rows(la: LocalAuthority, today: date) -> list[dict[str, Any]]:
    """List 1: every child with an EHC plan current ``today`` that ``la`` maintains, one
    row a child (the latest-starting plan when a child has more than one), ordered by
    Senda's child id. Three queries however many children."""
    plans = (
        Plan.objects.filter(case__la=la)
        .live(today)
        .select_related("case__child__setting")
        .annotate(last_reviewed=Max("reviews__meeting_on"))
        .order_by("case__child_id", "-issued_on", "-transferred_in_on", "-id")
    )
    latest: dict[int, Plan] = {}
    for plan in plans:
        latest.setdefault(plan.case.child_id, plan)
    firsts = dict(
        Plan.objects.filter(case__child_id__in=list(latest), issued_on__isnull=False)
        .values("case__child_id")
        .annotate(first=Min("issued_on"))
        .values_list("case__child_id", "first")
    )
    placements = _current_placements((plan.case_id for plan in latest.values()), today)
    rows = []
    for child_id in sorted(latest):
        plan = latest[child_id]
        child = plan.case.child
        current = placements.get(plan.case_id, [])
        with_setting = [p for p in current if p.setting is not None]
        main = with_setting[0].setting if with_setting else child.setting
        subsidiary = next(
            (p.setting for p in with_setting[1:] if p.setting_id != getattr(main, "pk", None)),
            None,
        )
        if current and current[0].setting is None:
            main = None  # educated other than at a setting (a SEN2 code): no URN, no phase
        rows.append(
            {
                UNIQUE_ID: str(child.pk),
                UPN: child.upn,
                ULN: child.uln,
                DOB: child.date_of_birth,
                GENDER: GENDERS.get(child.sex, ""),
                ETHNICITY: ETHNICITIES.get(child.ethnicity, child.ethnicity),
                INITIAL: firsts.get(child_id) or plan.issued_on or plan.transferred_in_on,
                UPDATED: plan.amended_on,
                REVIEWED: getattr(plan, "last_reviewed", None),
                NEED: NEEDS.get(child.primary_need, child.primary_need),
                MAIN_URN: main.urn if main is not None else "",
                MAIN_PHASE: phase_of(main),
                SUB_PHASE: phase_of(subsidiary),
                EHE: _ehe(child, current),
                **{column.name: "" for column in LIST_1_COLUMNS if not column.held},
            }
        )
    return rows


def build(la: LocalAuthority, today: date) -> list[AnnexList]:
    """The area's Annex A lists on ``today``, in the published order."""
    return [
        AnnexList(
            key="List 1",
            title="Children and young people with an EHC plan",
            columns=LIST_1_COLUMNS,
            rows=list_1_rows(la, today),
            note=(
                "Suspensions, permanent exclusions, absence, pupil premium, children's "
                "social care and disability are not held by Senda: fill them in before "
                "sending."
            ),
        ),
        AnnexList(
            key="List 2",
            title="Children and young people receiving SEN support",
            columns=LIST_2_COLUMNS,
            rows=[],
            note=(
                "Senda holds statutory casework, not the schools' SEN support registers: "
                "this list is left empty for the school census extract."
            ),
        ),
    ]


# --- Checks ---------------------------------------------------------------------------

_DMY = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_date(value: Any) -> date | None:
    """A cell's date: a date (or datetime) as it is, text as DD/MM/YYYY; None if it is
    neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DMY.match(value.strip()):
        try:
            return datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            return None
    return None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _cell_findings(
    annex: AnnexList, row: int, values: dict[str, Any], today: date, filled: set[str]
) -> list[Finding]:
    """Each cell on its own. A required column Senda does not hold is required of a row
    only once someone has filled it in on some row (``filled``)."""
    found: list[Finding] = []
    uid = str(values.get(UNIQUE_ID) or "")

    def add(column: str, message: str, level: str = ERROR) -> None:
        found.append(Finding(annex.key, row, column, message, uid, level))

    for column in annex.columns:
        value = values.get(column.name)
        if _blank(value):
            if column.required and (column.held or column.name in filled):
                add(column.name, f"{column.name} is blank: it must be filled in.")
            continue
        if column.kind == "date":
            when = as_date(value)
            if when is None:
                add(column.name, f"{column.name} is not a date ({DATE_FORMAT}).")
            elif when > today:
                add(column.name, f"{column.name} is in the future.", QUERY)
        elif column.kind == "choice" and value not in column.choices:
            if column.name == NEED and value == "DS":
                add(
                    column.name,
                    "Down syndrome (DS) is a SEN2 code since 2025 but not in the published "
                    "list of needs: agree with the inspectors how to show it.",
                    QUERY,
                )
            else:
                add(column.name, f"{column.name} is not one of the published values.")
        elif column.kind == "upn":
            problem = upn_problem(str(value))
            if problem:
                add(column.name, problem)
        elif column.kind == "uln" and not uln_is_valid(str(value)):
            add(column.name, "A ULN is 10 digits whose check digit is correct.")
        elif column.kind == "urn":
            try:
                validate_urn(str(value))
            except ValidationError as error:
                add(column.name, error.messages[0])
        elif column.kind in ("count", "percent"):
            number = value if isinstance(value, int | float) else None
            top = 100 if column.kind == "percent" else None
            if number is None or number < 0 or (top is not None and number > top):
                span = "0 to 100" if top else "a whole number, 0 or more"
                add(column.name, f"{column.name} must be {span}.")
    return found


def _row_rules(annex: AnnexList, row: int, values: dict[str, Any], today: date) -> list[Finding]:
    """Rules across a row's columns: dates in order, age, identifiers and education for
    the child's age (after Data to Insight's rules 102, 106, 107 and 108)."""
    found: list[Finding] = []
    uid = str(values.get(UNIQUE_ID) or "")

    def add(column: str, message: str, level: str = ERROR) -> None:
        found.append(Finding(annex.key, row, column, message, uid, level))

    names = set(annex.headers)
    if values.get(KNOWN_CSC) == YES and _blank(values.get(CSC_TEAM)):
        add(CSC_TEAM, "Known to children's social care, but no team is given.", QUERY)
    born = as_date(values.get(DOB))
    initial = as_date(values.get(INITIAL))
    for later_name in (UPDATED, REVIEWED):
        later = as_date(values.get(later_name))
        if later_name in names and initial and later and later < initial:
            add(later_name, f"{later_name} is before the date the initial EHC plan was issued.")
    if born and initial and initial < born:
        add(INITIAL, "The initial EHC plan was issued before the date of birth.")
    if born and born <= today:
        age = _age(born, today)
        if age >= 26:
            add(DOB, "The young person is 26 or over: a plan ends before 26.")
        elif age == 25:
            add(DOB, "The young person is 25: check the plan is still maintained.", QUERY)
        if age >= 6 and _blank(values.get(UPN)) and _blank(values.get(ULN)):
            add(UPN, "A child aged 6 or over has neither a UPN nor a ULN.", QUERY)
        if 5 <= age < 16 and _blank(values.get(MAIN_URN)):
            if _blank(values.get(SUB_PHASE)) and values.get(EHE) != YES:
                add(
                    MAIN_URN,
                    "A school-aged child (5 to 15) has no main education establishment.",
                    QUERY,
                )
            elif not _blank(values.get(SUB_PHASE)):
                add(MAIN_URN, "A subsidiary establishment is given but no main one.")
    return found


def _duplicates(annex: AnnexList) -> list[Finding]:
    found = []
    for name in (UNIQUE_ID, UPN, ULN):
        seen = Counter(
            str(values.get(name)) for values in annex.rows if not _blank(values.get(name))
        )
        for index, values in enumerate(annex.rows):
            value = values.get(name)
            if not _blank(value) and seen[str(value)] > 1:
                found.append(
                    Finding(
                        annex.key,
                        index + 2,
                        name,
                        f"{name} appears on {seen[str(value)]} rows: a child is listed once.",
                        str(values.get(UNIQUE_ID) or ""),
                    )
                )
    return found


def annex_a_checks(lists: Sequence[AnnexList], today: date) -> list[Finding]:
    """Senda's checks on the lists: required columns blank, dates invalid, in the future
    or out of order, identifiers invalid, values outside the published lists, duplicates,
    a child on both lists, and one finding for each column Senda does not hold. In list,
    row and column order."""
    found: list[Finding] = []
    for annex in lists:
        filled = {
            column.name
            for column in annex.columns
            if any(not _blank(values.get(column.name)) for values in annex.rows)
        }
        for column in annex.columns:
            if column.name == CSC_TEAM and KNOWN_CSC in filled:
                continue  # blank for every child not known to social care
            if not column.held and annex.rows and column.name not in filled:
                found.append(
                    Finding(
                        annex.key,
                        None,
                        column.name,
                        f"Senda does not hold “{column.name}”: fill it in from "
                        f"{column.fill_from} before sending.",
                        level=QUERY,
                    )
                )
        for index, values in enumerate(annex.rows):
            row = index + 2
            found += _cell_findings(annex, row, values, today, filled)
            found += _row_rules(annex, row, values, today)
        found += _duplicates(annex)
    if len(lists) >= 2:
        on_first = {str(v.get(UNIQUE_ID)) for v in lists[0].rows if not _blank(v.get(UNIQUE_ID))}
        for index, values in enumerate(lists[1].rows):
            if str(values.get(UNIQUE_ID)) in on_first:
                found.append(
                    Finding(
                        lists[1].key,
                        index + 2,
                        UNIQUE_ID,
                        f"This child is also on {lists[0].key}: a child with an EHC plan is "
                        "not on the SEN support list.",
                        str(values.get(UNIQUE_ID)),
                    )
                )
    order = {annex.key: n for n, annex in enumerate(lists)}
    return sorted(found, key=lambda f: (order.get(f.list, 99), f.row or 0))


# --- Writing --------------------------------------------------------------------------

CHECKS_HEAD = ["List", "Row", "Column", "Unique ID", "Level", "Message"]


def workbook(lists: Sequence[AnnexList], findings: Sequence[Finding]) -> bytes:
    """The lists as XLSX: one sheet a list, named and headed as published, dates shown
    DD/MM/YYYY, then a "Checks" sheet of the findings. Through ``senda.exports``, so no
    text cell can run as a formula."""
    book = exports.workbook()
    book.remove(book.active)
    for annex in lists:
        sheet = book.create_sheet(annex.sheet)
        sheet.append(annex.headers)
        for values in annex.rows:
            sheet.append([values.get(name) for name in annex.headers])
        for column_cells in sheet.iter_cols(min_row=2):
            for cell in column_cells:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
    checks = book.create_sheet("Checks")
    checks.append(CHECKS_HEAD)
    for finding in findings:
        checks.append(
            [
                finding.list,
                finding.row,
                finding.column,
                finding.unique_id,
                finding.level,
                finding.message,
            ]
        )
    return exports.xlsx(book)
