"""Support while waiting (docs/pathways.md): recorded, corrected by superseding and
withdrawn, each audited; the KPIs computed from it (interim support on the list, triage
rejections for want of a diagnosis, specialist support of children waiting for a place)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.pathways import actions, measures
from senda.pathways.models import Support
from senda.pathways.support import (
    correct_support,
    record_support,
    supported_children,
    withdraw_support,
)
from senda.performance import records
from tests.factories import make_child, make_la, make_user
from tests.pathways.factories import TODAY, referral
from tests.sufficiency.places_factories import make_plan_case, place

pytestmark = pytest.mark.django_db
START, END = date(2026, 1, 1), date(2026, 3, 31)


def support(made, by, kind="school", starts=date(2026, 1, 12), ends=None):
    return record_support(
        referral=made,
        kind=kind,
        provider_kind="setting",
        provider="Oak Primary",
        starts_on=starts,
        ends_on=ends,
        by=by,
        today=TODAY,
    )


def test_support_is_recorded_corrected_and_withdrawn_never_changed():
    la = make_la()
    officer = make_user("case_officer", la)
    made = referral(make_child(la), officer, on=date(2025, 9, 1))
    first = support(made, officer)
    assert supported_children(la.pk, date(2026, 2, 1)) == {made.child_id}
    ended = correct_support(
        support=first,
        kind="school",
        provider_kind="setting",
        provider="Oak Primary",
        starts_on=date(2026, 1, 12),
        ends_on=date(2026, 1, 31),
        why="The programme ended",
        by=officer,
        today=TODAY,
    )
    assert supported_children(la.pk, date(2026, 2, 1)) == set()
    with pytest.raises(ActionError) as again:
        withdraw_support(support=first, why="Twice", by=officer)
    assert again.value.field == "__all__"
    withdraw_support(support=ended, why="Wrong child", by=officer)
    assert Support.objects.count() == 3 and not Support.objects.current().exists()
    assert (
        AuditEntry.objects.filter(
            verb="write", child=made.child, summary__startswith="nd support"
        ).count()
        == 3
    )
    with pytest.raises(ActionError) as late:
        support(made, officer, starts=date(2026, 2, 1), ends=date(2026, 1, 1))
    assert late.value.field == "ends_on"
    with pytest.raises(ActionError) as future:
        support(made, officer, starts=date(2026, 4, 1))
    assert future.value.field == "starts_on"
    with pytest.raises(ActionError) as qa:
        support(made, make_user("qa_auditor", la))
    assert qa.value.field == "__all__"


def test_the_kpis_count_support_rejections_and_children_waiting_for_a_place():
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la)
    two = referral(child, officer, on=date(2025, 6, 2))
    referral(child, officer, on=date(2025, 7, 1), pathway="adhd")  # the same child
    helped_later = referral(make_child(la), officer, on=date(2025, 8, 1))
    support(two, officer)
    support(helped_later, officer, starts=date(2026, 2, 1), ends=date(2026, 2, 28))
    interim = measures.count("nd-interim-support", la, START, END, TODAY)
    assert (interim.counted, interim.missed) == ((two.pk,), (helped_later.pk,))
    assert measures.count("nd-interim-support", la, START, date(2026, 2, 15), TODAY).counted == (
        two.pk,
        helped_later.pk,
    )

    rejected = actions.record_referral(
        child=make_child(la), pathway="adhd", referred_on=date(2026, 1, 5), source="gp",
        by=officer, today=TODAY,
    )  # fmt: skip
    actions.record_triage(
        referral=rejected, on=date(2026, 1, 19), accepted=False, reason="no_diagnosis",
        by=officer, today=TODAY,
    )  # fmt: skip
    referral(make_child(la), officer, on=date(2026, 1, 5), rejected=date(2026, 1, 20))
    refused = records.count("nd-no-diagnosis-rejections", la, START, END, TODAY)
    assert (refused.counted, refused.rate) == ((rejected.pk,), False)

    waiting = make_plan_case(la)
    place(waiting, None, date(2025, 11, 1), setting_code="NIEO")
    unsupported = make_plan_case(la)
    place(unsupported, None, date(2025, 11, 1), setting_code="NIEO")
    on_list = referral(waiting.case.child, officer, on=date(2025, 10, 1))
    support(on_list, officer, kind="specialist")
    found = records.count("nd-specialist-place-support", la, START, END, TODAY)
    assert (found.counted, found.missed, found.of) == (
        (waiting.case_id,),
        (unsupported.case_id,),
        "case",
    )
    assert records.on_the_day("nd-specialist-place-support")
