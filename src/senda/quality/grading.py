"""Grades computed from an auditor's judgements, so a grade does not depend on an
auditor's mood: each domain's score is the weighted share of its applicable criteria met
(met 1, partly met ½, not met 0; "does not apply" left out); the overall score is the
domain scores weighted by the domains' weights; the framework's thresholds turn a score
into a grade; a legal requirement not met caps its domain and the whole plan at the
framework's cap (Requires improvement by default). Pure: no database, no Django.

    result = compute(spec, {criterion_id: "met", ...})
    result.overall, result.score, result.domains[code].grade, result.outcome, result.capped
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

VALUE = {"met": Decimal(1), "partly": Decimal("0.5"), "not_met": Decimal(0)}
GRADE_WORDS = {4: "Outstanding", 3: "Good", 2: "Requires improvement", 1: "Inadequate"}


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: Decimal
    statutory: bool


@dataclass(frozen=True)
class DomainSpec:
    code: str
    name: str
    weight: Decimal
    is_outcomes: bool
    criteria: Sequence[CriterionSpec]


@dataclass(frozen=True)
class Spec:
    """A framework version as grading needs it (``spec_of`` reads one from the database)."""

    domains: Sequence[DomainSpec]
    outstanding_from: Decimal = Decimal("0.9")
    good_from: Decimal = Decimal("0.7")
    requires_improvement_from: Decimal = Decimal("0.5")
    statutory_cap: int = 2

    def grade_for(self, score: Decimal) -> int:
        if score >= self.outstanding_from:
            return 4
        if score >= self.good_from:
            return 3
        if score >= self.requires_improvement_from:
            return 2
        return 1


@dataclass(frozen=True)
class DomainResult:
    code: str
    score: Decimal | None
    grade: int | None
    capped: bool
    judged: int
    of: int


@dataclass(frozen=True)
class Result:
    score: Decimal | None
    overall: int | None
    outcome: int | None
    capped: bool
    complete: bool
    domains: Mapping[str, DomainResult] = field(default_factory=dict)
    failed_statutory: tuple[int, ...] = ()


def _domain(spec: Spec, domain: DomainSpec, met: Mapping[int, str]) -> DomainResult:
    total = Decimal(0)
    weights = Decimal(0)
    judged = 0
    failed = False
    for criterion in domain.criteria:
        answer = met.get(criterion.id)
        if answer is None:
            continue
        judged += 1
        if answer == "na":
            continue
        total += criterion.weight * VALUE[answer]
        weights += criterion.weight
        failed = failed or (criterion.statutory and answer == "not_met")
    if weights == 0:
        return DomainResult(domain.code, None, None, False, judged, len(domain.criteria))
    score = (total / weights).quantize(Decimal("0.001"))
    grade = spec.grade_for(score)
    capped = failed and grade > spec.statutory_cap
    return DomainResult(
        domain.code,
        score,
        min(grade, spec.statutory_cap) if failed else grade,
        capped,
        judged,
        len(domain.criteria),
    )


def compute(spec: Spec, met: Mapping[int, str]) -> Result:
    """Domain and overall grades from ``met`` (criterion id → met / partly / not_met /
    na). ``complete``: every criterion judged (an audit is submitted only then)."""
    domains = {d.code: _domain(spec, d, met) for d in spec.domains}
    failed = tuple(
        c.id for d in spec.domains for c in d.criteria if c.statutory and met.get(c.id) == "not_met"
    )
    scored = [(d, domains[d.code]) for d in spec.domains if domains[d.code].score is not None]
    weights = sum((d.weight for d, _ in scored), Decimal(0))
    complete = all(r.judged == r.of for r in domains.values())
    outcome = next((domains[d.code].grade for d in spec.domains if d.is_outcomes), None)
    if not scored or weights == 0:
        return Result(None, None, outcome, False, complete, domains, failed)
    score = (
        sum((d.weight * r.score for d, r in scored if r.score is not None), Decimal(0)) / weights
    ).quantize(Decimal("0.001"))
    grade = spec.grade_for(score)
    capped = bool(failed) and grade > spec.statutory_cap
    overall = min(grade, spec.statutory_cap) if failed else grade
    return Result(score, overall, outcome, capped, complete, domains, failed)


def spec_of(framework: object) -> Spec:
    """The grading spec of a ``quality.Framework`` (its domains and criteria, two queries)."""
    from senda.quality.models import Criterion, Domain

    domains = list(Domain.objects.filter(framework=framework).order_by("order", "id"))
    criteria: dict[int, list[CriterionSpec]] = {d.pk: [] for d in domains}
    for c in Criterion.objects.filter(domain__in=domains).order_by("order", "id"):
        criteria[c.domain_id].append(CriterionSpec(c.pk, c.weight, c.statutory))
    return Spec(
        domains=[
            DomainSpec(d.code, d.name, d.weight, d.is_outcomes, tuple(criteria[d.pk]))
            for d in domains
        ],
        outstanding_from=framework.outstanding_from,  # type: ignore[attr-defined]
        good_from=framework.good_from,  # type: ignore[attr-defined]
        requires_improvement_from=framework.requires_improvement_from,  # type: ignore[attr-defined]
        statutory_cap=framework.statutory_cap,  # type: ignore[attr-defined]
    )
