"""The audit pages: a QA lead opens an audit for a sampled plan, names a health auditor,
both judge, the grades are computed as the form fills, an override needs a reason, an
action is raised (bringing the review forward) and completed. Outside auditors see only
the open audits they are named on; a moderation grading stays blind."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import EarlyReview
from senda.quality.models import Audit, AuditAction, AuditAuditor, Criterion, Judgement
from tests.factories import make_user
from tests.quality.factories import (
    make_audit,
    make_audit_action,
    make_framework,
    make_live_plan,
    make_round,
    make_sample,
    make_version,
)
from tests.web.page_audit import audit_page, text_of

DAY = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(DAY)


def dated(on: date, name: str) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def criteria(audit: Audit) -> dict[str, Criterion]:
    return {c.code: c for c in Criterion.objects.filter(domain__framework=audit.framework)}


def judge(client, audit: Audit, answers: dict[str, tuple[str, str]]):
    found = criteria(audit)
    data = {}
    for code, (met, evidence) in answers.items():
        data[f"met_{found[code].pk}"] = met
        data[f"evidence_{found[code].pk}"] = evidence
    return client.post(reverse("web:qa-audit", args=[audit.pk]), data)


def test_it_follows_an_audit_from_the_sample_to_an_action_done(client, personas):
    lead, nurse, officer = personas.qa_auditor, personas.advice_giver, personas.case_officer
    sample = make_sample(personas.la, by=lead)
    item = sample.items.get()
    make_version(item.plan, by=officer, E="By July 2027, Sam will order lunch on his own.")
    framework = make_framework(personas.la)
    client.force_login(lead)

    new = reverse("web:qa-audit-new") + f"?item={item.pk}"
    assert "Drawn at random (test)" in page_text(client.get(new))
    response = client.post(
        new,
        {
            "framework": framework.pk,
            "lead": lead.pk,
            "organisation": "education",
            **dated(date(2026, 11, 30), "due_on"),
        },
    )
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:qa-audit", args=[audit.pk])
    assert (audit.sample_item, audit.plan, audit.lead, audit.due_on) == (
        item,
        item.plan,
        lead,
        date(2026, 11, 30),
    )

    auditors = reverse("web:qa-audit-auditors", args=[audit.pk])
    response = client.post(auditors, {"user": nurse.pk, "organisation": "health"})
    assert response.status_code == 302
    assert AuditAuditor.objects.get(audit=audit, user=nurse).organisation == "health"
    assert "Not yet represented: Social care" in page_text(client.get(auditors))

    # the health auditor reads the plan and judges the outcomes
    client.force_login(nurse)
    text = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert "Sam will order lunch on his own" in text
    assert "In the sample: Drawn at random (test)" in text
    response = judge(client, audit, {"smart": ("met", ""), "aspiration": ("met", "Links to A")})
    assert response.status_code == 302
    # a criterion partly met needs evidence: shown on that criterion, nothing else lost
    client.force_login(lead)
    response = judge(client, audit, {"specified": ("met", ""), "deliverer": ("partly", "")})
    text = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in text and "a criterion not fully met needs evidence" in text
    assert Judgement.objects.filter(audit=audit).count() == 3
    judge(client, audit, {"deliverer": ("partly", "Says 'a therapist' but not which service")})

    # outcomes 1.0 → Outstanding; provision (1 + ½) / 2 = 0.75 → Good; overall 0.875 → Good
    text = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert "Outcomes Outstanding score 1.000" in text
    assert "Provision Good score 0.750" in text
    assert "Overall Good score 0.875" in text

    submit = reverse("web:qa-audit-submit", args=[audit.pk])
    response = client.post(
        submit,
        {
            "override_grade": "4",
            "override_reason": "",
            "strengths": "Clear outcomes",
            "improvements": "",
        },
    )
    assert response.status_code == 200
    assert "Give the reason for changing the computed grade" in page_text(response)
    assert Audit.objects.get().submitted_on is None
    response = client.post(
        submit,
        {
            "override_grade": "4",
            "override_reason": "The provision is delivered weekly",
            "strengths": "Clear outcomes",
            "improvements": "",
        },
    )
    audit.refresh_from_db()
    assert response.status_code == 302
    assert (audit.computed_grade, audit.override_grade, audit.grade, audit.outcome_grade) == (
        3,
        4,
        4,
        4,
    )
    assert audit.submitted_on == DAY
    assert f"already has an audit: audit {audit.pk}" in page_text(client.get(new))

    client.force_login(nurse)
    assert client.get(reverse("web:qa-audit", args=[audit.pk])).status_code == 404

    client.force_login(lead)
    response = client.post(
        reverse("web:qa-audit-action-new", args=[audit.pk]),
        {
            "text": "Name the therapy service in section F",
            "assigned_to": officer.pk,
            **dated(date(2026, 11, 20), "due_on"),
            **dated(date(2027, 1, 15), "early_review_by"),
        },
    )
    assert response.status_code == 302
    action = AuditAction.objects.get()
    assert action.early_review == EarlyReview.objects.get(case=audit.case)
    assert action.early_review.review_by == date(2027, 1, 15)

    client.force_login(officer)
    assert "Name the therapy service" in page_text(client.get(reverse("web:qa-actions")))
    response = client.post(
        reverse("web:qa-action", args=[action.pk]), {"do": "complete", "note": "Done"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == DAY
    listed = client.get(reverse("web:qa-actions"))
    assert (listed.context["on_time"], listed.context["late"], listed.context["done_count"]) == (
        1,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("persona", "organisation"), [("advice_giver", "health"), ("senco", "school")]
)
def test_an_outside_auditor_opens_and_judges_only_their_open_audit(
    client, personas, persona, organisation
):
    outsider = getattr(personas, persona)
    audit = make_audit(personas.la, lead=personas.qa_auditor, auditors=((outsider, organisation),))
    other = make_audit(personas.la, lead=personas.qa_auditor)
    client.force_login(outsider)
    assert client.get(reverse("web:qa-audit", args=[audit.pk])).status_code == 200
    response = judge(client, audit, {"smart": ("not_met", "No time frame")})
    assert response.status_code == 302
    assert Judgement.objects.get(audit=audit).by == outsider
    assert client.get(reverse("web:qa-audit", args=[other.pk])).status_code == 404
    listed = page_text(client.get(reverse("web:qa-audits")))
    assert f"Audit {audit.pk}" in listed and f"Audit {other.pk}" not in listed
    assert client.get(reverse("web:qa-actions")).status_code == 403
    audit.submitted_on = DAY
    audit.save()
    assert client.get(reverse("web:qa-audit", args=[audit.pk])).status_code == 404
    assert client.get(reverse("web:qa-audit-submit", args=[audit.pk])).status_code == 404
    assert client.get(reverse("web:qa-audits")).status_code == 403


def test_staff_cannot_judge_an_audit_they_are_not_on(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    client.force_login(personas.case_officer)
    page = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert "Judge the criteria" not in page
    assert judge(client, audit, {"smart": ("met", "")}).status_code == 403
    assert not Judgement.objects.exists()


def test_a_moderation_grading_is_blind_to_everyone_but_its_rater(client, personas):
    round_ = make_round(personas.la, by=personas.qa_auditor)
    rater = make_user("qa_auditor", personas.la)
    audit = make_audit(
        personas.la,
        lead=rater,
        case=round_.plans.get().case,
        round_plan=round_.plans.get(),
        kind="moderation",
    )
    client.force_login(rater)
    judge(client, audit, {"smart": ("partly", "SECRET-EVIDENCE")})
    assert "SECRET-EVIDENCE" in page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert "SECRET-EVIDENCE" not in text
    assert "grades blind" in text and "Grades so far" not in text
    assert judge(client, audit, {"smart": ("met", "")}).status_code == 403
    Audit.objects.filter(pk=audit.pk).update(submitted_on=DAY, computed_grade=1)
    text = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert "SECRET-EVIDENCE" not in text and "Inadequate" not in text
    assert "Inadequate" not in page_text(client.get(reverse("web:qa-audits")))
    client.force_login(rater)
    assert "Inadequate" in page_text(client.get(reverse("web:qa-audits")))


def test_reads_are_audited(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor, case=personas.case)
    client.force_login(personas.qa_auditor)
    client.get(reverse("web:qa-audit", args=[audit.pk]))
    entry = AuditEntry.objects.get(verb="read", object_type="quality.Audit")
    assert (entry.object_id, entry.child) == (str(audit.pk), personas.child)
    client.get(reverse("web:qa-audits") + "?status=open")
    listed = AuditEntry.objects.get(verb="read", summary__startswith="QA audits")
    assert listed.summary == "QA audits: status=open page=1"


def test_hostile_input_is_a_form_error(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    client.force_login(personas.qa_auditor)
    response = judge(client, audit, {"smart": ("sometimes", "x" * 5000)})
    assert response.status_code == 200
    assert not Judgement.objects.exists()
    response = client.post(
        reverse("web:qa-audit-action-new", args=[audit.pk]),
        {
            "text": "x" * 600,
            "assigned_to": "99999999999999",
            "due_on-day": "99",
            "due_on-month": "1",
            "due_on-year": "99999",
        },
    )
    assert response.status_code == 200
    assert not AuditAction.objects.exists()
    response = client.get(reverse("web:qa-audit-new") + "?item=9" * 30)
    assert response.status_code == 404
    response = client.post(reverse("web:qa-audit-new"), {"case": "1" * 40, "framework": "x"})
    assert response.status_code == 200
    action = make_audit_action(audit)
    response = client.post(reverse("web:qa-action", args=[action.pk]), {"do": "steal"})
    assert response.status_code == 200
    assert "Say what was done" in page_text(response)


def test_a_lead_cancels_an_action_and_an_assignee_may_not(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    action = make_audit_action(audit, to=personas.case_officer)
    client.force_login(personas.case_officer)
    page = page_text(client.get(reverse("web:qa-action", args=[action.pk])))
    assert "Complete the action" in page and "Cancel the action" not in page
    cancel = {"do": "cancel", "reason": "Not needed"}
    assert client.post(reverse("web:qa-action", args=[action.pk]), cancel).status_code == 403
    client.force_login(personas.qa_auditor)
    response = client.post(reverse("web:qa-action", args=[action.pk]), {"do": "cancel"})
    assert "Enter why the action is cancelled" in page_text(response)
    client.post(reverse("web:qa-action", args=[action.pk]), cancel)
    action.refresh_from_db()
    assert action.cancelled_on == DAY


def test_a_lead_opens_an_audit_of_a_case_chosen_on_purpose(client, personas):
    framework = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    form = {"framework": framework.pk, "lead": personas.qa_auditor.pk, "organisation": "education"}
    url = reverse("web:qa-audit-new")
    response = client.post(url, {**form, "case": personas.case.pk})
    assert "Enter the number of a case of this area with a current plan" in page_text(response)
    other_area = make_audit(personas.other_la).case
    make_live_plan(personas.case)
    response = client.post(url, {**form, "case": other_area.pk})
    assert response.status_code == 200
    assert Audit.objects.count() == 1  # the other area's, made above
    response = client.post(url, {**form, "case": personas.case.pk})
    audit = Audit.objects.get(case=personas.case)
    assert response.status_code == 302
    assert (audit.sample_item, audit.kind, audit.lead) == (None, "plan", personas.qa_auditor)


def test_the_people_lists_name_roles_and_preselect_the_likely_person(client, personas):
    """Walk 15: the lead list preselects the signed-in QA lead, the one framework is chosen,
    each person's role shows, and an action is assigned to the case's officer by default."""
    framework = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    html = client.get(reverse("web:qa-audit-new")).content.decode()
    lead = personas.qa_auditor
    assert f'<option value="{framework.pk}" selected>' in html
    assert f'<option value="{lead.pk}" selected>' in html
    assert "(QA auditor)</option>" in html and "(Case officer)</option>" in html
    audit = make_audit(personas.la, lead=lead)
    audit.case.officer = personas.case_officer
    audit.case.save()
    html = client.get(reverse("web:qa-audit-action-new", args=[audit.pk])).content.decode()
    officer = personas.case_officer
    assert f'<option value="{officer.pk}" selected>' in html
    assert f'<option value="{lead.pk}">' in html


def test_the_audit_page_marks_legal_requirements_and_has_no_tables(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:qa-audit", args=[audit.pk]))
    assert "Legal requirement: SEND Regulations 2014 reg 12(1)(f)" in page_text(response)
    assert "<table" not in response.content.decode()
    assert set(response.context["prompts"]) == {"E", "F"}


def test_the_list_puts_my_open_audits_first(client, personas):
    lead = personas.qa_auditor
    someone = make_user("qa_auditor", personas.la)
    theirs = make_audit(personas.la, lead=someone)
    done = make_audit(personas.la, lead=lead, submitted_on=DAY, computed_grade=3)
    mine = make_audit(personas.la, lead=lead)
    client.force_login(lead)
    response = client.get(reverse("web:qa-audits"))
    assert [a.pk for a, _ in response.context["rows"]] == [mine.pk, done.pk, theirs.pk]
    assert "Good" in page_text(response)
    response = client.get(reverse("web:qa-audits") + "?status=submitted")
    assert [a.pk for a, _ in response.context["rows"]] == [done.pk]


def test_a_lead_removes_an_auditor_but_not_the_lead(client, personas):
    nurse = personas.advice_giver
    audit = make_audit(personas.la, lead=personas.qa_auditor, auditors=((nurse, "health"),))
    url = reverse("web:qa-audit-auditors", args=[audit.pk])
    client.force_login(personas.case_officer)
    assert client.post(url, {"remove": nurse.pk}).status_code == 403
    client.force_login(personas.qa_auditor)
    response = client.post(url, {"remove": personas.qa_auditor.pk})
    assert "The audit's lead cannot be taken off it" in page_text(response)
    assert client.post(url, {"remove": nurse.pk}).status_code == 302
    assert list(AuditAuditor.objects.filter(audit=audit).values_list("user", flat=True)) == [
        personas.qa_auditor.pk
    ]


def test_an_audit_including_a_review_asks_whether_it_met_the_standard(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor, includes_review=True)
    client.force_login(personas.qa_auditor)
    judge(client, audit, dict.fromkeys(criteria(audit), ("met", "")))
    submit = reverse("web:qa-audit-submit", args=[audit.pk])
    response = client.post(submit, {"override_grade": "keep"})
    assert "Say whether the annual review met the standard" in page_text(response)
    response = client.post(submit, {"override_grade": "keep", "review_meets_standard": "no"})
    audit.refresh_from_db()
    assert response.status_code == 302
    assert (audit.grade, audit.override_grade, audit.review_meets_standard) == (4, None, False)


def test_the_audit_page_shows_wording_prompts_beside_sections_e_and_f(client, db):
    from tests.factories import make_la, make_user
    from tests.quality.factories import make_audit, make_live_plan, make_version

    la = make_la()
    lead = make_user("qa_auditor", la)
    plan = make_live_plan(la=la)
    make_version(
        plan,
        by=lead,
        E="Sam will improve his communication skills.",
        F="Access to speech therapy as required.",
    )
    audit = make_audit(la, lead=lead, case=plan.case)
    client.force_login(lead)
    page = client.get(f"/qa/audits/{audit.pk}/").content.decode()
    assert 'id="prompts-e"' in page and 'id="prompts-f"' in page
    assert "not the grade" in page
