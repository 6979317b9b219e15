"""The QA frameworks Senda ships: one for EHC plans and one per advice discipline, as data
(the domain doc, ``quality-assurance.md`` §1 and §3). A council installs them once
(``install_defaults``) and then versions its own copy (``quality.frameworks``).

Criteria marked statutory carry the law that requires them (SEND Regulations 2014 reg 12,
Children and Families Act 2014 s37): a plan that fails one is capped at Requires
improvement whatever its score (the framework's ``statutory_cap``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from senda import audit as audit_log
from senda import kernel
from senda.quality.access import qa_lead
from senda.quality.models import Criterion, Domain, Framework

REGS = "SEND Regulations 2014"
CFA = "Children and Families Act 2014"
PLAN_NAME = "EHC plan quality framework"


@dataclass(frozen=True)
class C:
    """A criterion: code, text, what good looks like, weight, and its legal source."""

    code: str
    text: str
    good: str
    weight: str = "1"
    citation: str = ""

    @property
    def statutory(self) -> bool:
        return bool(self.citation)


@dataclass(frozen=True)
class D:
    code: str
    name: str
    sections: str
    criteria: tuple[C, ...]
    weight: str = "1"
    is_outcomes: bool = False


PLAN: tuple[D, ...] = (
    D(
        "voice",
        "The child's voice and aspirations",
        "A",
        (
            C(
                "views-recorded",
                "The views, interests and aspirations of the child and parents (or the young "
                "person) are recorded in section A",
                "Section A holds the family's own words, attributed, with who is speaking.",
                "2",
                f"{REGS} reg 12(1)(a)",
            ),
            C(
                "how-gathered",
                "It is clear how the child's views were gathered and how they contributed",
                "Says how the child was listened to (visit, communication aid, drawing) and by "
                "whom.",
            ),
            C(
                "strengths",
                "Strengths, interests and what the child can do are described positively",
                "Describes what the child enjoys and does well before what is hard.",
            ),
            C(
                "aspirations-carried",
                "The aspirations reappear as steps in the outcomes (section E)",
                "Each long-term hope in A is visibly the end point of one or more outcomes.",
            ),
        ),
    ),
    D(
        "needs",
        "Description of needs",
        "B C D",
        (
            C(
                "sen-identified",
                "Every special educational need identified by the assessment is in section B",
                "Each need in the advice (section K) is carried across or its absence explained.",
                "2",
                f"{REGS} reg 12(1)(b)",
            ),
            C(
                "functional",
                "Needs are described by their impact on learning and daily life, not just a "
                "diagnosis",
                "Current functioning, attainment and strengths, grouped by the four broad areas.",
            ),
            C(
                "health-needs",
                "Health needs related to the child's SEN are in section C",
                "Sourced from named health advice; the impact on learning stated.",
                "1",
                f"{REGS} reg 12(1)(c)",
            ),
            C(
                "care-needs",
                "Social care needs related to the child's SEN or disability are in section D",
                "Social care advice sought even when the child is not open to social care.",
                "1",
                f"{REGS} reg 12(1)(d)",
            ),
            C(
                "traceable",
                "Each need can be traced to provision that meets it",
                "Every need in B has provision in F; every need in C or D has provision in G or H.",
            ),
        ),
        weight="1.5",
    ),
    D(
        "outcomes",
        "Outcomes",
        "E",
        (
            C(
                "outcomes-specified",
                "The outcomes sought for the child are specified in section E",
                "Between three and ten outcomes, across education, health and care.",
                "2",
                f"{REGS} reg 12(1)(e)",
            ),
            C(
                "smart",
                "Each outcome is SMART: a time frame and an observable, measurable change",
                "'By the end of Year 6, Tom will read a Year 4-level book aloud at 70 words a "
                "minute' — not 'Tom will continue to develop reading'.",
                "2",
            ),
            C(
                "not-provision",
                "Outcomes describe the difference for the child, not the provision or the service",
                "No 'will receive', 'sessions' or 'staff will' inside an outcome.",
            ),
            C(
                "linked",
                "Each outcome is a step towards an aspiration in A and answers a need in B, C or D",
                "The golden thread: aspiration, need, outcome, provision.",
            ),
            C(
                "monitoring",
                "Shorter-term targets and how progress will be monitored are set out",
                "Says who sets interim targets and when progress is checked.",
            ),
        ),
        weight="2",
        is_outcomes=True,
    ),
    D(
        "provision",
        "Provision specified and quantified",
        "F G H1 H2",
        (
            C(
                "sep-specified",
                "Special educational provision is specified for each and every need in B",
                "Section F answers every need in B; nothing is left to 'as required'.",
                "2",
                f"{REGS} reg 12(1)(f); {CFA} s37(2)",
            ),
            C(
                "quantified",
                "Provision is quantified: type, amount, frequency and duration",
                "'Speech and language therapy: 30 minutes a week, one to one' — not 'access to "
                "therapy'.",
                "2",
            ),
            C(
                "who-delivers",
                "It says who delivers each provision and with what expertise",
                "Therapist, specialist teacher or a trained teaching assistant, named by role.",
            ),
            C(
                "no-hedges",
                "No vague or hedging words ('access to', 'opportunities', 'regular', 'as "
                "appropriate', 'up to')",
                "Each provision is enforceable as written (Worcestershire CC v SE [2020] UKUT "
                "217).",
            ),
            C(
                "therapy-in-f",
                "Therapy that educates or trains the child is in section F, not G",
                f"Speech and language therapy sits in F ({CFA} s21(5)).",
            ),
        ),
        weight="2",
    ),
    D(
        "multi-agency",
        "Health and social care contributions",
        "C D G H1 H2 K",
        (
            C(
                "health-provision",
                "Health provision reasonably required is specified in section G",
                "As precise as F: provider, amount, frequency.",
                "1",
                f"{REGS} reg 12(1)(g)",
            ),
            C(
                "icb-agreed",
                "The health provision in G is agreed by the health commissioning body",
                "The ICB's agreement is recorded with its date.",
                "1",
                f"{REGS} reg 12(2)",
            ),
            C(
                "h1",
                "Social care provision under the Chronically Sick and Disabled Persons Act "
                "1970 s2 is in section H1",
                "Short breaks and home support with provider, amount and frequency.",
                "1",
                f"{REGS} reg 12(1)(h)(i)",
            ),
            C(
                "h2",
                "Any other social care provision reasonably required is in section H2, kept "
                "apart from H1",
                "H2 names other care provision, or says none is required.",
                "1",
                f"{REGS} reg 12(1)(h)(ii)",
            ),
            C(
                "advice-listed",
                "The advice and information gathered in the assessment are listed in section K "
                "and reflected",
                "Every adviser's needs and provision appear in the plan, or the departure is "
                "explained.",
            ),
        ),
    ),
    D(
        "adulthood",
        "Preparing for adulthood",
        "A E F",
        (
            C(
                "pfa-outcomes",
                "From Year 9, outcomes prepare for adulthood (employment, independent living, "
                "community, health)",
                "At least one outcome per relevant PfA area; 'does not apply' below Year 9.",
                "2",
            ),
            C(
                "pfa-provision",
                "Provision supports the transition to the next phase",
                "Work experience, travel training or college tasters are specified in F.",
            ),
            C(
                "future-aspirations",
                "Aspirations for work, independent living and community life are recorded",
                "Section A records what the young person wants for their adult life.",
            ),
        ),
        weight="0.5",
    ),
    D(
        "review",
        "The review",
        "A B E F I J",
        (
            C(
                "placement",
                "The school or other institution, or its type, is named in section I",
                "Section I matches the placement decision.",
                "1",
                f"{REGS} reg 12(1)(i)",
            ),
            C(
                "direct-payments",
                "Where provision is secured by direct payment, the needs and outcomes it meets "
                "are in section J",
                "Amount, what it funds and which outcomes; or 'none requested'.",
                "1",
                f"{REGS} reg 12(1)(j)",
            ),
            C(
                "current",
                "The plan was updated after the latest annual review",
                "Needs, outcomes and provision reflect what the review found.",
            ),
            C(
                "readable",
                "The plan is clear, concise and free of unexplained jargon",
                "A professional in any council could act on it; acronyms explained.",
            ),
        ),
    ),
)

#: Advice frameworks per ``AdviceTeam.Discipline`` value (domain doc §3).
_ADVICE_COMMON = (
    C(
        "clear",
        "The advice is clear, concise, dated and free of unexplained jargon",
        "Results explained; dated within the last 12 months.",
    ),
    C(
        "needs-impact",
        "Needs are described by their impact on learning and daily life",
        "Functional difficulties, not only a diagnosis.",
        "2",
    ),
    C(
        "provision-quantified",
        "Provision is specified and quantified: what, how often, for how long, by whom",
        "No 'access to therapy as required'.",
        "2",
    ),
    C(
        "outcomes",
        "Outcomes the provision should achieve are stated",
        "Outcomes-focused, relevant to the child's age and phase.",
    ),
    C(
        "child-voice",
        "The child's and family's views are recorded",
        "Says how the child's views were gathered.",
    ),
    C(
        "within-expertise",
        "The advice stays within the writer's expertise",
        "No other profession's provision specified; no repeating other advice.",
    ),
)
ADVICE: dict[str, tuple[D, ...]] = {
    "education": (
        D("quality", "Quality of the advice", "", _ADVICE_COMMON),
        D(
            "psychology",
            "Educational advice",
            "",
            (
                C(
                    "basis",
                    "The basis of the assessment is explained (methods, observation, consultation)",
                    "Says what was done, with whom, and what it found.",
                ),
                C(
                    "tried",
                    "What has been tried and its effect are described",
                    "Interventions so far, with their result.",
                ),
            ),
        ),
    ),
    "health": (
        D("quality", "Quality of the advice", "", _ADVICE_COMMON),
        D(
            "health",
            "Health advice",
            "",
            (
                C(
                    "therapy-placement",
                    "Therapy that educates or trains is advised for section F, not G",
                    f"{CFA} s21(5).",
                ),
                C(
                    "deliverer",
                    "It says who delivers the provision (therapist or trained assistant) and "
                    "when it is reviewed",
                    "Deliverer, frequency and review point named.",
                ),
            ),
        ),
    ),
    "social care": (
        D("quality", "Quality of the advice", "", _ADVICE_COMMON),
        D(
            "social-care",
            "Social care advice",
            "",
            (
                C(
                    "involvement",
                    "Current and recent involvement is described (early help, CIN, CP, LAC)",
                    "'Not known to social care' is followed by an enquiry of the family.",
                ),
                C(
                    "h1-h2",
                    "Provision under CSDPA 1970 s2 (H1) is kept apart from other provision "
                    "(H2) and quantified",
                    "Short breaks with provider, amount and frequency.",
                ),
            ),
        ),
    ),
}
ADVICE_NAMES = {
    "education": "Educational advice quality framework",
    "health": "Health advice quality framework",
    "social care": "Social care advice quality framework",
}


def _write(framework: Framework, domains: tuple[D, ...]) -> None:
    for d_order, d in enumerate(domains, start=1):
        domain = Domain.objects.create(
            framework=framework,
            code=d.code,
            name=d.name,
            sections=d.sections,
            weight=Decimal(d.weight),
            order=d_order,
            is_outcomes=d.is_outcomes,
        )
        Criterion.objects.bulk_create(
            Criterion(
                domain=domain,
                code=c.code,
                text=c.text,
                good_looks_like=c.good,
                weight=Decimal(c.weight),
                statutory=c.statutory,
                citation=c.citation,
                order=c_order,
            )
            for c_order, c in enumerate(d.criteria, start=1)
        )


@transaction.atomic
def install_defaults(*, la: Any, by: Any, today: date | None = None) -> list[Framework]:
    """Install the shipped frameworks (plan and advice per discipline) as published
    version 1 for ``la``; does nothing (returns []) if the area already has frameworks."""
    today = today or kernel.today()
    lead = qa_lead(by)
    kernel.check_permission(
        lead is not None and lead.la_id == la.pk, "Only a QA lead of this area can do this."
    )
    if Framework.objects.filter(la=la).exists():
        return []
    made = []
    wanted = [("plan", "", PLAN_NAME, PLAN)] + [
        ("advice", discipline, ADVICE_NAMES[discipline], domains)
        for discipline, domains in ADVICE.items()
    ]
    for subject, discipline, name, domains in wanted:
        framework = Framework.objects.create(
            la=la,
            subject=subject,
            discipline=discipline,
            name=name,
            version=1,
            status=Framework.Status.PUBLISHED,
            created_by=by,
            published_on=today,
        )
        _write(framework, domains)
        audit_log.record(
            user=by,
            verb="write",
            obj=framework,
            la_id=la.pk,
            summary=f"framework {framework.pk}: default installed",
        )
        made.append(framework)
    return made
