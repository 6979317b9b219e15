"""Each test file's seconds in a run, so pytest-xdist hands out the longest work first
(tests/conftest.py's scheduler): ordered by number of tests, as pytest-xdist does, the
one-test files that take half a minute (the schema check, a browser journey) came last and
one worker finished them alone while the other sat idle.

    .venv/bin/pytest ... --junitxml=/tmp/junit.xml
    .venv/bin/python -m tests.timings /tmp/junit.xml   # rewrites tests/timings.json

A file missing from tests/timings.json (a new one) is taken at the median second a test.
The figures only order the work: stale ones cost time, never a result.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

TIMINGS = Path(__file__).with_name("timings.json")


def file_of(classname: str) -> str:
    """``tests.web.test_x.TestY`` → ``tests/web/test_x.py``."""
    parts: list[str] = []
    for part in classname.split("."):
        parts.append(part)
        if part.startswith("test_"):
            break
    return "/".join(parts) + ".py"


def from_junit(path: str) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for case in ET.parse(path).iter("testcase"):
        seconds[file_of(case.get("classname", ""))] += float(case.get("time", 0))
    return {name: round(value, 1) for name, value in sorted(seconds.items())}


def load() -> dict[str, float]:
    try:
        found = json.loads(TIMINGS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


if __name__ == "__main__":
    TIMINGS.write_text(json.dumps(from_junit(sys.argv[1]), indent=0) + "\n", encoding="utf-8")
