"""What Senda's commands share: their exit statuses and how an all-or-nothing import that
found problems reports them (every problem on stderr, then one line saying nothing was
written)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.base import BaseCommand, CommandError

#: The input has problems (every one listed), or the user may not do this.
PROBLEMS = 1
#: The command was used wrongly (an unknown option, no such file …).
USAGE = 2


def nothing_imported(
    command: BaseCommand, problems: Sequence[str], *, prefix: str = "", hint: str = ""
) -> CommandError:
    """Write each problem to ``command``'s stderr (after ``prefix``) and return the error
    to raise: exit status :data:`PROBLEMS`, saying how many there were and ``hint``."""
    for problem in problems:
        command.stderr.write(f"{prefix}{problem}")
    count = len(problems)
    message = f"Nothing was imported: {count} problem{'s' if count != 1 else ''} (listed above)."
    return CommandError(f"{message} {hint}".strip(), returncode=PROBLEMS)
