"""The demo area's own KPIs, added as a service manager adds them on the pages
(``senda.performance.local_kpis``): attendance of children with EHC plans, recorded each
school term, with its baseline, target and a first value for the last complete term; and
children's voice in their plans, recorded each academic year, whose definition and
baseline the partnership is still working to establish.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from senda.people.models import LocalAuthority
from senda.performance import local_kpis, periods
from senda.performance.models import LocalKpi, RecordedValue, Trajectory
from senda.performance.recorded import record_value

ATTENDANCE = local_kpis.Definition(
    name="Attendance of children with EHC plans",
    definition="Sessions attended by pupils with an EHC plan in the area's state-funded "
    "schools, as a share of the sessions they could have attended, over the school term.",
    numerator="Sessions attended by pupils with an EHC plan",
    denominator="Possible sessions of pupils with an EHC plan",
    unit="percent",
    higher_is_better=True,
    period="term",
    owner="Head of inclusion",
    data_source="Schools' attendance returns (termly census)",
    area="families",
)
VOICE = local_kpis.Definition(
    name="Children's voice heard in their plans",
    definition="Plans whose section A records the child's or young person's views in their "
    "own words. The partnership is agreeing how a plan is judged and what the baseline is.",
    unit="percent",
    higher_is_better=True,
    period="year",
    owner="Principal educational psychologist",
    data_source="Plan quality audits",
    area="quality",
    establishing=True,
)


def write(la: LocalAuthority, today: date, user: User) -> list[str]:
    """Add the two KPIs for ``la`` (replacing any of its own it had), and the attendance
    KPI's value for the last complete term; their ids."""
    ids = list(LocalKpi.objects.filter(la=la).values_list("kpi", flat=True))
    RecordedValue.objects.filter(la=la, kpi__in=ids).delete()
    Trajectory.objects.filter(la=la, kpi__in=ids).delete()
    LocalKpi.objects.filter(la=la).delete()  # its versions go with it
    term = periods.containing(today, "term").previous()
    attendance = local_kpis.add_local_kpi(
        by=user,
        la=la,
        definition=ATTENDANCE,
        baseline_value=Decimal("87.5"),
        baseline_on=term.previous().end,
        baseline_note=term.previous().label,
        target_value=Decimal("92.0"),
        target_on=periods.containing(today, "year").following().end,
    )
    record_value(
        user=user,
        la=la,
        kpi_id=attendance.kpi,
        period=term,
        value=None,
        numerator=41_230,
        denominator=46_480,
        evidence=f"Schools' attendance returns, {term.label}",
        today=today,
    )
    voice = local_kpis.add_local_kpi(by=user, la=la, definition=VOICE)
    return [attendance.kpi, voice.kpi]
