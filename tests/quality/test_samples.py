"""Drawing a sample over the database's frame (``quality.samples``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import Review
from senda.kernel import ActionError
from senda.quality import samples
from senda.quality.models import Sample, SampleItem
from tests.factories import make_case, make_child, make_la, make_setting, make_user
from tests.quality.factories import make_audit, make_live_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def _plans(la, count, *, review_on=None, officer=None, **child):
    plans = []
    for _ in range(count):
        case = make_case(make_child(la, **child), officer=officer)
        plan = make_live_plan(case)
        if review_on:
            Review.objects.create(case=case, plan=plan, meeting_on=review_on)
        plans.append(plan)
    return plans


def _draw(la, by, **overrides):
    arguments = {
        "la": la,
        "label": "December 2026",
        "period_start": date(2026, 12, 1),
        "period_end": date(2026, 12, 31),
        "share": Decimal("0.5"),
        "review_share": Decimal("0.5"),
        "exclude_months": 12,
        "strata": ("phase", "need"),
        "by": by,
        "seed": 2026,
        "today": TODAY,
    } | overrides
    return samples.draw_sample(**arguments)


def test_frame_reads_facets_last_review_and_last_audit(django_assert_num_queries):
    la = make_la()
    setting = make_setting(la)
    officer = make_user("case_officer", la)
    case = make_case(
        make_child(la, date_of_birth=date(2012, 1, 10), primary_need="SEMH", setting=setting),
        officer=officer,
    )
    plan = make_live_plan(case)
    Review.objects.create(case=case, plan=plan, meeting_on=date(2026, 3, 3))
    Review.objects.create(case=case, plan=plan, meeting_on=date(2025, 3, 3))
    make_audit(la, case=case, opened_on=date(2026, 2, 1))
    ceased = make_live_plan(la=la)
    ceased.ceased_on = date(2026, 1, 1)
    ceased.save()
    make_live_plan(la=make_la())  # another area's
    with django_assert_num_queries(1):
        rows = samples.frame(la, TODAY)
    assert rows == [
        samples.FrameRow(
            plan.pk,
            case.pk,
            "secondary",  # born January 2012: Year 9 in December 2026
            "SEMH",
            officer.pk,
            setting.pk,
            date(2026, 3, 3),
            date(2026, 2, 1),
        )
    ]


def test_it_leaves_out_recently_audited_plans():
    la = make_la()
    lead = make_user("qa_auditor", la)
    plans = _plans(la, 4)
    for plan in plans[:3]:
        make_audit(la, case=plan.case, opened_on=date(2026, 6, 1))
    sample = _draw(la, lead, share=Decimal("1"))
    assert list(sample.items.values_list("plan_id", flat=True)) == [plans[3].pk]
    assert sample.frame_size == 4


def test_it_meets_the_review_quota():
    la = make_la()
    lead = make_user("qa_auditor", la)
    reviewed = _plans(la, 3, review_on=date(2026, 5, 1))
    _plans(la, 17)
    sample = _draw(la, lead, share=Decimal("0.2"), review_share=Decimal("0.75"), strata=())
    items = list(sample.items.all())
    assert len(items) == 4
    with_review = [item for item in items if item.includes_review]
    assert len(with_review) == 3  # ceil(0.75 × 4), and 3 exist
    assert {item.plan_id for item in with_review} == {plan.pk for plan in reviewed}
    assert "includes the review of 1 May 2026" in with_review[0].reason


def test_it_is_audited_by_ids_and_keeps_seed_and_frame():
    la = make_la()
    lead = make_user("service_manager", la)
    _plans(la, 6)
    sample = _draw(la, lead, share=Decimal("0.3333"))
    entry = AuditEntry.objects.get(object_type="quality.Sample", object_id=str(sample.pk))
    assert entry.verb == "write"
    assert entry.summary == f"sample {sample.pk} drawn: 2 of 6 plans seed=2026 shifted=0"
    assert "Child" not in entry.summary
    assert (sample.seed, sample.frame_size, sample.strata) == (2026, 6, "phase need")
    assert samples.redraw_check(sample)


def test_same_seed_same_items():
    la = make_la()
    lead = make_user("qa_auditor", la)
    _plans(la, 12, review_on=date(2026, 4, 1))
    _plans(la, 12, primary_need="SLCN")
    first = _draw(la, lead, share=Decimal("0.25"))
    second = _draw(la, lead, share=Decimal("0.25"), label="Again", another=True)
    other = _draw(la, lead, share=Decimal("0.25"), label="Other", seed=7, another=True)
    items = lambda s: list(s.items.order_by("plan_id").values_list("plan_id", "reason"))  # noqa: E731
    assert items(first) == items(second)
    assert len(items(first)) == 6
    assert items(other) != items(first)


def test_a_seed_is_drawn_and_recorded_when_not_given():
    la = make_la()
    lead = make_user("qa_auditor", la)
    _plans(la, 3)
    sample = _draw(la, lead, seed=None)
    assert 0 <= sample.seed < samples.SEED_BELOW
    assert samples.redraw_check(sample)


def test_redraw_check_fails_when_items_change():
    la = make_la()
    lead = make_user("qa_auditor", la)
    _plans(la, 10)
    sample = _draw(la, lead, share=Decimal("0.2"))
    item = sample.items.first()
    spare = next(p for p in _plans(la, 1))
    SampleItem.objects.filter(pk=item.pk).update(plan=spare, case=spare.case)
    assert not samples.redraw_check(sample)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"share": Decimal("0")}, "share"),
        ({"share": Decimal("1.5")}, "share"),
        ({"share": "lots"}, "share"),
        ({"review_share": Decimal("-0.1")}, "review_share"),
        ({"review_share": Decimal("1.01")}, "review_share"),
        ({"period_end": date(2026, 11, 30)}, "period_end"),
        ({"label": "  "}, "label"),
        ({"label": "x" * 101}, "label"),
        ({"strata": ("colour",)}, "strata"),
        ({"exclude_months": 9999}, "exclude_months"),
        ({"seed": -1}, "seed"),
    ],
)
def test_it_refuses_bad_choices(overrides, field):
    la = make_la()
    lead = make_user("qa_auditor", la)
    with pytest.raises(ActionError) as error:
        _draw(la, lead, **overrides)
    assert error.value.field == field
    assert not Sample.objects.exists()


@pytest.mark.parametrize("role", ["case_officer", "board_member"])
def test_only_a_qa_lead_draws(role):
    la = make_la()
    with pytest.raises(ActionError, match="Only a QA lead"):
        _draw(la, make_user(role, la))


def test_a_lead_of_another_area_cannot_draw():
    la = make_la()
    with pytest.raises(ActionError, match="Only a QA lead"):
        _draw(la, make_user("qa_auditor", make_la()))


def test_purposive_addition_is_marked_and_audited():
    la = make_la()
    lead = make_user("qa_auditor", la)
    _plans(la, 5)
    sample = _draw(la, lead, share=Decimal("0.2"))
    chosen = _plans(la, 1)[0]
    item = samples.add_purposive(sample=sample, plan=chosen, reason="Complaint-led", by=lead)
    item.refresh_from_db()
    assert (item.purposive, item.reason, item.case_id) == (
        True,
        "Added on purpose: Complaint-led",
        chosen.case_id,
    )
    entry = AuditEntry.objects.get(object_type="quality.SampleItem", object_id=str(item.pk))
    assert entry.summary == (
        f"sample {sample.pk}: case {chosen.case_id} plan {chosen.pk} added on purpose"
    )
    assert samples.redraw_check(sample)  # purposive items are apart from the draw
    with pytest.raises(ActionError) as error:
        samples.add_purposive(sample=sample, plan=chosen, reason="Again", by=lead)
    assert error.value.field == "plan"


def test_purposive_addition_refuses_another_areas_plan_and_empty_reason():
    la = make_la()
    lead = make_user("qa_auditor", la)
    sample = _draw(la, lead)
    with pytest.raises(ActionError):
        samples.add_purposive(sample=sample, plan=make_live_plan(la=make_la()), reason="x", by=lead)
    with pytest.raises(ActionError) as error:
        samples.add_purposive(sample=sample, plan=_plans(la, 1)[0], reason=" ", by=lead)
    assert error.value.field == "reason"


def test_redraw_uses_the_kept_frame_not_todays_register():
    la = make_la()
    lead = make_user("qa_auditor", la)
    _plans(la, 10)
    sample = _draw(la, lead, share=Decimal("0.3"))
    _plans(la, 10)  # the register grows after the draw; an audit is opened
    make_audit(la, case=sample.items.first().case, opened_on=TODAY)
    again = samples.redraw(sample)
    assert again.frame_size == 10
    assert samples.redraw_check(sample)
