"""SEN2 benchmark (`make bench-sen2`): write and validate a national-scale return
(issue 16: 650,000 persons, write ≤ 30 s, validate ≤ 30 s, ≤ 2 GB, streaming).

1. **Generate** (pure, seeded): a pool of ``--pool`` realistic persons — plans held from
   earlier years (outcome H) with reviews and one to three placements, new plans issued in
   the year (some with the 20-week exception), refusals to assess, decisions not to issue,
   withdrawn and undecided requests, ceased plans, transfers in, one or two needs, UPNs,
   ULNs and missing-UPN reasons — then ``--persons`` distinct persons streamed from it,
   each with its own UPN and name (a cheap copy of a pool person; the pool keeps
   generation out of the writer's time).
2. **Write** them with ``xml_write.write`` to a temporary file, streaming.
3. **Validate** the file with ``validate.validate_file`` (schema, person rules, duplicate
   UPNs), streaming.
4. **Compare writers** (``--compare``): the same 20,000 persons through ``xml_write`` and
   through ``lxml.etree.xmlfile``.

Reports seconds (wall, and CPU counting the worker processes: ``resource.getrusage`` of
this process and of its children), persons per second, peak RSS (this process, the largest
worker, and the bound judged: this process plus every worker at the largest worker's peak)
and, because the machine may be shared, a yardstick: µs for ``sum(range(1000))`` by the
wall clock and in CPU time (about 9 µs on an idle modern core).

How the time targets are judged (``--judge auto``, the default): writing on CPU time, and
validating on CPU time when one process validated but on **wall time when the persons were
checked in several processes** (``validate_parallel``; ``--workers`` sets how many, 1 to
validate in one). A user waits wall time; the CPU judge was chosen for a machine shared
with other work, where wall time measures the other tenants, and it cannot credit work
spread over cores (the parallel path spends a little more CPU in all, to finish sooner).
Judged on wall time, a run on a busy machine is pessimistic, never flattering; ``--judge
cpu`` or ``--judge wall`` forces one. Writes bench/out/sen2.json; exits 1 when a target is
missed.

    python bench/sen2_bench.py [--persons 650000] [--pool 20000] [--seed 2026] [--compare]
        [--workers N] [--judge auto|cpu|wall]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import timeit
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

from senda.interchange.sen2 import records as r  # noqa: E402
from senda.interchange.sen2 import spec, validate, xml_write  # noqa: E402
from senda.people.identifiers import upn_check_letter  # noqa: E402

WRITE_TARGET_S = 30.0
VALIDATE_TARGET_S = 30.0
RSS_TARGET_MB = 2048.0
CENSUS = date(2026, 1, 15)
TODAY = date(2026, 2, 2)
YEAR_START = date(2025, 1, 1)
NEEDS = ("ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "PD", "HI", "VI", "OTH", "DS", "MSI")
NEED_WEIGHTS = (33, 19, 19, 9, 4, 4, 2, 4, 2, 1, 2, 1, 0.3)
LAS = tuple(sorted(validate.UPN_LA_CODES - {"001", "002", "003", "004", "005"}))
HEADER = r.Header(
    collection="SEN2",
    year=2026,
    reference_date=CENSUS,
    la="938",
    release="bench",
    made_at=datetime(2026, 2, 2, 9, 0),
    dmo="Bench Manager",
    dco="Bench Officer",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    add = parser.add_argument
    add("--persons", type=int, default=650_000)
    add("--pool", type=int, default=20_000, help="distinct generated persons to copy from")
    add("--seed", type=int, default=2026)
    add("--compare", action="store_true", help="also time lxml.etree.xmlfile on 20,000")
    add(
        "--judge",
        choices=("auto", "cpu", "wall"),
        default="auto",
        help="auto (default): CPU time, but wall time for a validation run in several "
        "processes; or CPU or wall time throughout",
    )
    add("--workers", type=int, default=None, help="validate in N processes (default: cores)")
    add("--keep", type=Path, default=None, help="keep the written file here")
    add("--out", type=Path, default=HERE / "out" / "sen2.json")
    return parser.parse_args()


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _setting(rng: random.Random, cls: type, **extra: Any) -> Any:
    roll = rng.random()
    if roll < 0.85:
        return cls(urn=str(rng.randrange(100_000, 150_000)), **extra)
    if roll < 0.92:
        return cls(ukprn=str(rng.randrange(10_000_000, 10_090_000)), **extra)
    code = rng.choice(("OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO"))
    other = "Farm-based provision" if code == "OTH" else ""
    return cls(setting_code=code, setting_other=other, **extra)


def _needs(rng: random.Random) -> tuple[r.Need, ...]:
    first = rng.choices(NEEDS, NEED_WEIGHTS)[0]
    if rng.random() < 0.35:
        second = rng.choice([n for n in NEEDS if n != first])
        return (r.Need(first, 1), r.Need(second, 2))
    return (r.Need(first, 1),)


def _active(rng: random.Random, started: date, *, transfer: bool) -> r.ActivePlan:
    placements = []
    entry = max(started, _day(rng, date(2018, 9, 1), date(2025, 9, 5)))
    if entry < date(2025, 1, 6) and rng.random() < 0.2:  # moved setting in the year
        left = _day(rng, date(2025, 1, 6), date(2025, 7, 20))
        placements.append(_setting(rng, r.Placement, entry_date=entry, leaving_date=left))
        entry = left + timedelta(days=rng.randrange(1, 60))
    placements.append(
        _setting(
            rng,
            r.Placement,
            entry_date=entry,
            residential=rng.choice(("", "", "", "", "", "", "", "", "A", "B")),
            work_based=rng.random() < 0.03,
            sen_unit=rng.random() < 0.05,
        )
    )
    if rng.random() < 0.05:
        placements.append(_setting(rng, r.Placement, rank=2, entry_date=entry))
    reviewed = started < date(2024, 12, 1)
    meeting = _day(rng, date(2025, 1, 6), date(2025, 12, 12)) if reviewed else None
    return r.ActivePlan(
        transfer_la=rng.choice(LAS) if transfer else "",
        review_meeting=meeting,
        review_outcome=rng.choice("MMMMMMAAC") if meeting else "",
        last_review=meeting + timedelta(days=rng.randrange(1, 28)) if meeting else None,
        placements=tuple(placements),
        needs=_needs(rng),
    )


def _plan(rng: random.Random, start: date, **extra: Any) -> r.NamedPlan:
    budget = rng.random() < 0.1
    return r.NamedPlan(
        start_date=start,
        personal_budget=budget,
        organised_arrangements=budget and rng.random() < 0.5,
        direct_payments=budget and rng.random() < 0.5,
        named_settings=(_setting(rng, r.PlanSetting),),
        **extra,
    )


def _requests(rng: random.Random) -> tuple[r.Request, ...]:
    roll = rng.random()
    source = rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
    received = _day(rng, YEAR_START, date(2025, 10, 31))
    if roll < 0.72:  # a plan held from an earlier year
        started = _day(rng, date(2012, 9, 1), date(2024, 12, 20))
        ceased = rng.random() < 0.06
        return (
            r.Request(
                received_date=started - timedelta(days=rng.randrange(100, 150)),
                outcome="H",
                assessment=r.Assessment(
                    outcome="H",
                    named_plan=_plan(
                        rng,
                        started,
                        cease_date=_day(rng, YEAR_START, date(2025, 12, 20)) if ceased else None,
                        cease_reason=rng.randint(1, 9) if ceased else None,
                    ),
                ),
                active_plan=_active(rng, started, transfer=rng.random() < 0.03),
            ),
        )
    decided = received + timedelta(days=rng.randrange(20, 42))
    if roll < 0.86:  # assessed and issued in the year
        issued = decided + timedelta(days=rng.randrange(60, 140))
        if issued > date(2025, 12, 31):
            issued = date(2025, 12, 31)
        return (
            r.Request(
                received_date=received,
                source=source,
                outcome="Y",
                outcome_date=decided,
                assessment=r.Assessment(
                    outcome="Y",
                    outcome_date=issued,
                    week20=(issued - received).days > 140 and rng.random() < 0.3,
                    named_plan=_plan(rng, issued),
                ),
                active_plan=_active(rng, issued, transfer=False),
            ),
        )
    if roll < 0.94:  # refused; one in 500 with its outcome date missing (an error to find)
        return (
            r.Request(
                received_date=received,
                source=source,
                outcome="N",
                outcome_date=decided if rng.random() > 0.002 else None,
                mediation=rng.random() < 0.1,
                tribunal=rng.random() < 0.05,
            ),
        )
    if roll < 0.97:  # assessed, not issued
        return (
            r.Request(
                received_date=received,
                source=source,
                outcome="Y",
                outcome_date=decided,
                assessment=r.Assessment(outcome="N", outcome_date=decided + timedelta(days=30)),
            ),
        )
    late = _day(rng, date(2025, 6, 1), date(2025, 12, 20))
    return (r.Request(received_date=late, source=source, outcome=rng.choice("AW")),)


def pool(rng: random.Random, size: int) -> list[r.Person]:
    people = []
    for _ in range(size):
        born = _day(rng, date(2001, 2, 1), date(2023, 6, 1))
        identity = rng.random()
        people.append(
            r.Person(
                surname="Surname",
                forename=rng.choice(("Alex", "Sam", "Jo", "Zoë", "Ío", "Kai", "Mo", "Ren")),
                birth_date=born,
                sex=rng.choice("MMF"),
                ethnicity=rng.choice(tuple(spec.ETHNICITY)),
                postcode=f"AB{rng.randrange(1, 99)} {rng.randrange(1, 9)}CD",
                uln="1000000019" if born < date(2009, 1, 1) and identity < 0.5 else "",
                upn_unknown="" if identity < 0.97 else rng.choice(("UN1", "UN2", "UN8")),
                requests=_requests(rng),
            )
        )
    return people


def stream(people: list[r.Person], count: int) -> Iterator[r.Person]:
    """``count`` distinct persons: each a copy of a pool person with its own UPN and name."""
    size = len(people)
    for i in range(count):
        model = people[i % size]
        person: Any = object.__new__(r.Person)
        person.__dict__.update(model.__dict__)
        if not model.upn_unknown:
            body = f"938{i:09d}"
            person.__dict__["upn"] = upn_check_letter(body) + body
        person.__dict__["surname"] = f"Surname{i}"
        yield person


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lxml_write(header: r.Header, persons: Iterator[r.Person], out: Any) -> int:
    """The alternative measured: the same elements through ``lxml.etree.xmlfile``."""
    from lxml import etree

    def emit(xf: Any, record: Any, group: spec.Group) -> None:
        for item in group.items:
            if item.group is not None and item.group.record is None:
                with xf.element(item.xml):
                    emit(xf, record, item.group)
                continue
            value = getattr(record, item.field)
            if value is None or value == "" or value == ():
                continue
            if item.group is not None:
                for each in value if item.repeat else (value,):
                    with xf.element(item.xml):
                        emit(xf, each, item.group)
                continue
            element = etree.Element(item.xml)
            if item.kind == "bool":
                element.text = "true" if value else "false"
            elif item.kind in ("date", "datetime"):
                element.text = value.isoformat()
            else:
                element.text = str(value)
            xf.write(element)

    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            with xf.element("Header"):
                emit(xf, header, spec.HEADER_GROUP)
            with xf.element("Persons"):
                for person in persons:
                    with xf.element("Person"):
                        emit(xf, person, spec.PERSON_GROUP)
                    count += 1
    return count


def main() -> int:
    args = parse_args()
    yardstick = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6
    cpu_yardstick = (
        min(timeit.repeat("sum(range(1000))", number=2000, repeat=5, timer=time.process_time))
        / 2000
        * 1e6
    )
    print(
        f"yardstick: sum(range(1000)) = {yardstick:.1f} µs wall, {cpu_yardstick:.1f} µs CPU "
        "(≈9 µs on an idle modern core)"
    )
    rng = random.Random(args.seed)
    start = time.perf_counter()
    people = pool(rng, args.pool)
    pool_s = time.perf_counter() - start
    print(f"pool of {len(people):,} persons generated in {pool_s:.1f} s")
    result: dict[str, Any] = {"persons": args.persons, "pool": args.pool, "seed": args.seed}
    result["yardstick_us"] = round(yardstick, 1)
    result["cpu_yardstick_us"] = round(cpu_yardstick, 1)

    if args.compare:
        sample = 20_000
        timings = {}
        for name, writer in (("xml_write", xml_write.write), ("lxml_xmlfile", lxml_write)):
            with tempfile.TemporaryFile() as out:
                begin = time.perf_counter()
                writer(HEADER, stream(people, sample), out)
                timings[name] = time.perf_counter() - begin
        print(
            f"writers on {sample:,} persons: hand-built {timings['xml_write']:.2f} s, "
            f"lxml xmlfile {timings['lxml_xmlfile']:.2f} s"
        )
        result["compare_s"] = {k: round(v, 2) for k, v in timings.items()}

    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as handle:
        path = Path(handle.name)
    try:
        begin, cpu = time.perf_counter(), cpu_s()
        with path.open("wb") as out:
            written = xml_write.write(HEADER, stream(people, args.persons), out)
        write_s, write_cpu = time.perf_counter() - begin, cpu_s() - cpu
        size_mb = path.stat().st_size / 1e6
        rss_after_write = peak_rss_mb()
        print(
            f"write: {written:,} persons, {size_mb:,.0f} MB in {write_s:.1f} s "
            f"(CPU {write_cpu:.1f} s) "
            f"({written / write_s:,.0f}/s); peak RSS {rss_after_write:,.0f} MB"
        )
        begin, cpu = time.perf_counter(), cpu_s()
        with path.open("rb") as stream_in:
            report = validate.validate_file(
                stream_in, today=TODAY, expect_la="938", workers=args.workers
            )
        validate_s, validate_cpu = time.perf_counter() - begin, cpu_s() - cpu
        own_rss = peak_rss_mb()
        worker_rss = peak_rss_mb(resource.RUSAGE_CHILDREN) if report.processes > 1 else 0.0
        rss = own_rss + report.processes * worker_rss
        print(
            f"validate: {report.persons:,} persons in {report.processes} process(es), "
            f"{validate_s:.1f} s (CPU {validate_cpu:.1f} s with the workers') "
            f"({report.persons / validate_s:,.0f}/s); {report.errors:,} errors, "
            f"{report.queries:,} queries; peak RSS {own_rss:,.0f} MB, largest worker "
            f"{worker_rss:,.0f} MB, at most {rss:,.0f} MB in all"
        )
        for (rule, level), count in sorted(report.by_rule().items()):
            print(f"  {rule} {level}: {count:,}")
        if args.keep:
            os.replace(path, args.keep)
    finally:
        path.unlink(missing_ok=True)

    result.update(
        write_s=round(write_s, 1),
        write_cpu_s=round(write_cpu, 1),
        validate_s=round(validate_s, 1),
        validate_cpu_s=round(validate_cpu, 1),
        validate_processes=report.processes,
        file_mb=round(size_mb),
        peak_rss_mb=round(own_rss),
        worker_peak_rss_mb=round(worker_rss),
        judged_rss_mb=round(rss),
        errors=report.errors,
        queries=report.queries,
        by_rule={f"{rule} {level}": n for (rule, level), n in report.by_rule().items()},
    )
    missed = []
    write_judge = "wall" if args.judge == "wall" else "cpu"
    validate_judge = args.judge
    if validate_judge == "auto":
        validate_judge = "wall" if report.processes > 1 else "cpu"
    judged_write = write_s if write_judge == "wall" else write_cpu
    judged_validate = validate_s if validate_judge == "wall" else validate_cpu
    result["judged"] = {"write": write_judge, "validate": validate_judge}
    print(f"judged: write on {write_judge} time, validate on {validate_judge} time")
    if judged_write > WRITE_TARGET_S:
        missed.append(f"write {judged_write:.1f} s ({write_judge}) > {WRITE_TARGET_S:.0f} s")
    if judged_validate > VALIDATE_TARGET_S:
        missed.append(
            f"validate {judged_validate:.1f} s ({validate_judge}) > {VALIDATE_TARGET_S:.0f} s"
        )
    if rss > RSS_TARGET_MB:
        missed.append(f"peak RSS {rss:,.0f} MB > {RSS_TARGET_MB:,.0f} MB")
    if report.persons != args.persons:
        missed.append(f"read {report.persons:,} persons of {args.persons:,}")
    result["missed"] = missed
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("MISSED: " + "; ".join(missed) if missed else "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
