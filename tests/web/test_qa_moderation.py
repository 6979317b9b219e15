"""Moderation pages: a QA lead opens a round through the form, raters stay blind to each
other's grades on the round page until they submit, the agreed grade and the meeting are
recorded, and the agreement page shows percent agreement beside kappa."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.quality import moderation
from senda.quality.audits import set_judgement, submit_audit
from senda.quality.models import Audit, Criterion, Round
from tests.quality.factories import make_framework, make_live_plan, make_sample, make_version
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 2)
DUE = date(2026, 11, 20)
MEETING = date(2026, 11, 25)
ALL_MET = {"smart": "met", "aspiration": "met", "specified": "met", "deliverer": "met"}
WEAK = {"smart": "not_met", "aspiration": "not_met", "specified": "met", "deliverer": "met"}


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def dated(on: date, name: str) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def grade(audit: Audit, user, mets: dict[str, str], on: date = DUE) -> Audit:
    for criterion in Criterion.objects.filter(domain__framework=audit.framework):
        set_judgement(
            audit=audit, criterion=criterion, met=mets[criterion.code], evidence="E", by=user
        )
    return submit_audit(audit=audit, by=user, today=on)


def plan_of(la):
    plan = make_live_plan(la=la)
    make_version(plan)
    return plan


@pytest.fixture
def scene(personas):
    """A round of one plan rated by the QA auditor (A) and the team manager (B)."""
    framework = make_framework(personas.la)
    round_ = moderation.open_round(
        la=personas.la,
        name="November 2026",
        framework=framework,
        plans=[plan_of(personas.la)],
        raters=[(personas.qa_auditor, "education"), (personas.team_manager, "social_care")],
        grading_due_on=DUE,
        meeting_on=MEETING,
        by=personas.service_manager,
        today=TODAY,
    )
    return personas, round_


def round_url(round_) -> str:
    return reverse("web:qa-round", kwargs={"round_id": round_.pk})


def test_a_lead_opens_a_round_through_the_form(client, personas):
    framework = make_framework(personas.la)
    plans = [plan_of(personas.la), plan_of(personas.la)]
    client.force_login(personas.service_manager)
    new = reverse("web:qa-round-new")
    assert "Open a moderation round" in page_text(client.get(new))
    data = {
        "name": "November 2026",
        "framework": str(framework.pk),
        "references": "\n".join(f"Case {p.case_id}" for p in plans),
        f"rater_{personas.qa_auditor.pk}": "education",
        f"rater_{personas.advice_giver.pk}": "health",
        **dated(DUE, "grading_due_on"),
        **dated(MEETING, "meeting_on"),
    }
    response = client.post(new, data)
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == round_url(round_)
    audits = Audit.objects.filter(round_plan__round=round_)
    assert audits.count() == 4
    assert {a.lead_id for a in audits} == {personas.qa_auditor.pk, personas.advice_giver.pk}
    text = page_text(client.get(round_url(round_)))
    assert f"Case {plans[0].case_id}" in text and "0 of 4" in text
    listing = page_text(client.get(reverse("web:qa-rounds")))
    assert "November 2026" in listing and "0 of 4" in listing


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"references": "nonsense\n99999999"}, "No plan found in this area for: nonsense"),
        ({"rater_ONE": ""}, "Choose at least two raters"),
        ({"meeting_on-year": "99999999999"}, "Year must include 4 numbers"),
        ({"name": "x" * 500}, "The name must be 100 characters or fewer"),
        ({"references": "1\n" * 3000}, "characters or fewer"),
    ],
)
def test_hostile_input_is_a_form_error(client, personas, change, message):
    framework = make_framework(personas.la)
    plan = plan_of(personas.la)
    client.force_login(personas.qa_auditor)
    data = {
        "name": "Round",
        "framework": str(framework.pk),
        "references": str(plan.case_id),
        f"rater_{personas.qa_auditor.pk}": "education",
        f"rater_{personas.team_manager.pk}": "health",
        **dated(DUE, "grading_due_on"),
        **dated(MEETING, "meeting_on"),
    }
    if "rater_ONE" in change:
        data.pop(f"rater_{personas.team_manager.pk}")
        change = {}
    response = client.post(reverse("web:qa-round-new"), data | change)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert not Round.objects.exists()


def test_a_sample_fills_in_the_plans(client, personas):
    make_framework(personas.la)
    sample = make_sample(personas.la, plans=2)
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:qa-round-new") + f"?sample={sample.pk}")
    body = response.content.decode()
    for item in sample.items.all():
        assert str(item.case_id) in body
    other = make_sample(personas.other_la)
    assert client.get(reverse("web:qa-round-new") + f"?sample={other.pk}").status_code == 404
    assert client.get(reverse("web:qa-round-new") + "?sample=x" * 3).status_code == 404


def test_rater_a_cannot_see_rater_bs_grade_before_submitting(client, scene):
    personas, round_ = scene
    rp = round_.plans.get()
    b = grade(rp.audits.get(lead=personas.team_manager), personas.team_manager, ALL_MET)
    assert b.get_computed_grade_display() == "Outstanding"
    client.force_login(personas.qa_auditor)
    before = page_text(client.get(round_url(round_)))
    assert "Submitted" in before and "Not submitted yet" in before
    assert "Outstanding" not in before and "Hidden" in before
    mine = rp.audits.get(lead=personas.qa_auditor)
    read = AuditEntry.objects.filter(user=personas.qa_auditor, verb="read").latest("id")
    assert "moderation round" in read.summary
    body = client.get(round_url(round_)).content.decode()
    assert f"/qa/audits/{mine.pk}/" in body  # her own grading
    assert f"/qa/audits/{b.pk}/" not in body
    # A non-rater QA lead is blind too until every rater has submitted.
    client.force_login(personas.service_manager)
    assert "Outstanding" not in page_text(client.get(round_url(round_)))
    a = grade(mine, personas.qa_auditor, WEAK)
    client.force_login(personas.qa_auditor)
    after = page_text(client.get(round_url(round_)))
    assert "Outstanding" in after and a.get_computed_grade_display() in after


def test_the_agreed_grade_waits_for_grading_then_saves(client, scene):
    personas, round_ = scene
    rp = round_.plans.get()
    client.force_login(personas.service_manager)
    post = {"record": "agreed", "round_plan": str(rp.pk), f"plan{rp.pk}-grade": "3"}
    early = client.post(round_url(round_), post)
    assert early.status_code == 200
    assert "Wait until every rater has submitted" in page_text(early)
    rp.refresh_from_db()
    assert rp.agreed_grade is None
    grade(rp.audits.get(lead=personas.team_manager), personas.team_manager, ALL_MET)
    grade(rp.audits.get(lead=personas.qa_auditor), personas.qa_auditor, WEAK)
    bad = client.post(round_url(round_), post | {f"plan{rp.pk}-grade": "99"})
    assert "Choose the agreed grade from the list" in page_text(bad)
    saved = client.post(round_url(round_), post | {f"plan{rp.pk}-note": "Outcomes vague"})
    assert saved.status_code == 302
    rp.refresh_from_db()
    assert (rp.agreed_grade, rp.agreed_note) == (3, "Outcomes vague")
    assert (
        client.post(round_url(round_), {"record": "agreed", "round_plan": "x"}).status_code == 404
    )
    # A case officer reads the round but records nothing.
    client.force_login(personas.case_officer)
    assert client.get(round_url(round_)).status_code == 200
    assert client.post(round_url(round_), post).status_code == 403


def test_the_meeting_is_recorded(client, scene, today_is):
    personas, round_ = scene
    today_is(MEETING)
    client.force_login(personas.qa_auditor)
    data = {"record": "meeting", "meeting-themes": "Provision not quantified"}
    bad = client.post(round_url(round_), data | dated(date(2027, 1, 1), "meeting-held_on"))
    assert "There is a problem" in page_text(bad)
    ok = client.post(round_url(round_), data | dated(MEETING, "meeting-held_on"))
    assert ok.status_code == 302
    round_.refresh_from_db()
    assert (round_.held_on, round_.themes) == (MEETING, "Provision not quantified")


def test_the_agreement_page_shows_percent_agreement_beside_kappa(client, scene):
    personas, round_ = scene
    url = reverse("web:qa-round-agreement", kwargs={"round_id": round_.pk})
    client.force_login(personas.case_officer)
    assert "Agreement is shown once every rater has submitted" in page_text(client.get(url))
    rp = round_.plans.get()
    grade(rp.audits.get(lead=personas.team_manager), personas.team_manager, ALL_MET)
    grade(rp.audits.get(lead=personas.qa_auditor), personas.qa_auditor, WEAK)
    text = page_text(client.get(url))
    assert "Percentage agreement (the KPI)0% (0 of 1 plan)" in text
    assert "Cohen's kappaNot defined" in text
    assert "Kappa needs at least two plans graded by both." in text
    assert "Too few plans to pin kappa down" in text
    assert "Outcomes" in text and "Provision" in text
    listing = page_text(client.get(reverse("web:qa-rounds")))
    assert "0% (0 of 1 plan)" in listing


def test_partners_use_their_audit_pages_not_the_round_pages(client, scene):
    personas, round_ = scene
    client.force_login(personas.advice_giver)
    assert client.get(round_url(round_)).status_code == 403
    client.force_login(personas.other_la_officer)
    assert client.get(round_url(round_)).status_code == 404


def test_the_agreement_page_reads_kappa_and_warns_a_small_round(client, personas):
    framework = make_framework(personas.la)
    a, b = personas.qa_auditor, personas.team_manager
    round_ = moderation.open_round(
        la=personas.la,
        name="February 2027",
        framework=framework,
        plans=[plan_of(personas.la), plan_of(personas.la), plan_of(personas.la)],
        raters=[(a, "education"), (b, "health")],
        grading_due_on=DUE,
        meeting_on=MEETING,
        by=personas.service_manager,
        today=TODAY,
    )
    first, second, third = round_.plans.order_by("id")
    for rp, (mets_a, mets_b) in zip(
        (first, second, third), ((ALL_MET, ALL_MET), (WEAK, WEAK), (ALL_MET, WEAK)), strict=True
    ):
        grade(rp.audits.get(lead=a), a, mets_a)
        grade(rp.audits.get(lead=b), b, mets_b)
    # The meeting agrees every plan: the page still measures the grades before it.
    for rp in (first, second, third):
        moderation.record_agreed(round_plan=rp, grade=4, note="", by=personas.service_manager)
    client.force_login(personas.service_manager)
    text = page_text(client.get(reverse("web:qa-round-agreement", kwargs={"round_id": round_.pk})))
    # O,O · W,W · O,W with W a lower grade: p_o 2/3; p_e = (2·1 + 1·2)/9 = 4/9;
    # kappa = (6/9 - 4/9) / (5/9) = 0.40, "fair".
    assert "67% (2 of 3 plans)" in text
    assert "Cohen's kappa0.40" in text
    assert "Fair agreement beyond chance (Landis and Koch): below 0.60" in text
    assert "3 plans" in text and "asymptotic" in text
    assert "Too few plans to pin kappa down" in text
