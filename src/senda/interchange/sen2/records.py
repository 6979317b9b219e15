"""The SEN2 return as plain values, the one shape the writer, reader, validator, export and
import share. Field names are Python's; ``spec`` maps each to its XML element. Dates are
``datetime.date``; flags ``bool``; an item the return leaves out is ``None`` (or ``""``
for text, ``()`` for repeats). Pure: no Django, no I/O.

    Return(header, persons)                       one file
    Person ── requests: Request ── assessment: Assessment ── named_plan: NamedPlan
                                                   └── named_settings: PlanSetting…
                        └── active_plan: ActivePlan ── placements: Placement…, needs: Need…
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar


@dataclass(frozen=True)
class Header:
    """``Header``: the collection, its year and reference (census) date, and the source."""

    collection: str
    year: int
    reference_date: date
    la: str  # LEA: the three-digit LA number
    software_code: str = "Senda"
    release: str = ""
    serial_no: int = 1
    made_at: datetime | None = None
    source_level: str = "L"
    dmo: str = ""  # data management officer: a name (the council's contact for the return)
    dco: str = ""  # data collection officer
    dsco: str = ""  # data submission contact officer


@dataclass(frozen=True)
class SettingRef:
    """Where a plan names or a child attends: exactly one of ``urn``, ``ukprn`` or
    ``setting_code`` (SEN2's codes: OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO)."""

    urn: str = ""
    ukprn: str = ""
    setting_code: str = ""
    setting_other: str = ""
    rank: int | None = 1
    sen_unit: bool | None = False
    resourced_provision: bool | None = False


@dataclass(frozen=True)
class PlanSetting(SettingRef):
    """``PlanDetail``: a setting named in the plan."""


@dataclass(frozen=True)
class Placement(SettingRef):
    """``PlacementDetail``: a setting attended while the plan is active."""

    entry_date: date | None = None
    leaving_date: date | None = None
    residential: str = ""  # RES: A up to 38 weeks, B 39–52
    work_based: bool | None = None  # WBP


@dataclass(frozen=True)
class Need:
    """``SENneed``: a type of need and its rank (1 primary, 2 secondary)."""

    sen_type: str
    rank: int | None = 1


@dataclass(frozen=True)
class NamedPlan:
    """``NamedPlan``: the plan issued after the assessment (or held on transfer in)."""

    start_date: date | None = None
    residential: str = ""  # PlanRes
    work_based: bool | None = None  # PlanWBP
    personal_budget: bool | None = None  # PB
    organised_arrangements: bool | None = None  # OA
    direct_payments: bool | None = None  # DP
    cease_date: date | None = None
    cease_reason: int | None = None
    named_settings: tuple[PlanSetting, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """``Assessment``: the decision whether to issue a plan after assessing."""

    outcome: str = ""  # Y, N, A, W, H
    outcome_date: date | None = None
    mediation: bool | None = False
    tribunal: bool | None = False
    other_mediation: bool | None = False
    other_tribunal: bool | None = False
    week20: bool | None = False  # an exception to the 20-week limit applies
    named_plan: NamedPlan | None = None


@dataclass(frozen=True)
class ActivePlan:
    """``ActivePlans``: a plan active at the census, its reviews, placements and needs."""

    transfer_la: str = ""  # the LA a plan was transferred in from (blank: not transferred)
    review_meeting: date | None = None
    review_outcome: str = ""  # A amend, C cease, M maintain
    last_review: date | None = None  # the date of the review decision
    review_draft: date | None = None  # ReviewDraft: draft amended plan issued (v1.3, 2025+)
    phase_transfer_due: date | None = None  # PhaseTransferDueDate (v1.3)
    phase_transfer_final: date | None = None  # PhaseTransferFinalDate (v1.3)
    placements: tuple[Placement, ...] = ()
    needs: tuple[Need, ...] = ()


@dataclass(frozen=True)
class Request:
    """``Requests``: one request for an EHC needs assessment and what followed."""

    received_date: date | None = None
    source: int | None = None  # RequestSource 1–5 (2025 onwards)
    rya: bool | None = False  # made while in relevant youth accommodation
    outcome: str = ""  # RequestOutcome: Y, N, A, W, H
    outcome_date: date | None = None
    mediation: bool | None = False
    tribunal: bool | None = False
    exported: bool | None = None
    assessment: Assessment | None = None
    active_plan: ActivePlan | None = None


@dataclass(frozen=True)
class Person:
    """``Person``: a child or young person with a request or a plan in the return."""

    surname: str = ""
    forename: str = ""
    birth_date: date | None = None
    sex: str = ""  # M, F, U
    ethnicity: str = ""
    postcode: str = ""
    upn: str = ""
    uln: str = ""
    upn_unknown: str = ""
    requests: tuple[Request, ...] = ()
    #: The person's position in the file (1 = first), set by the reader; not written.
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Return:
    header: Header
    persons: Iterable[Person]


_R = TypeVar("_R")
#: Each record class's fields and their defaults, for ``make``.
_DEFAULTS: dict[type, dict[str, object]] = {}


def make(cls: type[_R], **values: object) -> _R:
    """``cls(**values)`` made as its ``__init__`` makes it, at a third of the cost: the
    instance's fields set in one update, not one frozen ``object.__setattr__`` each (the
    export makes about seven records a person). For record classes whose every field has a
    default; ``values`` must name fields of ``cls`` (a ``TypeError`` otherwise, as
    ``__init__`` raises). ``tests/interchange/sen2/test_xml.py`` holds it to ``__init__``."""
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = {}
        for each in dataclasses.fields(cls):  # type: ignore[arg-type]
            if each.default is not dataclasses.MISSING:
                defaults[each.name] = each.default
            elif each.default_factory is not dataclasses.MISSING:
                raise TypeError(f"{cls.__name__}.{each.name} has a default factory")
            else:
                raise TypeError(f"{cls.__name__}.{each.name} has no default")
        _DEFAULTS[cls] = defaults
    if not values.keys() <= defaults.keys():
        unknown = ", ".join(sorted(values.keys() - defaults.keys()))
        raise TypeError(f"{cls.__name__} has no field {unknown}")
    made = object.__new__(cls)
    fields = made.__dict__
    fields.update(defaults)
    fields.update(values)
    return made
