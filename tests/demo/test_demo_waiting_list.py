"""The demo's ND waiting list (``senda.demo.waiting_list``): two years of referrals whose
stored fields are their steps' projection, a list that grows, support while waiting, and the
KPIs computed."""

from __future__ import annotations

from datetime import date

from senda.demo.build import Built
from senda.pathways import waits
from senda.pathways.actions import fact_of
from senda.pathways.models import Referral, ReferralStep
from senda.pathways.steps import check, projection
from senda.performance.models import KpiFact
from tests.demo.conftest import TODAY


def test_it_has_two_years_of_referrals_each_its_steps_projection(area: Built) -> None:
    referrals = list(Referral.objects.of_area(area.la.pk))
    assert len(referrals) > 100
    assert min(r.referred_on for r in referrals) >= date(2024, 3, 10)
    assert {r.pathway for r in referrals} >= {"autism", "adhd"}
    steps: dict[int, list] = {}
    for step in ReferralStep.objects.current().filter(referral__la=area.la).order_by("on", "id"):
        steps.setdefault(step.referral_id, []).append(fact_of(step))
    for referral in referrals:
        facts = steps[referral.pk]
        assert check(facts) is None
        for name, value in projection(facts).items():
            assert getattr(referral, name) == value, (referral.pk, name)


def test_the_list_grows_and_its_longest_waits_pass_a_year(area: Built) -> None:
    lines = waits.lines(area.la.pk, "autism")
    now = waits.distribution(waits.waiting(lines, TODAY), TODAY)
    assert now.over_52 > 0 and now.longest > 364
    months = waits.throughput(lines, waits.months_to(TODAY, 12), TODAY)
    assert months[-1].waiting > months[0].waiting
    assert sum(m.assessed for m in months) > 0


def test_tick_computes_the_wait_kpis_from_it(area: Built) -> None:
    facts = KpiFact.objects.filter(la=area.la, kpi="nd-autism-wait-median", dimension="all")
    assert facts.exists()
    assert any(fact.numerator > 0 and fact.denominator for fact in facts)


def test_pilot_schools_complete_profiles_and_tick_counts_them(area: Built) -> None:
    from senda.portal.models import NeedsProfile, ProfilePilot

    pilots = set(ProfilePilot.objects.filter(la=area.la).values_list("setting_id", flat=True))
    made = NeedsProfile.objects.filter(la=area.la)
    assert pilots and made.submitted().exists()
    assert set(made.values_list("setting_id", flat=True)) <= pilots
    assert Referral.objects.filter(la=area.la, profile__isnull=False).exists()
    for kpi in ("nd-profile-before-referral", "nd-profile-settings-using"):
        facts = KpiFact.objects.filter(la=area.la, kpi=kpi, dimension="all")
        assert any(fact.numerator > 0 for fact in facts), kpi


def test_children_waiting_get_support_and_tick_computes_its_kpis(area: Built) -> None:
    for kpi in ("nd-interim-support", "nd-specialist-place-support"):
        fact = KpiFact.objects.filter(la=area.la, kpi=kpi, dimension="all").order_by("-on").first()
        assert fact is not None and 0 < fact.numerator <= (fact.denominator or 0), kpi
    assert KpiFact.objects.filter(la=area.la, kpi="nd-no-diagnosis-rejections").exists()


def test_senda_demo_writes_extracts_of_its_own_children_that_import(area: Built, tmp_path) -> None:
    """``senda demo`` writes a participation extract and an ND waiting-list extract naming
    the area's children (``senda.demo.examples``): each imports with no problem, so a new
    user trying the upload pages sees them match (the docs/examples files name children of
    no area). Written and imported inside the test's transaction."""
    from django.contrib.auth.models import User

    from senda.demo.examples import write_examples
    from senda.pathways.extract_import import import_extract
    from senda.pathways.participation_import import import_participation

    manager = User.objects.get(username="service-manager")
    participation, nd_waits = write_examples(area.la, TODAY, tmp_path)
    done = import_participation(
        participation.read_bytes(),
        filename=participation.name,
        la=area.la,
        by=manager,
        month=TODAY.replace(day=1),
        today=TODAY,
    )
    assert len(participation.read_text().splitlines()) == 7  # six young people
    assert done is not None
    before = Referral.objects.of_area(area.la.pk).count()
    import_extract(
        nd_waits.read_bytes(), filename=nd_waits.name, la=area.la, by=manager, today=TODAY
    )
    assert Referral.objects.of_area(area.la.pk).count() == before + 4
