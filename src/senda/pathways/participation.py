"""Reading the council's monthly participation extract (a CCIS-style CSV or XLSX): which
column holds each field, and each cell checked. Pure Python (``senda.sheets`` reads the
file; ``participation_import`` matches the rows to children and writes them).

A row is one young person in the month: the council's reference for them (required), their
UPN (optional), given and family name (needed when there is no UPN), date of birth
(required), SEND status (required: EHC plan, SEN support, or none — a row without SEND is
not kept), the NCCIS current activity code (required) and, optionally, when the activity
started. Columns are found by their headings: the mapping given (field → the file's
heading, ``--map``) or the usual names in :data:`HEADINGS`. Every problem is collected with
its row, column and heading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from senda.pathways import activities
from senda.pathways.extract import parse_date
from senda.people.identifiers import upn_is_valid
from senda.sheets import Cell, Problem, Sheet, column_letter, columns_by_heading, plain_words

__all__ = ["FIELDS", "HEADINGS", "LABELS", "REQUIRED", "Row", "find_columns", "parse_rows"]

FIELDS = (
    "person_ref",
    "upn",
    "given_name",
    "family_name",
    "date_of_birth",
    "send",
    "activity",
    "activity_start",
)
REQUIRED = ("person_ref", "date_of_birth", "send", "activity")
HEADINGS: dict[str, tuple[str, ...]] = {
    "person_ref": ("young person id", "ccis id", "person id", "yp id", "client id", "id"),
    "upn": ("upn", "unique pupil number"),
    "given_name": ("forename", "first name", "given name", "forenames"),
    "family_name": ("surname", "last name", "family name"),
    "date_of_birth": ("date of birth", "dob", "birth date"),
    "send": ("send", "send status", "sen status", "sen", "sen support or ehcp"),
    "activity": ("activity code", "current activity code", "current activity", "activity"),
    "activity_start": ("activity start date", "activity start", "start date"),
}
LABELS = {
    "person_ref": "Young person's reference",
    "upn": "UPN",
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "send": "SEND status",
    "activity": "Activity code",
    "activity_start": "Activity start date",
}
#: Words for the SEND status (compared without case or punctuation); "" is no SEND.
SEND_WORDS = {
    "ehcp": "ehcp",
    "ehc plan": "ehcp",
    "e": "ehcp",
    "ehc": "ehcp",
    "statement": "ehcp",
    "sen support": "sen_support",
    "sen": "sen_support",
    "k": "sen_support",
    "s": "sen_support",
    "n": "",
    "no": "",
    "none": "",
    "no sen": "",
}


@dataclass(slots=True)
class Row:
    """One row of the extract of a young person with SEND, read (not yet matched)."""

    number: int
    person_ref: str
    date_of_birth: date
    send: str
    activity: str
    upn: str = ""
    given_name: str = ""
    family_name: str = ""
    activity_start: date | None = None


def find_columns(
    header: list[Cell], mapping: Mapping[str, str], number: int, sheet: str
) -> tuple[dict[str, int], list[Problem]]:
    found, problems = columns_by_heading(
        header,
        mapping,
        number,
        sheet,
        fields=FIELDS,
        headings=HEADINGS,
        labels=LABELS,
        required=REQUIRED,
    )
    if not problems and "upn" not in found and not {"given_name", "family_name"} <= set(found):
        message = "No column for the UPN, nor for given and family name: rows cannot be matched."
        problems.append(Problem(number, "", message, sheet=sheet))
    return found, problems


def _date(cell: Cell) -> date:
    if isinstance(cell, date):
        return cell
    try:
        return date.fromisoformat(cell)  # the usual case, at C speed
    except ValueError:
        return parse_date(cell)


def parse_rows(
    sheet: Sheet, mapping: Mapping[str, str], month: date, today: date
) -> tuple[list[Row], int, list[Problem]]:
    """The rows of young people with SEND in ``sheet``, the number of data rows, and every
    problem found (all three, always). ``month``: the extract's month (its first day)."""
    rows_in = [(n, cells) for n, cells in sheet.rows if any(c != "" for c in cells)]
    header_number, header = rows_in[0]
    columns, problems = find_columns(header, mapping, header_number, sheet.name)
    if problems:
        return [], 0, problems
    if len(rows_in) == 1:
        return [], 0, [Problem(header_number, "", "The extract has no rows under its headings.")]
    headings = {name: str(header[i]) if i < len(header) else "" for name, i in columns.items()}
    letters = {name: column_letter(i) for name, i in columns.items()}
    order = [(name, columns[name]) for name in FIELDS if name in columns]
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, cells in rows_in[1:]:

        def problem(name: str, message: str, number: int = number) -> None:
            problems.append(Problem(number, letters[name], message, headings[name], sheet.name))

        before = len(problems)
        values: dict[str, Cell] = {}
        width = len(cells)
        for name, index in order:
            raw = cells[index] if index < width else ""
            text = raw if isinstance(raw, date) else raw.strip()
            if text == "":
                if name in REQUIRED:
                    problem(name, f"{LABELS[name]} is empty: every row needs it.")
                continue
            if isinstance(text, str) and text[0] in "=+@":
                problem(name, "starts like a formula: export values, not formulas.")
                continue
            values[name] = text
        ref = str(values.get("person_ref", ""))[:40]
        if ref:
            first = seen.setdefault(ref, number)
            if first != number:
                problem("person_ref", f"Repeats the young person of row {first}.")
        send: str | None = ""
        if "send" in values:
            send = SEND_WORDS.get(plain_words(str(values["send"])))
            if send is None:
                text = str(values["send"])[:40]
                problem("send", f"{text!r} is not one of: EHCP, SEN support, N.")
            elif not send and len(problems) == before:
                continue  # no SEND: not kept
        born = today
        if "date_of_birth" in values:
            try:
                born = _date(values["date_of_birth"])
            except ValueError as error:
                problem("date_of_birth", str(error))
            else:
                if born > today:
                    problem("date_of_birth", f"{born:%d/%m/%Y} is in the future.")
                elif activities.academic_age(activities.cohort(born), month) > 25:
                    problem("date_of_birth", "The young person is over 25 in the extract's month.")
        code = str(values.get("activity", ""))
        if code and not activities.valid(code):
            problem("activity", f"{code[:40]!r} is not an NCCIS activity code (three digits).")
        started: date | None = None
        if "activity_start" in values:
            try:
                started = _date(values["activity_start"])
            except ValueError as error:
                problem("activity_start", str(error))
            else:
                if started > today:
                    problem("activity_start", f"{started:%d/%m/%Y} is in the future.")
        upn = str(values.get("upn", "")).upper()
        if upn and not upn_is_valid(upn):
            problem("upn", "is not a 13-character UPN whose check letter is correct.")
        given, family = str(values.get("given_name", "")), str(values.get("family_name", ""))
        if not upn and not (given and family):
            where = "upn" if "upn" in columns else "family_name"
            problem(where, "Needs a UPN, or a given and a family name, to be matched.")
        if len(problems) > before or not send:
            continue
        rows.append(Row(number, ref, born, send, code, upn, given, family, started))
    return rows, len(rows_in) - 1, problems
