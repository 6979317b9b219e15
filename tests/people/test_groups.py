"""A child's vulnerable groups: who may record them, the checks, periods corrected and
withdrawn by superseding (never lost), the audit, and the groups a child is in on a day
(looked-after periods and the SEN2 flags read as one)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.people import groups
from senda.people.models import AdviceTeam, Child, ChildGroupPeriod
from tests.factories import make_advice_team, make_child, make_personas, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
LAC = ChildGroupPeriod.Group.LOOKED_AFTER
PLAC = ChildGroupPeriod.Group.PREVIOUSLY_LOOKED_AFTER


@pytest.fixture
def p() -> Any:
    return make_personas()


def record(p: Any, **changes: Any) -> ChildGroupPeriod:
    base: dict[str, Any] = {
        "child": p.child,
        "group": LAC,
        "start": date(2024, 1, 10),
        "by": p.case_officer,
        "today": TODAY,
    }
    return groups.record_period(**(base | changes))


def test_casework_staff_record_a_period_and_it_is_audited(p: Any) -> None:
    period = record(p)
    assert groups.groups_of(p.child, TODAY) == [LAC]
    entry = AuditEntry.objects.filter(verb="write", child=p.child).latest("pk")
    assert f"group period {period.pk} recorded" in entry.summary
    assert p.child.given_name not in entry.summary


@pytest.mark.parametrize("who", ["qa_auditor", "senco", "parent", "board_member", "advice_giver"])
def test_other_roles_may_not(p: Any, who: str) -> None:
    with pytest.raises(ActionError):
        record(p, by=getattr(p, who))
    assert not groups.may_see_groups(getattr(p, who), p.la.pk)


def test_social_care_staff_may_and_another_area_may_not(p: Any) -> None:
    social = make_user("advice_giver", p.la)
    make_advice_team(p.la, discipline=AdviceTeam.Discipline.SOCIAL_CARE).members.add(social)
    assert record(p, by=social).recorded_by == social
    assert not groups.may_see_groups(p.other_la_officer, p.la.pk)
    with pytest.raises(ActionError):
        record(p, by=p.other_la_officer, start=date(2020, 1, 1), end=date(2020, 2, 1))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": None}, "start"),
        ({"start": date(2027, 1, 1)}, "start"),
        ({"start": date(2010, 1, 1)}, "start"),  # before the child was born
        ({"end": date(2023, 1, 1)}, "end"),
        ({"end": date(2027, 1, 1)}, "end"),
        ({"group": "orphan"}, "group"),
        ({"group": PLAC}, "how"),
        ({"how": "adopted"}, "how"),
        ({"group": PLAC, "how": "nonsense"}, "how"),
    ],
)
def test_it_refuses_bad_periods_naming_the_field(
    p: Any, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ActionError) as refused:
        record(p, **changes)
    assert refused.value.field == field
    assert not ChildGroupPeriod.objects.exists()


def test_overlapping_periods_of_one_group_are_refused_others_are_not(p: Any) -> None:
    record(p, end=date(2025, 3, 1))
    with pytest.raises(ActionError) as refused:
        record(p, start=date(2025, 2, 1))
    assert refused.value.field == "start"
    record(p, start=date(2025, 3, 2))  # after it ended
    record(p, group=PLAC, how="sgo", start=date(2025, 3, 2))
    assert groups.groups_of(p.child, TODAY) == [LAC, PLAC]


def test_correcting_keeps_the_first_and_the_correction_stands(p: Any) -> None:
    first = record(p)
    fixed = groups.correct_period(
        period=first,
        start=date(2024, 2, 1),
        end=date(2025, 1, 31),
        reason="typo",
        by=p.case_officer,
        today=TODAY,
    )
    assert fixed.replaces == first
    assert list(ChildGroupPeriod.objects.current()) == [fixed]
    assert ChildGroupPeriod.objects.count() == 2
    assert groups.groups_of(p.child, TODAY) == []
    assert groups.groups_of(p.child, date(2024, 6, 1)) == [LAC]
    with pytest.raises(ActionError):  # the first cannot be corrected twice
        groups.correct_period(
            period=first,
            start=date(2024, 3, 1),
            end=None,
            reason="x",
            by=p.case_officer,
            today=TODAY,
        )
    with pytest.raises(ActionError) as refused:
        groups.correct_period(
            period=fixed,
            start=fixed.start,
            end=fixed.end,
            reason="x",
            by=p.case_officer,
            today=TODAY,
        )
    assert refused.value.field == "__all__"
    with pytest.raises(ActionError) as refused:
        groups.correct_period(
            period=fixed,
            start=date(2024, 3, 1),
            end=None,
            reason=" ",
            by=p.case_officer,
            today=TODAY,
        )
    assert refused.value.field == "reason"


def test_withdrawing_keeps_the_period_and_leaves_the_child_out(p: Any) -> None:
    first = record(p)
    gone = groups.withdraw_period(
        period=first, reason="wrong child", by=p.service_manager, today=TODAY
    )
    assert gone.withdrawn and gone.replaces == first
    assert not ChildGroupPeriod.objects.current().exists()
    assert groups.groups_of(p.child, TODAY) == []


def test_the_sen2_flags_are_read_as_groups_not_copied(p: Any) -> None:
    other = make_child(p.la, elective_home_education=True, missing_education=True)
    make_child(p.la, elective_home_education=False)
    record(p)
    found = groups.groups_by_child(Child.objects.filter(la=p.la), TODAY)
    assert found == {p.child.pk: [LAC], other.pk: ["home_educated", "missing_education"]}
    assert ChildGroupPeriod.objects.count() == 1
