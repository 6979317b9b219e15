"""``senda deadlines [--as-of YYYY-MM-DD] [FILE|-]``: one case's deadlines as JSON.

Runs without Django. Bad input prints one line to stderr, nothing to stdout, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from senda.clock.evaluate import evaluate
from senda.clock.model import LocalPolicy
from senda.clock.parse import CaseError, parse_case, parse_date

BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="senda deadlines",
        description="Read one child's case as JSON and print its statutory deadlines as JSON.",
    )
    parser.add_argument("file", nargs="?", default="-", help="case JSON file, or - for stdin")
    parser.add_argument(
        "--as-of", help="replay the case as it stood on YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--review-logged-days",
        type=int,
        default=5,
        help="local standard: working days to log a review (0 switches it off; default 5)",
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
    today = date.today() if args.as_of is None else parse_date(args.as_of, "--as-of")
    if args.review_logged_days < 0:
        raise CaseError("--review-logged-days must be 0 (off) or more")
    text = _read(args.file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise CaseError("invalid JSON: nested too deeply") from None
    child, events = parse_case(data)
    policy = LocalPolicy(review_logged_working_days=args.review_logged_days or None)
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
