"""The demo's SEN2 side (issue 16): placements and named settings for every plan, the
children's SEN2 facts, the planted faults (``demo.sen2.FAULTS``), the data-quality
history and last January's return."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from django.db.models import F, Q

from senda.casework.models import AssessmentRequest, Case, NamedSetting, Placement, Plan
from senda.demo import sen2
from senda.demo.build import Built
from senda.demo.sen2_facts import ETHNICITIES
from senda.interchange import quality_checks
from senda.interchange.models import Sen2Run
from senda.people.models import Child
from senda.performance.models import KpiFact
from tests.demo.conftest import TODAY

POSTCODE = re.compile(r"^SV[12]\d \d[ABDEFGHJLNPQRSTUWXYZ]{2}$")


def test_every_plan_has_placements_and_named_settings(area: Built) -> None:
    plans = Plan.objects.filter(case__la=area.la)
    assert not plans.filter(named_settings__isnull=True).exists()
    assert not plans.exclude(case__placements__isnull=False).exists()
    placements = Placement.objects.filter(case__la=area.la)
    # The current placement is open; earlier ones ended; a few concurrent ranked 2.
    assert placements.filter(left_on__isnull=True).exists()
    assert placements.filter(left_on__isnull=False).exists()
    assert placements.filter(rank=2, left_on__isnull=True).exists()
    codes = set(placements.values_list("setting_code", flat=True)) - {""}
    assert codes & {"NEET", "OTH", "OLA", "EHE", "EYP", "OPA"}
    assert not placements.exclude(setting_code="OTH").exclude(setting_other="").exists()
    # Most plans name the setting the child attends now.
    live = plans.filter(ceased_on__isnull=True)
    named_here = live.filter(
        named_settings__rank=1,
        named_settings__setting=F("case__placements__setting"),
        case__placements__left_on__isnull=True,
        case__placements__rank=1,
    ).distinct()
    assert named_here.count() > live.count() * 0.75


def test_plans_children_and_flags_hold_realistic_sen2_facts(area: Built) -> None:
    plans = Plan.objects.filter(case__la=area.la)
    budgets = plans.filter(personal_budget=True).count()
    assert 0.03 * plans.count() < budgets < 0.2 * plans.count()
    assert not plans.filter(personal_budget=True, direct_payments=False).exclude(
        organised_arrangements=True
    )
    assert not plans.filter(personal_budget=False).filter(
        Q(direct_payments=True) | Q(organised_arrangements=True)
    )
    assert set(plans.values_list("residential", flat=True)) <= {"", "A", "B"}
    children = Child.objects.filter(la=area.la)
    total = children.count()
    second = children.exclude(secondary_need="").count()
    assert 0.25 * total < second < 0.55 * total
    ethnicities = Counter(children.values_list("ethnicity", flat=True))
    assert set(ethnicities) <= {code for code, _w in ETHNICITIES}
    assert ethnicities.most_common(1)[0][0] == "WBRI"
    assert len(ethnicities) >= 8
    postcodes = list(children.values_list("postcode", flat=True))
    assert all(POSTCODE.match(p) for p in postcodes), postcodes[:5]


def test_the_planted_faults_are_in_the_records(area: Built) -> None:
    # Each fault on its own open case, never a persona's; in this small area (300 plans,
    # March) all but at most one kind of record exists.
    assert set(area.faults) <= {fault.key for fault in sen2.FAULTS}
    assert len(area.faults) >= len(sen2.FAULTS) - 1 >= 5
    assert len(set(area.faults.values())) == len(area.faults)
    checks = {
        "no-identifier": Child.objects.filter(upn="", uln="", upn_unknown=""),
        "over-25": Child.objects.filter(
            date_of_birth__lt=date(TODAY.year - 26, TODAY.month, TODAY.day),
            cases__plans__isnull=False,  # a plan (retention's adult of 33 has none)
            cases__plans__ceased_on__isnull=True,
        ),
        "ceased-no-reason": Plan.objects.filter(ceased_on__isnull=False, cease_reason__isnull=True),
        "oth-no-text": Placement.objects.filter(
            setting_code="OTH", setting_other="", left_on__isnull=True
        ),
        "left-before-entry": Placement.objects.filter(left_on__lt=F("entered_on")),
        "request-after-decision": AssessmentRequest.objects.filter(
            received_on__gt=F("assess_decided_on")
        ),
    }
    assert set(checks) == {fault.key for fault in sen2.FAULTS}
    for key, case_id in area.faults.items():
        field = "cases" if key in {"no-identifier", "over-25"} else "case"
        assert checks[key].filter(**{field: case_id}).exists(), key
    # Nothing else in the area has these faults (a child without a UPN or a reason aside:
    # the flags' own gaps, ``child_flags``).
    for key in set(area.faults) - {"no-identifier"}:
        of = "cases__la" if key == "over-25" else "case__la"
        assert checks[key].filter(**{of: area.la}).distinct().count() == 1, key


def test_next_and_last_census() -> None:
    assert sen2.next_census(date(2026, 12, 3)) == date(2027, 1, 21)
    assert sen2.next_census(date(2027, 1, 21)) == date(2027, 1, 21)
    assert sen2.next_census(date(2026, 1, 2)) == date(2026, 1, 15)


def test_the_data_quality_kpis_have_a_history_counted_from_real_states(area: Built) -> None:
    facts = KpiFact.objects.filter(
        la=area.la, kpi="dq-home-education-not-recorded", period="month"
    ).order_by("on")
    days = [fact.on for fact in facts]
    assert len(days) == sen2.HISTORY_MONTHS + 1
    assert days[-1] == TODAY
    counts = [fact.numerator for fact in facts]
    assert counts == sorted(counts, reverse=True)  # gaps are filled, never made
    assert counts[0] > counts[-1]
    # Every check has its history, for the month and the quarter.
    past = KpiFact.objects.filter(la=area.la, kpi__startswith="dq-", on__lt=TODAY)
    assert past.values("kpi").distinct().count() >= 10
    assert set(past.values_list("period", flat=True)) == {"month", "quarter"}


def test_last_census_is_the_third_thursday_of_january_before_today() -> None:
    assert sen2.last_census(date(2026, 12, 3)) == date(2026, 1, 15)
    assert sen2.last_census(date(2027, 1, 21)) == date(2026, 1, 15)
    assert sen2.last_census(date(2027, 1, 22)) == date(2027, 1, 21)


def test_named_settings_hold_one_of_a_setting_or_a_code(area: Built) -> None:
    named = NamedSetting.objects.filter(plan__case__la=area.la)
    assert not named.filter(setting__isnull=True, setting_code="").exists()
    assert named.exclude(setting_code="").exists()


def test_last_januarys_return_is_in_the_history(area: Built) -> None:
    run = Sen2Run.objects.get(la=area.la)
    assert run.kind == Sen2Run.Kind.EXPORT
    assert run.census_date == sen2.last_census(TODAY)
    assert run.made_by is not None and run.made_by.username == "service-manager"
    assert run.made_at.date() > run.census_date
    assert run.persons > 0 and run.counts["plans_active"] > 0
    assert run.sha256 and run.file_name.endswith(".xml")


def test_sen2_errors_on_open_cases_are_those_of_the_whole_return(area: Built) -> None:
    """The check makes only the persons of children with an open case; on the demo area
    (closed cases, faults and all) it lists what checking every person of the return
    lists, kept to open cases, on days a year apart."""
    from datetime import datetime, time

    from senda.interchange.sen2 import export, validate

    la = area.la
    assert Case.objects.filter(la=la, status=Case.Status.CLOSED).exists()  # left out here
    for day in (date(2025, 3, 31), date(2025, 11, 30), date(2026, 3, 10)):
        census = export.next_census(day)
        header = export.header_for(la, census, made_at=datetime.combine(day, time(0)))
        children: list[int] = []
        failing = set()
        for person in export.persons_for(la, census, today=day, children=children):
            found = validate.check_person(person, header=header, today=day)
            if any(finding.level == "error" for finding in found):
                failing.add(children[-1])
        whole = sorted(
            Case.objects.filter(la=la, status=Case.Status.OPEN, child_id__in=failing)
            .values_list("pk", flat=True)
            .distinct()
        )
        assert whole, day  # the demo's faults and dates give each day something to find
        assert quality_checks.sen2_errors(la, day) == whole, day
