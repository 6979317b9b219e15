"""``senda deadlines [--as-of YYYY-MM-DD] [FILE|-]``: one case's deadlines as JSON.

Runs without Django. Bad input prints one line to stderr, nothing to stdout, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from senda import kernel
from senda.clock.evaluate import evaluate
from senda.clock.model import LocalPolicy
from senda.clock.parse import CaseError, parse_case, parse_date

BAD_INPUT = 2
#: The most working days a local standard may allow to log a review: a year of them.
MAX_REVIEW_LOGGED_DAYS = 250
#: JSON numbers longer than this are refused before Python converts them (no field of the
#: contract is a number; Python refuses integers of more than 4,300 digits with a ValueError).
MAX_NUMBER_DIGITS = 30


class _Parser(argparse.ArgumentParser):
    """Argument errors are bad input like any other: one line, exit 2 (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        raise CaseError(message)


def _working_days(text: str) -> int:
    """``--review-logged-days``: a whole number from 0 (off) to a year of working days."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_REVIEW_LOGGED_DAYS)):
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 0 (off) to {MAX_REVIEW_LOGGED_DAYS}, got {text[:20]!r}"
        )
    days = int(text)
    if days > MAX_REVIEW_LOGGED_DAYS:
        raise argparse.ArgumentTypeError(f"must be {MAX_REVIEW_LOGGED_DAYS} or fewer, got {days}")
    return days


#: The months the ``under-five-review`` guidance allows between reviews (CoP 9.178: 3 to 6).
UNDER_FIVE_MONTHS = range(3, 7)


def _months(text: str) -> int:
    """``--under-five-review-months``: 3 to 6 (the guidance's range)."""
    if not (text.isascii() and text.isdigit()) or int(text[:3] or 0) not in UNDER_FIVE_MONTHS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 3 to 6, got {text[:20]!r}")
    return int(text)


def _number(text: str) -> int | float:
    """A JSON number, refused when absurdly long (before ``int`` or ``float`` sees it)."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise CaseError(f"invalid JSON: a number of {len(text)} characters")
    return float(text) if any(c in text for c in ".eE") else int(text)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="senda deadlines",
        description="Read one child's case as JSON and print its statutory deadlines as JSON.",
    )
    parser.add_argument("file", nargs="?", default="-", help="case JSON file, or - for stdin")
    parser.add_argument(
        "--as-of", help="replay the case as it stood on YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--review-logged-days",
        type=_working_days,
        default=5,
        help=(
            "local standard: working days to log a review "
            f"(0 switches it off, at most {MAX_REVIEW_LOGGED_DAYS}; default 5)"
        ),
    )
    parser.add_argument(
        "--under-five-review-months",
        type=_months,
        default=None,
        help=(
            "guidance (SEND Code of Practice 9.178), off unless given: review the plan of a "
            "child under five every N months (3 to 6; needs the child's date_of_birth)"
        ),
    )
    return parser


def _read(source: str) -> str:
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)  # text-only when replaced, as in tests
        try:
            return sys.stdin.read() if stream is None else stream.read().decode("utf-8")
        except UnicodeDecodeError:
            raise CaseError("standard input is not UTF-8 text") from None
    try:
        return Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise CaseError(f"cannot read {source}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CaseError(f"{source} is not UTF-8 text") from None


def run(argv: list[str]) -> str:
    args = _parser().parse_args(argv)
    today = kernel.today() if args.as_of is None else parse_date(args.as_of, "--as-of")
    text = _read(args.file)
    try:
        data = json.loads(text, parse_int=_number, parse_float=_number)
    except json.JSONDecodeError as exc:
        raise CaseError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise CaseError("invalid JSON: nested too deeply") from None
    child, events = parse_case(data)
    policy = LocalPolicy(
        review_logged_working_days=args.review_logged_days or None,
        under_five_review_months=args.under_five_review_months,
    )
    rows = evaluate(events, today, child=child, policy=policy)
    return json.dumps([row.as_json() for row in rows], indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    try:
        output = run(sys.argv[1:] if argv is None else argv)
    except CaseError as exc:
        print(f"senda deadlines: {exc}", file=sys.stderr)
        return BAD_INPUT
    sys.stdout.write(output)
    return 0
