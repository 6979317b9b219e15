"""What changed between two versions of a plan, section by section: unchanged, changed,
added or removed, with a line diff (``difflib``) whose lines a template marks as inserted
or deleted (the template writes ``<ins>``/``<del>``; nothing here is HTML)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from senda.casework.models.plan_text import SECTIONS, PlanVersion

Status = Literal["unchanged", "changed", "added", "removed"]
Mark = Literal["same", "ins", "del"]


@dataclass(frozen=True)
class SectionChange:
    letter: str
    title: str
    status: Status
    lines: list[tuple[Mark, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


def _texts(version: PlanVersion | dict[str, str] | None) -> dict[str, str]:
    if version is None:
        return {}
    if isinstance(version, dict):
        return {k: v for k, v in version.items() if v and v.strip()}
    return {s.letter: s.text for s in version.sections.all() if s.text.strip()}


def diff_lines(old: str, new: str) -> list[tuple[Mark, str]]:
    """Each line of the two texts marked kept, inserted or deleted, in reading order."""
    marks: list[tuple[Mark, str]] = []
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            marks += [("same", line) for line in old_lines[i1:i2]]
            continue
        marks += [("del", line) for line in old_lines[i1:i2]]
        marks += [("ins", line) for line in new_lines[j1:j2]]
    return marks


def changes(
    older: PlanVersion | dict[str, str] | None, newer: PlanVersion | dict[str, str]
) -> list[SectionChange]:
    """One :class:`SectionChange` per section held in either version, in the plan's order."""
    old, new = _texts(older), _texts(newer)
    result = []
    for letter, title in SECTIONS:
        before, after = old.get(letter), new.get(letter)
        if before is None and after is None:
            continue
        if before is None:
            status: Status = "added"
        elif after is None:
            status = "removed"
        else:
            status = "unchanged" if before == after else "changed"
        lines = diff_lines(before or "", after or "") if status != "unchanged" else []
        result.append(SectionChange(letter, title, status, lines))
    return result
