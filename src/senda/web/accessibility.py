"""The accessibility statement's facts: what the browser tests' axe-core checks found
(``docs/accessibility-results.json``) and the known issues (``data/accessibility-known-
issues.json``), and the compliance status they give (ADR 0038).

The browser tests write the results (``SENDA_AXE_RESULTS=write``, tests/browser/axe_log.py,
``make accessibility-results``). ``python -m senda.web.accessibility [--check] PATH``
rewrites the results file in its one canonical form, or checks (``make test``) that it is
in that form and that every finding it records is explained by a known issue: an axe
finding cannot be committed without saying so on the statement.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from senda import generated_docs

PROJECT_DIR = Path(__file__).resolve().parents[3]
RESULTS = PROJECT_DIR / "docs" / "accessibility-results.json"
KNOWN_ISSUES = PROJECT_DIR / "data" / "accessibility-known-issues.json"

#: Kinds of known issue, in the order the statement lists them, with their headings.
KINDS = {
    "non-compliance": "Non-compliance with the accessibility regulations",
    "disproportionate-burden": "Disproportionate burden",
    "out-of-scope": "Content that's not within the scope of the accessibility regulations",
    "not-tested": "What we have not tested yet",
}


@dataclass(frozen=True)
class Issue:
    summary: str
    kind: str
    criterion: str = ""
    plan: str = ""
    axe_rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """An axe-core rule a page broke when the tests last ran."""

    page: str
    rule: str
    help: str
    impact: str


@dataclass(frozen=True)
class Facts:
    tested_on: date | None
    axe_version: str
    rules: tuple[str, ...]
    pages: tuple[str, ...]
    findings: tuple[Finding, ...]
    issues: tuple[Issue, ...]
    by_kind: dict[str, list[Issue]] = field(default_factory=dict)

    @property
    def non_compliant(self) -> bool:
        """Whether a finding or a known issue breaks the standard."""
        return bool(self.findings) or any(i.kind == "non-compliance" for i in self.issues)

    @property
    def status(self) -> str:
        """``fully``, ``partially`` or ``not`` compliant, as the model statement says it:
        fully only with no finding and no known issue but those out of scope."""
        if not self.pages:
            return "not"
        open_issues = [i for i in self.issues if i.kind != "out-of-scope"]
        return "partially" if self.findings or open_issues else "fully"


def load_results(path: Path = RESULTS) -> dict[str, Any]:
    if not path.exists():
        return {"pages": {}}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def load_issues(path: Path = KNOWN_ISSUES) -> list[Issue]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    issues = []
    for item in raw["issues"]:
        if item["kind"] not in KINDS:
            raise ValueError(f"{path}: kind {item['kind']!r} is not one of {sorted(KINDS)}")
        issues.append(
            Issue(
                summary=item["summary"],
                kind=item["kind"],
                criterion=item.get("criterion", ""),
                plan=item.get("plan", ""),
                axe_rules=tuple(item.get("axe_rules", ())),
            )
        )
    return issues


def facts(results: Path = RESULTS, known: Path = KNOWN_ISSUES) -> Facts:
    data = load_results(results)
    issues = load_issues(known)
    findings = tuple(
        Finding(page, v["rule"], v.get("help", ""), v.get("impact") or "")
        for page, checked in sorted(data["pages"].items())
        for v in checked["violations"]
    )
    tested = data.get("tested_on")
    return Facts(
        tested_on=date.fromisoformat(tested) if tested else None,
        axe_version=data.get("axe_version", ""),
        rules=tuple(data.get("rules", ())),
        pages=tuple(sorted(data["pages"])),
        findings=findings,
        issues=tuple(issues),
        by_kind={kind: [i for i in issues if i.kind == kind] for kind in KINDS},
    )


# --- The results file: one canonical form, and every finding explained ---------------------


def canonical(data: dict[str, Any]) -> str:
    """The results as written: keys and pages sorted, each page's findings by rule."""
    pages = {
        page: {"violations": sorted(checked["violations"], key=lambda v: v["rule"])}
        for page, checked in sorted(data.get("pages", {}).items())
    }
    return json.dumps({**data, "pages": pages}, indent=2, sort_keys=True) + "\n"


def unexplained(data: dict[str, Any], issues: list[Issue]) -> list[str]:
    """Each finding whose rule no known issue names, as ``page: rule``."""
    explained = {rule for issue in issues for rule in issue.axe_rules}
    return [
        f"{page}: {v['rule']}"
        for page, checked in sorted(data.get("pages", {}).items())
        for v in checked["violations"]
        if v["rule"] not in explained
    ]


def main(argv: list[str]) -> int:
    paths = [arg for arg in argv if arg != "--check"]
    path = Path(paths[0]) if len(paths) == 1 else RESULTS
    data = load_results(path)
    status = generated_docs.main(argv, lambda: canonical(data), "senda.web.accessibility")
    if status != 0:
        return status
    if missing := unexplained(data, load_issues()):
        print(
            f"{path}: axe-core findings no known issue explains (fix them, or add them to "
            f"{KNOWN_ISSUES.relative_to(PROJECT_DIR)}): " + ", ".join(missing),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
