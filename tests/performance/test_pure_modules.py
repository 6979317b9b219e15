"""The performance framework's rules are pure: they import nothing from Django, so they can
be reasoned about, benchmarked on a national register in memory and reused off the web."""

import os
import subprocess
import sys

import pytest

PURE = [
    "senda.performance.periods",
    "senda.performance.status_rule",
    "senda.performance.suppress",
    "senda.performance.definitions",
    "senda.performance.figure",
    "senda.performance.tally",
    "senda.performance.catalogue",
    "senda.performance.weekly.weeks",
    "senda.performance.weekly.docs",
    "senda.performance.catalogue.entry",
]


@pytest.mark.parametrize("module", PURE)
def test_it_imports_without_django(module: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = f"import sys; sys.modules['django'] = None\nimport {module}\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
