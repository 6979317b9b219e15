"""The rules a SEN2 return is checked against. ``check_person`` holds the rules over one
person's records; ``validate_file`` reads a whole file, streaming, and adds the schema
findings and the rules across persons (a UPN used twice). ``RULES`` lists every rule with
its level and source; ``docs/sen2.md`` shows it.

DfE's numbered rules are the common basic data set identifier rules as the CIN census
validator publishes them (1510-1550) and the ULN check (1575); the ``S…`` rules are Senda's,
derived from the return's definitions (``docs/sen2.md``). The check digits come from
``senda.people.identifiers`` (one definition). That module imports Django's
``ValidationError`` (no settings needed), so this module is pure in effect but not in its
imports.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from senda.interchange.sen2 import xml_read, xml_write
from senda.interchange.sen2.findings import Finding, Level, Report, Unreadable
from senda.interchange.sen2.records import (
    Header,
    NamedPlan,
    Need,
    Person,
    Request,
    SettingRef,
)
from senda.people.identifiers import LA_CODES, UPN_CHECK_LETTERS, uln_is_valid, upn_check_letter


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    what: str
    source: str


RULES: tuple[Rule, ...] = (
    Rule("S-schema-unknown", "error", "An element SEN2 does not have there", "spec"),
    Rule("S-schema-order", "error", "Elements out of the specification's order", "spec"),
    Rule("S-schema-type", "error", "A value not of its type (date, yes/no, number)", "spec"),
    Rule("S-schema-code", "error", "A value outside its code list (Ethnicity: a query)", "spec"),
    Rule("S-schema-required", "error", "A required element missing or empty", "spec"),
    Rule("S-schema-repeat", "error", "An element given twice that appears once", "spec"),
    Rule("S-schema-length", "error", "A text value longer than its maximum", "spec"),
    Rule(
        "1510",
        "error",
        "UPN invalid: wrong check letter at character 1 (or not 13 characters)",
        "CBDS via CIN-VAL",
    ),
    Rule("1520", "error", "More than one person with the same UPN", "CBDS via CIN-VAL"),
    Rule(
        "1530",
        "error",
        "UPN invalid: characters 2-4 are not a recognised LA code",
        "CBDS via CIN-VAL",
    ),
    Rule("1540", "error", "UPN invalid: characters 5-12 are not all numeric", "CBDS via CIN-VAL"),
    Rule(
        "1550",
        "error",
        "UPN invalid: character 13 is not a digit or a letter other than I, O, S",
        "CBDS via CIN-VAL",
    ),
    Rule(
        "1575",
        "error",
        "ULN invalid: not 10 digits, starts with 0, or wrong check digit",
        "DOMAIN (CBDS)",
    ),
    Rule("S-identifier", "error", "A person needs a UPN, a ULN or a missing-UPN reason", "DOMAIN"),
    Rule("S-identifier-both", "query", "A UPN and a missing-UPN reason both given", "DOMAIN"),
    Rule("S-outcome-date", "error", "An outcome date exactly when the outcome is Y or N", "DOMAIN"),
    Rule(
        "S-assessment-under",
        "error",
        "An assessment only under a request with outcome Y or H",
        "DOMAIN",
    ),
    Rule(
        "S-plan-under",
        "error",
        "A named plan only under an assessment with outcome Y or H",
        "DOMAIN",
    ),
    Rule(
        "S-date-order",
        "error",
        "Received date ≤ request outcome date ≤ assessment outcome date",
        "DOMAIN",
    ),
    Rule("S-cease", "error", "A cease reason exactly when there is a cease date", "DOMAIN"),
    Rule("S-needs", "error", "At most two needs, one of each rank, exactly one ranked 1", "DOMAIN"),
    Rule(
        "S-setting",
        "error",
        "Each plan or placement setting has exactly one of URN, UKPRN or SENsetting",
        "DOMAIN WITAN-DICT",
    ),
    Rule(
        "S-setting-other",
        "error",
        "SENsetting OTH needs SENsettingOther (and only OTH has it)",
        "WITAN-DICT",
    ),
    Rule("S-age", "error", "Nobody over 25 on the reference date", "DOMAIN WITAN-DICT"),
    Rule(
        "S-future",
        "error",
        "No date after the day the file is checked (due dates excepted)",
        "DOMAIN",
    ),
    Rule(
        "S-after-census", "query", "A date after the reference date (due dates excepted)", "DOMAIN"
    ),
    Rule(
        "S-entry-leaving",
        "error",
        "A placement's entry date is on or before its leaving date",
        "DOMAIN",
    ),
    Rule(
        "S-transfer-la",
        "query",
        "TransferLA, when given, is a recognised LA number (not 000)",
        "DOMAIN",
    ),
    Rule("S-header-year", "error", "The reference date falls in the collection year", "DOMAIN"),
)
RULE_IDS = frozenset(rule.id for rule in RULES)


class _Checker:
    def __init__(self, person: Person, header: Header, today: date) -> None:
        self.person = person
        self.header = header
        self.today = today
        self.census = header.reference_date
        self.found: list[Finding] = []

    def add(self, rule: str, level: Level, element: str, message: str) -> None:
        self.found.append(
            Finding(rule, level, self.person.position, self.person.upn, element, message)
        )


def _upn_rules(check: _Checker, upn: str) -> None:
    if len(upn) != 13:
        check.add(
            "1510",
            "error",
            "UPN",
            f"The UPN '{upn}' is {len(upn)} characters long; a "
            "UPN has 13: check it against the school's records.",
        )
        return
    la, serial, last = upn[1:4], upn[4:12], upn[12]
    # The submitting LA's own number is recognised by definition (a test or new LA number
    # that the CIN list does not hold yet, such as the demo area's).
    if la not in LA_CODES and la != check.header.la:
        check.add(
            "1530",
            "error",
            "UPN",
            f"Characters 2-4 of the UPN ('{la}') are not a "
            "recognised LA code: check the UPN against the school's records.",
        )
    if not (serial.isascii() and serial.isdigit()):
        check.add(
            "1540",
            "error",
            "UPN",
            "Characters 5-12 of the UPN must all be digits: "
            "check the UPN against the school's records.",
        )
        return
    if not (last.isascii() and (last.isdigit() or last in UPN_CHECK_LETTERS)):
        check.add(
            "1550",
            "error",
            "UPN",
            "Character 13 of the UPN must be a digit or a letter "
            "other than I, O and S: check the UPN.",
        )
        return
    if la.isascii() and la.isdigit() and upn[0] != upn_check_letter(upn[1:]):
        check.add(
            "1510",
            "error",
            "UPN",
            "The UPN's check letter (character 1) does not match "
            "the rest: it has probably been mistyped; check it against the school's "
            "records.",
        )


def _path(r: int, tail: str) -> str:
    return f"Requests[{r}]/{tail}" if r else tail


def _setting(check: _Checker, setting: SettingRef, r: int, where: str, n: int) -> None:
    urn, ukprn, code = setting.urn, setting.ukprn, setting.setting_code
    if (urn != "") + (ukprn != "") + (code != "") != 1:
        pairs = (("URN", urn), ("UKPRN", ukprn), ("SENsetting", code))
        what = " and ".join(name for name, value in pairs if value) or "none"
        check.add(
            "S-setting",
            "error",
            _path(r, f"{where}[{n}]"),
            f"This setting has {what} of URN, UKPRN and SENsetting: give exactly one.",
        )
    if code == "OTH" and not setting.setting_other:
        check.add(
            "S-setting-other",
            "error",
            f"{_path(r, f'{where}[{n}]')}/SENsettingOther",
            "SENsetting OTH needs SENsettingOther: say what the setting is.",
        )
    elif setting.setting_other and code != "OTH":
        check.add(
            "S-setting-other",
            "error",
            f"{_path(r, f'{where}[{n}]')}/SENsettingOther",
            "SENsettingOther is only for SENsetting OTH: remove it or set SENsetting to OTH.",
        )


def _setting_may_fail(setting: SettingRef) -> bool:
    """False when ``_setting`` would find nothing (one of URN, UKPRN, SENsetting; no
    SENsettingOther), the usual case, decided cheaply."""
    if setting.setting_other:
        return True
    urn, ukprn, code = setting.urn, setting.ukprn, setting.setting_code
    if urn:
        return bool(ukprn or code)
    if ukprn:
        return bool(code)
    return code == "" or code == "OTH"


def _when(check: _Checker, day: date | None, r: int, tail: str) -> None:
    """No date after today (an error) or after the reference date (a query)."""
    if day is None or day <= check.census:
        return
    if day > check.today:
        check.add(
            "S-future", "error", _path(r, tail), f"{day.isoformat()} is in the future: correct it."
        )
    else:
        check.add(
            "S-after-census",
            "query",
            _path(r, tail),
            f"{day.isoformat()} is after the reference date ({check.census.isoformat()}): "
            "check it belongs in this return.",
        )


def _outcome_date(check: _Checker, outcome: str, day: date | None, r: int, tail: str) -> None:
    name = tail.rsplit("/", 1)[-1]
    if outcome in ("Y", "N") and day is None:
        check.add(
            "S-outcome-date",
            "error",
            _path(r, tail),
            f"An outcome of {outcome} needs its date: add {name}.",
        )
    elif outcome in ("A", "W", "H") and day is not None:
        check.add(
            "S-outcome-date",
            "error",
            _path(r, tail),
            f"An outcome of {outcome} has no date: remove {name}, or correct the outcome.",
        )


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check_person(person: Person, *, header: Header, today: date) -> list[Finding]:
    """The rules over one person's records (not the schema, not across persons). Element
    paths are made only for findings: most persons have none."""
    check = _Checker(person, header, today)
    census = check.census
    upn = person.upn
    if upn:
        _upn_rules(check, upn)
    if person.uln and not uln_is_valid(person.uln):
        check.add(
            "1575",
            "error",
            "UniqueLearnerNumber",
            "The ULN must be 10 digits, not starting with 0, with a correct check digit: "
            "check it against the Learning Records Service.",
        )
    if not (upn or person.uln or person.upn_unknown):
        check.add(
            "S-identifier",
            "error",
            "UPN",
            "The person has no UPN, ULN or missing-UPN reason: give one of them (UPNunknown "
            "says why there is no UPN).",
        )
    if upn and person.upn_unknown:
        check.add(
            "S-identifier-both",
            "query",
            "UPNunknown",
            "The person has a UPN and a reason it is unknown: remove UPNunknown, or explain.",
        )
    born = person.birth_date
    if born is not None:
        if _age(born, census) > 25:
            check.add(
                "S-age",
                "error",
                "PersonBirthDate",
                f"The person is {_age(born, census)} on the reference date; nobody over 25 "
                "belongs in the return: check the birth date or leave the person out.",
            )
        if born > census:
            _when(check, born, 0, "PersonBirthDate")
    for r, request in enumerate(person.requests, start=1):
        _request(check, request, r)
    return check.found


def _request(check: _Checker, request: Request, r: int) -> None:
    # The rules' helpers are called only when a rule may fail (``_when`` when a date is
    # after the reference date, ...): most persons break none, and calls cost.
    census = check.census
    received, decided = request.received_date, request.outcome_date
    if received is not None and received > census:
        _when(check, received, r, "ReceivedDate")
    if decided is not None and decided > census:
        _when(check, decided, r, "RequestOutcomeDate")
    if (decided is None) == (request.outcome in ("Y", "N")):
        _outcome_date(check, request.outcome, decided, r, "RequestOutcomeDate")
    if received and decided and decided < received:
        check.add(
            "S-date-order",
            "error",
            _path(r, "RequestOutcomeDate"),
            "The request's outcome date is before the date it was received: correct one of them.",
        )
    assessment = request.assessment
    if assessment is not None:
        if request.outcome not in ("Y", "H"):
            check.add(
                "S-assessment-under",
                "error",
                _path(r, "Assessment"),
                "An assessment belongs only under a request whose outcome is Y or H: correct "
                "the request's outcome or remove the assessment.",
            )
        done = assessment.outcome_date
        tail = "Assessment/AssessmentOutcomeDate"
        if done is not None and done > census:
            _when(check, done, r, tail)
        if (done is None) == (assessment.outcome in ("Y", "N")):
            _outcome_date(check, assessment.outcome, done, r, tail)
        if done and decided and done < decided:
            check.add(
                "S-date-order",
                "error",
                _path(r, tail),
                "The assessment's outcome date is before the request's outcome date: "
                "correct one of them.",
            )
        elif done and received and done < received:
            check.add(
                "S-date-order",
                "error",
                _path(r, tail),
                "The assessment's outcome date is before the request was received: correct "
                "one of them.",
            )
        plan = assessment.named_plan
        if plan is not None:
            _named_plan(check, plan, assessment.outcome, r)
    active = request.active_plan
    if active is not None:
        if active.transfer_la and active.transfer_la not in LA_CODES:
            _transfer_la(check, active.transfer_la, r)
        for day, tail in (
            (active.review_meeting, "ActivePlans/ReviewMeeting"),
            (active.last_review, "ActivePlans/LastReview"),
            (active.review_draft, "ActivePlans/ReviewDraft"),
            (active.phase_transfer_final, "ActivePlans/PhaseTransferFinalDate"),
        ):
            if day is not None and day > census:
                _when(check, day, r, tail)
        # PhaseTransferDueDate is a due date: it may lie ahead.
        for p, placement in enumerate(active.placements, start=1):
            entry, leaving = placement.entry_date, placement.leaving_date
            if _setting_may_fail(placement):
                _setting(check, placement, r, "ActivePlans/PlacementDetail", p)
            if entry is not None and entry > check.census:
                _when(check, entry, r, f"ActivePlans/PlacementDetail[{p}]/EntryDate")
            if leaving is not None:
                if leaving > check.census:
                    _when(check, leaving, r, f"ActivePlans/PlacementDetail[{p}]/LeavingDate")
                if entry and leaving < entry:
                    check.add(
                        "S-entry-leaving",
                        "error",
                        _path(r, f"ActivePlans/PlacementDetail[{p}]/LeavingDate"),
                        "The leaving date is before the entry date: correct one of them.",
                    )
        needs = active.needs
        if not (len(needs) == 1 and needs[0].rank == 1):
            _needs(check, needs, r)


def _transfer_la(check: _Checker, code: str, r: int) -> None:
    what = "000, which names no LA" if code == "000" else f"'{code}', not a recognised LA number"
    check.add(
        "S-transfer-la",
        "query",
        _path(r, "ActivePlans/TransferLA"),
        f"TransferLA is {what}: give the 3-digit number of the LA the plan came from.",
    )


def _named_plan(check: _Checker, plan: NamedPlan, outcome: str, r: int) -> None:
    if outcome not in ("Y", "H"):
        check.add(
            "S-plan-under",
            "error",
            _path(r, "Assessment/NamedPlan"),
            "A named plan belongs only under an assessment whose outcome is Y or H: correct "
            "the outcome or remove the plan.",
        )
    census = check.census
    if plan.start_date is not None and plan.start_date > census:
        _when(check, plan.start_date, r, "Assessment/NamedPlan/StartDate")
    if plan.cease_date is not None and plan.cease_date > census:
        _when(check, plan.cease_date, r, "Assessment/NamedPlan/CeaseDate")
    if (plan.cease_date is None) != (plan.cease_reason is None):
        missing = "CeaseReason" if plan.cease_reason is None else "CeaseDate"
        check.add(
            "S-cease",
            "error",
            _path(r, f"Assessment/NamedPlan/{missing}"),
            f"A ceased plan needs both its cease date and its cease reason: add {missing}, "
            "or remove the other.",
        )
    for s, setting in enumerate(plan.named_settings, start=1):
        if _setting_may_fail(setting):
            _setting(check, setting, r, "Assessment/NamedPlan/PlanDetail", s)


def _needs(check: _Checker, needs: tuple[Need, ...], r: int) -> None:
    where = f"Requests[{r}]/ActivePlans"
    ranks = [need.rank for need in needs]
    if len(ranks) > 2:
        check.add(
            "S-needs",
            "error",
            f"{where}/SENneed[3]",
            f"{len(ranks)} needs are given; "
            "SEN2 takes at most two (ranked 1 and 2): keep the two main ones.",
        )
    elif ranks and ranks.count(1) != 1:
        check.add(
            "S-needs",
            "error",
            f"{where}/SENneed[1]/SENtypeRank",
            "Exactly one need must be ranked 1 (the primary need): correct the ranks.",
        )
    elif len(ranks) == 2 and ranks.count(2) != 1:
        check.add(
            "S-needs",
            "error",
            f"{where}/SENneed[2]/SENtypeRank",
            "The second need must be ranked 2: correct the ranks.",
        )


def header_findings(header: Header) -> list[Finding]:
    if header.reference_date.year != header.year:
        return [
            Finding(
                "S-header-year",
                "error",
                0,
                "",
                "Header/CollectionDetails/ReferenceDate",
                f"The reference date {header.reference_date.isoformat()} is not in the "
                f"collection year {header.year}: correct one of them.",
            )
        ]
    return []


def duplicate_upn(upn: str, position: int, first: int) -> Finding:
    """Rule 1520 for the person at ``position``, whose UPN the person at ``first`` has."""
    return Finding(
        "1520",
        "error",
        position,
        upn,
        "UPN",
        f"The same UPN is given for person {first}: each "
        "person appears once; merge them or correct the UPN.",
    )


def check_written(
    person: Person, position: int, *, header: Header, today: date
) -> tuple[list[Finding], str]:
    """The findings ``validate_file`` gives the person at ``position`` of a file that
    ``xml_write`` wrote from ``person``, and the UPN it reads there (for rule 1520, which is
    across persons and not applied here). ``header``: the file's, as read back. A record
    that reads back as itself (``xml_read.reads_back``: nearly every one the export makes)
    is checked as it is, which is what reading its bytes would give; any other is written
    and read back as the file is read (ADR 0039). Raises ``ValueError`` if the bytes are not
    one person (never for ``xml_write``'s)."""
    if xml_read.reads_back(person):
        person.__dict__["position"] = position  # as the reader sets it (not compared)
        return check_person(person, header=header, today=today), person.upn
    reading = xml_read.read_part(xml_write.person_xml(person).encode(), header)
    found: list[Finding] = []
    read: list[Person] = []
    for back, schema in reading.persons():
        read.append(back)
        found.extend(schema)
        found.extend(check_person(back, header=header, today=today))
    if len(read) != 1 or reading.file_findings:
        raise ValueError("a written person did not read back as one person")
    moved = [dataclasses.replace(f, position=f.position + position - 1) for f in found]
    return moved, read[0].upn


def merge_part(
    found: list[Finding], upns: list[str], after: int, seen: dict[str, int], findings: list[Finding]
) -> int:
    """A part's findings (positions counted from its first person, who follows ``after``
    persons) into ``findings``, positions made the file's and rule 1520 applied after each
    person's own, as one process reading the whole file orders them; ``seen``: the UPNs
    met so far and where. Returns the persons counted so far."""
    given = 0
    for position, upn in enumerate(upns, start=1):
        if upn:
            first = seen.setdefault(upn, after + position)
            if first != after + position:
                while given < len(found) and found[given].position <= position:
                    findings.append(_moved(found[given], after))
                    given += 1
                findings.append(duplicate_upn(upn, after + position, first))
    findings.extend(_moved(finding, after) for finding in found[given:])
    return after + len(upns)


def _moved(finding: Finding, after: int) -> Finding:
    return dataclasses.replace(finding, position=finding.position + after) if after else finding


def expected(header: Header, expect_la: str | None, expect_year: int | None) -> None:
    """Raise ``Unreadable`` when the header is for another LA or year than expected."""
    if expect_la is not None and header.la != expect_la:
        raise Unreadable(f"This return is for LA {header.la}, not {expect_la}: check the file.")
    if expect_year is not None and header.year != expect_year:
        raise Unreadable(f"This return is for {header.year}, not {expect_year}: check the file.")


def validate_file(
    stream: BinaryIO,
    *,
    today: date,
    expect_la: str | None = None,
    expect_year: int | None = None,
    workers: int | None = None,
) -> Report:
    """Read and check a whole SEN2 file, streaming. Raises ``Unreadable`` for a file that is
    not a SEN2 return at all, or is for another LA or year than expected.

    A large plain file is checked in ``workers`` processes (default
    ``validate_parallel.default_workers()``; 1: in this process only), giving the very
    report one process gives (``validate_parallel`` says why); any other file, or one the
    parallel path finds anything unusual in, is read here from start to end."""
    # Imported here: validate_parallel imports this module (the rules its workers apply).
    from senda.interchange.sen2 import validate_parallel

    if validate_parallel.worth_it(stream, workers):
        start = stream.tell()
        try:
            return validate_parallel.report(
                stream,
                today=today,
                expect_la=expect_la,
                expect_year=expect_year,
                workers=workers or validate_parallel.default_workers(),
            )
        except validate_parallel.Serial:
            stream.seek(start)
    reading = xml_read.read(stream)
    header = reading.header
    expected(header, expect_la, expect_year)
    report = Report(header=header)
    report.findings.extend(header_findings(header))
    seen: dict[str, int] = {}
    findings = report.findings
    for person, schema in reading.persons():
        report.persons += 1
        findings.extend(schema)
        findings.extend(check_person(person, header=header, today=today))
        upn = person.upn
        if upn:
            first = seen.setdefault(upn, person.position)
            if first != person.position:
                findings.append(duplicate_upn(upn, person.position, first))
    report.findings[:0] = reading.file_findings
    return report
