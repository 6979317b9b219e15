"""Reading the NHS provider's waiting-list extract: which column holds each field, and each
cell checked. Pure Python (``senda.sheets`` reads the file; ``extract_import`` matches the
rows to children and writes them).

A row is one referral: the provider's reference (optional), the child's NHS number and
date of birth (both required: a row is matched on both), the pathway and referral date
(required), and any of who referred, the school's URN, the triage decision with its date
and reason, the first assessment's date, the outcome with its date, and the date and
reason the child left the list. Columns are found by their headings: the mapping given
(field → the file's heading, ``--map``) or the usual names in :data:`HEADINGS`. Every
problem is collected with its row, column and heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from senda.pathways.steps import Fact, check
from senda.people.identifiers import nhs_number_is_valid
from senda.sheets import (
    MONTHS,
    Cell,
    Problem,
    Sheet,
    column_letter,
    columns_by_heading,
    plain_words,
)

__all__ = ["FIELDS", "HEADINGS", "REQUIRED", "Row", "parse_rows"]

FIELDS = (
    "provider_ref",
    "nhs_number",
    "date_of_birth",
    "pathway",
    "referred_on",
    "source",
    "school_urn",
    "triage",
    "triaged_on",
    "reject_reason",
    "assessed_on",
    "outcome_on",
    "outcome",
    "closed_on",
    "close_reason",
)
REQUIRED = ("nhs_number", "date_of_birth", "pathway", "referred_on")
HEADINGS: dict[str, tuple[str, ...]] = {
    "provider_ref": ("referral id", "referral reference", "referral ref", "provider reference"),
    "nhs_number": ("nhs number", "nhs no", "nhs no.", "nhs_number", "nhsno"),
    "date_of_birth": ("date of birth", "dob", "birth date"),
    "pathway": ("pathway", "waiting list", "service"),
    "referred_on": ("referral date", "date referred", "referral received", "referred"),
    "source": ("referral source", "source", "referred by", "referrer"),
    "school_urn": ("school urn", "setting urn", "urn"),
    "triage": ("triage outcome", "triage decision", "triage"),
    "triaged_on": ("triage date", "date triaged"),
    "reject_reason": ("rejection reason", "reject reason", "reason rejected"),
    "assessed_on": (
        "first assessment date",
        "first assessment",
        "assessment date",
        "first appointment",
    ),
    "outcome_on": ("outcome date", "diagnosis date"),
    "outcome": ("outcome", "diagnosis outcome", "diagnosis"),
    "closed_on": ("discharge date", "removed from list", "date removed", "closed"),
    "close_reason": ("discharge reason", "removal reason", "reason removed"),
}
LABELS = {
    "provider_ref": "Provider's referral reference",
    "nhs_number": "NHS number",
    "date_of_birth": "Date of birth",
    "pathway": "Pathway",
    "referred_on": "Referral date",
    "source": "Referral source",
    "school_urn": "School URN",
    "triage": "Triage decision",
    "triaged_on": "Triage date",
    "reject_reason": "Rejection reason",
    "assessed_on": "First assessment date",
    "outcome_on": "Outcome date",
    "outcome": "Outcome",
    "closed_on": "Date left the list",
    "close_reason": "Why the child left the list",
}
#: Words people write for each choice (compared without case, spaces or punctuation).
WORDS: dict[str, dict[str, str]] = {
    "pathway": {
        "autism": "autism",
        "asd": "autism",
        "asc": "autism",
        "autism assessment": "autism",
        "adhd": "adhd",
        "adhd assessment": "adhd",
        "salt": "salt",
        "slt": "salt",
        "speech and language therapy": "salt",
        "speech and language": "salt",
        "paediatrics": "paediatrics",
        "community paediatrics": "paediatrics",
        "camhs": "camhs",
    },
    "source": {
        "school": "school",
        "school or setting": "school",
        "setting": "school",
        "senco": "school",
        "gp": "gp",
        "health visitor": "health_visitor",
        "healthvisitor": "health_visitor",
        "parent": "parent",
        "parent or carer": "parent",
        "parentcarer": "parent",
        "parent carer": "parent",
        "self": "parent",
        "other": "other",
    },
    "triage": {
        "accepted": "accepted",
        "accept": "accepted",
        "yes": "accepted",
        "rejected": "rejected",
        "reject": "rejected",
        "declined": "rejected",
        "not accepted": "rejected",
        "no": "rejected",
    },
    "reject_reason": {
        "insufficient": "insufficient",
        "insufficient information": "insufficient",
        "not enough information": "insufficient",
        "no diagnosis": "no_diagnosis",
        "nodiagnosis": "no_diagnosis",
        "criteria": "criteria",
        "does not meet criteria": "criteria",
        "not meeting criteria": "criteria",
        "duplicate": "duplicate",
        "already referred": "duplicate",
        "other": "other",
    },
    "outcome": {
        "diagnosed": "diagnosed",
        "diagnosis given": "diagnosed",
        "not diagnosed": "not_diagnosed",
        "no diagnosis given": "not_diagnosed",
        "notdiagnosed": "not_diagnosed",
        "inconclusive": "inconclusive",
        "referred on": "referred_on",
        "referredon": "referred_on",
    },
    "close_reason": {
        "withdrawn": "withdrawn",
        "withdrawn by family": "withdrawn",
        "moved": "moved",
        "moved away": "moved",
        "moved out of area": "moved",
        "did not attend": "did_not_attend",
        "dna": "did_not_attend",
        "other": "other",
    },
}
DATES = ("date_of_birth", "referred_on", "triaged_on", "assessed_on", "outcome_on", "closed_on")
#: Which column a problem with a step's date is shown on.
STEP_COLUMN = {
    "referred": "referred_on",
    "accepted": "triaged_on",
    "rejected": "triaged_on",
    "assessed": "assessed_on",
    "outcome": "outcome_on",
    "closed": "closed_on",
}


@dataclass(slots=True)
class Row:
    """One row of the extract, read (the child not yet matched)."""

    number: int
    nhs_number: str
    date_of_birth: date
    pathway: str
    referred_on: date
    provider_ref: str = ""
    source: str = ""
    school_urn: str = ""
    facts: list[Fact] = field(default_factory=list)


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
    return found, problems


def parse_date(cell: Cell) -> date:
    """A date from a date cell or "2025-04-01", "01/04/2025", "1 Apr 2025", "1-Apr-25"."""
    if isinstance(cell, date):
        return cell
    text = cell.strip().lower()
    try:
        found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
        found = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        found = re.fullmatch(r"(\d{1,2})[\s\-/]+([a-z]+)[\s\-/]+(\d{2}|\d{4})", text)
        if found and found[2] in MONTHS:
            year = int(found[3])
            return date(year + 2000 if year < 100 else year, MONTHS[found[2]], int(found[1]))
    except ValueError:
        pass
    raise ValueError(f"{str(cell)[:40]!r} is not a date: write it as 2025-04-01 or 01/04/2025")


def parse_rows(
    sheet: Sheet, mapping: Mapping[str, str], today: date
) -> tuple[list[Row], list[Problem]]:
    """Every data row of ``sheet`` read, and every problem found (both, always)."""
    rows_in = [(n, cells) for n, cells in sheet.rows if any(c != "" for c in cells)]
    header_number, header = rows_in[0]
    columns, problems = find_columns(header, mapping, header_number, sheet.name)
    if problems:
        return [], problems
    if len(rows_in) == 1:
        return [], [Problem(header_number, "", "The extract has no rows under its headings.")]
    rows: list[Row] = []
    for number, cells in rows_in[1:]:
        row, found = _row(number, cells, columns, header, sheet.name, today)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems


def _row(
    number: int,
    cells: list[Cell],
    columns: dict[str, int],
    header: list[Cell],
    sheet: str,
    today: date,
) -> tuple[Row | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(name: str, message: str) -> None:
        index = columns[name]
        heading = str(header[index]) if index < len(header) else ""
        problems.append(Problem(number, column_letter(index), message, heading, sheet))

    def cell(name: str) -> Cell:
        index = columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index]

    days: dict[str, date] = {}
    texts: dict[str, str] = {}
    for name in columns:
        raw = cell(name)
        text = raw if isinstance(raw, date) else raw.strip()
        if text == "":
            if name in REQUIRED:
                problem(name, f"{LABELS[name]} is empty: every row needs it.")
            continue
        if isinstance(text, str) and text.startswith(("=", "+", "@")):
            problem(name, "starts like a formula: export values, not formulas.")
            continue
        if name in DATES:
            try:
                day = parse_date(text)
            except ValueError as error:
                problem(name, str(error))
                continue
            if day > today:
                problem(name, f"{day:%d/%m/%Y} is in the future.")
                continue
            days[name] = day
        elif name == "nhs_number":
            digits = re.sub(r"[\s-]", "", str(text))
            if not nhs_number_is_valid(digits):
                problem(name, "is not a 10-digit NHS number whose check digit is correct.")
                continue
            texts[name] = digits
        elif name in WORDS:
            chosen = WORDS[name].get(plain_words(str(text)))
            if chosen is None:
                allowed = ", ".join(sorted({w for w in WORDS[name] if " " in w or len(w) > 3}))
                problem(name, f"{str(text)[:40]!r} is not one of: {allowed}.")
                continue
            texts[name] = chosen
        elif name == "school_urn":
            if not re.fullmatch(r"\d{6,7}", str(text)):
                problem(name, f"{str(text)[:40]!r} is not a URN (6 or 7 digits).")
                continue
            texts[name] = str(text)
        else:
            texts[name] = str(text)[:40]
    if problems:
        return None, problems
    facts = _facts(days, texts, problem)
    if problems:
        return None, problems
    found = check(facts)
    if found is not None:
        name = STEP_COLUMN[found[0]]
        problem(name if name in columns else "referred_on", found[2])
        return None, problems
    if days["date_of_birth"] > days["referred_on"]:
        problem("referred_on", "is before the child's date of birth.")
        return None, problems
    return (
        Row(
            number=number,
            nhs_number=texts["nhs_number"],
            date_of_birth=days["date_of_birth"],
            pathway=texts["pathway"],
            referred_on=days["referred_on"],
            provider_ref=texts.get("provider_ref", ""),
            source=texts.get("source", ""),
            school_urn=texts.get("school_urn", ""),
            facts=facts,
        ),
        [],
    )


def _facts(
    days: dict[str, date], texts: dict[str, str], report: Callable[[str, str], None]
) -> list[Fact]:
    """The row's steps; a date without its decision, or the reverse, is a problem."""
    facts = [Fact("referred", days["referred_on"], source=texts.get("source", ""))]
    for what, when in (("triage", "triaged_on"), ("outcome", "outcome_on")):
        if (what in texts) != (when in days):
            missing, given = (when, what) if what in texts else (what, when)
            report(missing, f"{LABELS[missing]} is empty but {LABELS[given]} is given.")
    if ("close_reason" in texts) != ("closed_on" in days):
        missing, given = (
            ("closed_on", "close_reason")
            if "close_reason" in texts
            else (
                "close_reason",
                "closed_on",
            )
        )
        report(missing, f"{LABELS[missing]} is empty but {LABELS[given]} is given.")
    if "triage" in texts and "triaged_on" in days:
        if texts["triage"] == "rejected":
            reason = texts.get("reject_reason", "")
            if not reason:
                report("triage", "A rejected referral needs its rejection reason.")
            facts.append(Fact("rejected", days["triaged_on"], reason=reason))
        else:
            facts.append(Fact("accepted", days["triaged_on"]))
    if "assessed_on" in days:
        facts.append(Fact("assessed", days["assessed_on"]))
    if "outcome" in texts and "outcome_on" in days:
        facts.append(Fact("outcome", days["outcome_on"], outcome=texts["outcome"]))
    if "close_reason" in texts and "closed_on" in days:
        facts.append(Fact("closed", days["closed_on"], reason=texts["close_reason"]))
    return facts
