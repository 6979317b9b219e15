"""What checking a SEN2 file finds: one ``Finding`` per problem, gathered in a ``Report``.
Pure.

A finding names the rule (DfE's number where DfE publishes one, else Senda's ``S…`` id —
``docs/sen2.md`` lists them with their source), whether it is an ``error`` (COLLECT will
not accept the return until it is fixed) or a ``query`` (it must be explained), the person
by their position in the file and their UPN, the element (a path such as
``Requests[2]/Assessment/AssessmentOutcomeDate``), and a message saying how to fix it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from senda.interchange.sen2.records import Header

Level = Literal["error", "query"]


@dataclass(frozen=True)
class Finding:
    rule: str
    level: Level
    position: int  # the person's position in the file (1 = first; 0 = the header)
    upn: str
    element: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level,
            "position": self.position,
            "upn": self.upn,
            "element": self.element,
            "message": self.message,
        }


class Unreadable(Exception):
    """The file cannot be read as a SEN2 return at all (not XML, hostile XML, wrong root,
    wrong collection, year or LA): one message saying what and why."""


@dataclass
class Report:
    header: Header | None
    persons: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: How many processes checked the persons (more than 1: ``validate_parallel``).
    processes: int = field(default=1, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def queries(self) -> int:
        return sum(1 for f in self.findings if f.level == "query")

    def by_rule(self) -> Counter[tuple[str, str]]:
        """How many findings of each (rule, level)."""
        return Counter((f.rule, f.level) for f in self.findings)
