"""Fixes from the new-user walkthrough of quality assurance (walk items 2, 9, 11, 12, 15):
an early review brought forward shows on the case page, where the officer records it held;
an outside auditor finds their audits from home and is not offered what they may not do;
the plan version page shows section E once and says the step is recorded separately;
error messages name their date and criterion; the audit page names the case R-<id> and
links to it for council staff only."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.early_review import ask_early_review
from senda.casework.actions.outcomes import set_plan_outcomes
from senda.casework.actions.plan_text import record_plan_version
from senda.casework.models import EarlyReview
from senda.quality.models import Audit, AuditAction, Criterion
from senda.web.forms.qa_audits import sections_words
from tests.casework.flows import with_plan
from tests.quality.factories import make_audit, make_framework, make_live_plan, make_version
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


def summary_links(response) -> dict[str, str]:
    """The error summary's messages, each with the id it links to."""
    page = audit_page(response)
    found = {}
    for summary in page.iter():
        if "govuk-error-summary" in (summary.get("class") or "").split():
            for link in summary.iter():
                if link.tag.endswith("a") and link.get("href", "").startswith("#"):
                    found[" ".join(text_of(link).split())] = link.get("href")[1:]
    return found


# --- item 2: the early review on the case page ---------------------------------------


@pytest.fixture
def early(personas):
    make_live_plan(personas.case)
    return ask_early_review(
        case=personas.case,
        review_by=date(2027, 2, 1),
        reason="Name the therapy service in section F",
        source="QA audit 12",
        by=personas.qa_auditor,
    )


def case_page(client, user, case):
    client.force_login(user)
    response = client.get(reverse("web:case-detail", args=[case.pk]))
    assert response.status_code == 200
    return page_text(response)


def test_the_case_page_shows_an_early_review_asked_for(client, personas, early):
    text = case_page(client, personas.case_officer, personas.case)
    assert (
        "Early review asked for: by 1 February 2027 — Name the therapy service in section F "
        "(QA audit 12)"
    ) in text
    assert "Record the early review as held" in text and "Overdue" not in text
    # a SENCo sees the case page, not the council's early review
    assert "Early review" not in case_page(client, personas.senco, personas.case)


def test_an_early_review_past_its_date_is_marked_overdue(client, personas, early, today_is):
    today_is(date(2027, 2, 2))
    assert "(QA audit 12) Overdue" in case_page(client, personas.case_officer, personas.case)


def test_an_officer_records_the_early_review_held(client, personas, early):
    client.force_login(personas.case_officer)
    url = reverse("web:case-early-review", args=[personas.case.pk])
    response = client.post(url, dated(DAY, "held_on"), follow=True)
    assert response.redirect_chain == [(reverse("web:case-detail", args=[personas.case.pk]), 302)]
    text = page_text(response)
    assert "The early review is recorded as held." in text
    assert "Early review asked for" not in text
    early.refresh_from_db()
    assert early.held_on == DAY
    entry = AuditEntry.objects.get(
        verb="write", object_type="casework.EarlyReview", summary__contains="held"
    )
    assert entry.summary == f"case {personas.case.pk}: early review {early.pk} held 2026-11-02"
    assert entry.user == personas.case_officer


def test_a_held_date_in_the_future_is_refused_on_its_box(client, personas, early):
    client.force_login(personas.case_officer)
    url = reverse("web:case-early-review", args=[personas.case.pk])
    response = client.post(url, dated(date(2026, 11, 3), "held_on"))
    assert response.status_code == 200
    message = "The date the review was held must be today or in the past"
    assert summary_links(response) == {message: "id_held_on-day"}
    assert page_text(response).startswith("Error: Record the early review as held")
    early.refresh_from_db()
    assert early.held_on is None


def test_with_two_waiting_the_officer_chooses_which_was_held(client, personas, early):
    later = ask_early_review(
        case=personas.case,
        review_by=date(2027, 3, 1),
        reason="Panel asked",
        source="Panel 3",
        by=personas.case_officer,
    )
    client.force_login(personas.case_officer)
    url = reverse("web:case-early-review", args=[personas.case.pk])
    response = client.post(url, dated(DAY, "held_on"))
    assert summary_links(response) == {"Choose which early review was held": "id_early"}
    response = client.post(url, {"early": later.pk, **dated(date(2026, 11, 1), "held_on")})
    assert summary_links(response) == {
        "The review cannot be held before it was asked for": "id_held_on-day"
    }
    response = client.post(url, {"early": later.pk, **dated(DAY, "held_on")})
    assert response.status_code == 302
    assert list(EarlyReview.objects.filter(held_on__isnull=False)) == [later]
    text = case_page(client, personas.case_officer, personas.case)
    assert "(QA audit 12)" in text and "(Panel 3)" not in text


def test_an_early_review_page_refuses_partners_and_hides_from_other_areas(client, personas, early):
    url = reverse("web:case-early-review", args=[personas.case.pk])
    for persona, status in (("senco", 403), ("board_member", 403), ("other_la_officer", 404)):
        client.force_login(getattr(personas, persona))
        assert client.post(url, dated(DAY, "held_on")).status_code == status
    early.refresh_from_db()
    assert early.held_on is None


def test_an_audit_action_bringing_the_review_forward_shows_on_the_case(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor, case=personas.case)
    client.force_login(personas.qa_auditor)
    response = client.post(
        reverse("web:qa-audit-action-new", args=[audit.pk]),
        {
            "text": "Name the therapy service in section F",
            "assigned_to": personas.case_officer.pk,
            **dated(date(2026, 11, 20), "due_on"),
            **dated(date(2027, 2, 1), "early_review_by"),
        },
    )
    assert response.status_code == 302
    text = case_page(client, personas.case_officer, personas.case)
    assert f"by 1 February 2027 — Name the therapy service in section F (QA audit {audit.pk})" in (
        text
    )


# --- item 9: the outside auditor ------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "organisation"), [("advice_giver", "health"), ("senco", "school")]
)
def test_an_outside_auditor_finds_their_open_audits_from_home(
    client, personas, persona, organisation
):
    outsider = getattr(personas, persona)
    client.force_login(outsider)
    assert "Plan audits" not in page_text(client.get(reverse("web:home")))
    audit = make_audit(personas.la, lead=personas.qa_auditor, auditors=((outsider, organisation),))
    page = audit_page(client.get(reverse("web:home")))
    links = {text_of(a): a.get("href") for a in page.iter() if a.tag.endswith("a")}
    assert links["Plan audits"] == reverse("web:qa-audits")
    assert "You are named on 1 open audit of a plan" in " ".join(text_of(page).split())
    audit.submitted_on = DAY
    audit.save()
    assert "Plan audits" not in page_text(client.get(reverse("web:home")))


def test_an_outside_auditor_is_not_offered_to_bring_the_review_forward(client, personas):
    nurse = personas.advice_giver
    audit = make_audit(personas.la, lead=personas.qa_auditor, auditors=((nurse, "health"),))
    url = reverse("web:qa-audit-action-new", args=[audit.pk])
    client.force_login(nurse)
    response = client.get(url)
    assert "early_review_by" not in response.context["form"].fields
    assert "forward" not in page_text(response)
    response = client.post(
        url,
        {
            "text": "Say how often therapy is delivered",
            "assigned_to": personas.case_officer.pk,
            **dated(date(2026, 11, 20), "due_on"),
            **dated(date(2027, 2, 1), "early_review_by"),  # not asked: ignored
        },
    )
    assert response.status_code == 302
    assert AuditAction.objects.get().early_review is None
    assert not EarlyReview.objects.exists()
    client.force_login(personas.qa_auditor)
    assert "Date to bring the plan's review forward to" in page_text(client.get(url))


# --- item 12: error messages ------------------------------------------------------------


def test_a_past_early_review_date_is_one_clear_message(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    client.force_login(personas.qa_auditor)
    response = client.post(
        reverse("web:qa-audit-action-new", args=[audit.pk]),
        {
            "text": "Review early",
            "assigned_to": personas.case_officer.pk,
            **dated(date(2026, 11, 20), "due_on"),
            **dated(date(2026, 11, 1), "early_review_by"),
        },
    )
    assert summary_links(response) == {
        "The date to bring the plan's review forward to must be today or later": (
            "id_early_review_by-day"
        )
    }
    assert not AuditAction.objects.exists()


def test_an_action_date_message_names_its_date_once(client, personas):
    """An action's "The date the audit is due must …" is not put after the box's label."""
    make_live_plan(personas.case)
    framework = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    response = client.post(
        reverse("web:qa-audit-new"),
        {
            "case": personas.case.pk,
            "framework": framework.pk,
            "lead": personas.qa_auditor.pk,
            "organisation": "education",
            **dated(date(2026, 11, 1), "due_on"),
        },
    )
    assert summary_links(response) == {
        "The date the audit is due must be today or later": "id_due_on-day"
    }


def test_missing_evidence_names_the_criterion_and_links_to_its_box(client, personas):
    audit = make_audit(personas.la, lead=personas.qa_auditor)
    smart = Criterion.objects.get(domain__framework=audit.framework, code="smart")
    client.force_login(personas.qa_auditor)
    response = client.post(reverse("web:qa-audit", args=[audit.pk]), {f"met_{smart.pk}": "not_met"})
    assert response.status_code == 200
    assert summary_links(response) == {
        "Outcomes are SMART: say what you found — a criterion not fully met needs evidence": (
            f"id_evidence_{smart.pk}"
        )
    }


# --- item 15: sections, the case reference and the link to the case -------------------


def test_sections_are_named_in_words():
    assert [sections_words(s) for s in ("", "A", "E F", "F G H1 H2")] == [
        "",
        "section A",
        "sections E and F",
        "sections F, G, H1 and H2",
    ]


def test_the_audit_page_names_the_case_and_links_staff_to_it(client, personas):
    nurse = personas.advice_giver
    audit = make_audit(
        personas.la, lead=personas.qa_auditor, case=personas.case, auditors=((nurse, "health"),)
    )
    case_url = reverse("web:case-detail", args=[personas.case.pk])
    url = reverse("web:qa-audit", args=[audit.pk])
    client.force_login(personas.qa_auditor)
    response = client.get(url)
    text = page_text(response)
    assert f"Case R-{personas.case.pk} Audit {audit.pk}" in text
    assert "Outcomes (section E)" in text and "(sections E)" not in text
    assert f'href="{case_url}"' in response.content.decode()
    client.force_login(nurse)
    response = client.get(url)
    assert f"Case R-{personas.case.pk}" in page_text(response)
    assert f'href="{case_url}"' not in response.content.decode()
    assert client.get(case_url).status_code == 404  # why they get no link
    listed = page_text(client.get(reverse("web:qa-audits")))
    assert f"Audit {audit.pk}: case R-{personas.case.pk}" in listed


# --- item 11: the plan version pages -------------------------------------------------


E_TEXT = "1. Sam will order lunch on his own.\n2. Sam will travel to school with a friend."


def test_section_e_is_shown_once_unless_the_outcomes_differ(client, personas):
    plan = make_live_plan(personas.case)
    version = record_plan_version(
        plan=plan,
        kind="new",
        issued_on=date(2025, 6, 2),
        sections={"E": E_TEXT},
        by=personas.case_officer,
    )
    client.force_login(personas.case_officer)
    url = reverse("web:plan-version", args=[version.pk])
    text = page_text(client.get(url))
    assert text.count("Sam will order lunch on his own") == 1
    assert "The plan's outcome items" not in text
    set_plan_outcomes(
        plan=plan, outcomes=[("", "Sam will order lunch and pay for it")], by=personas.case_officer
    )
    text = page_text(client.get(url))
    assert text.count("Sam will order lunch on his own") == 1
    assert "The plan's outcome items" in text
    assert text.index("The plan's outcome items") < text.index("Sam will order lunch and pay")


def test_the_audit_page_shows_section_e_once(client, personas):
    plan = make_live_plan(personas.case)
    record_plan_version(
        plan=plan,
        kind="new",
        issued_on=date(2025, 6, 2),
        sections={"E": E_TEXT},
        by=personas.case_officer,
    )
    audit = make_audit(personas.la, lead=personas.qa_auditor, case=personas.case)
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:qa-audit", args=[audit.pk])))
    assert text.count("Sam will travel to school with a friend") == 1


def test_the_versions_list_says_no_document(client, personas):
    make_version(make_live_plan(personas.case), by=personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.get(reverse("web:case-plan-versions", args=[personas.case.pk]))
    page = audit_page(response)
    cells = [text_of(td) for td in page.iter() if td.get("data-label") == "Document"]
    assert cells == ["No document"]


def test_a_version_says_the_step_is_recorded_on_the_case(client, personas):
    case = with_plan(personas.case, personas.case_officer)
    plan = case.plans.get()
    client.force_login(personas.case_officer)
    new_page = page_text(client.get(reverse("web:case-plan-version-new", args=[case.pk])))
    assert "It does not record the plan's issue on the case" in new_page
    version = record_plan_version(
        plan=plan,
        kind="amended",
        issued_on=date(2026, 10, 1),
        sections={"E": E_TEXT},
        by=personas.case_officer,
    )
    url = reverse("web:plan-version", args=[version.pk])
    response = client.get(url)
    step_url = reverse("web:record-step", args=[case.pk, "amended-plan-issued"])
    assert "The case has no step for this plan's issue on 1 October 2026" in page_text(response)
    assert f'href="{step_url}"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.amended_on is None  # the version did not record the step
    actions.record_amendment_notice(
        case=case, on=date(2026, 9, 1), by=personas.case_officer, today=DAY
    )
    actions.record_amended_plan(case=case, on=date(2026, 10, 1), by=personas.case_officer)
    assert "no step for this plan's issue" not in page_text(client.get(url))
    # the final plan's version, its step recorded by with_plan: no note
    first = record_plan_version(
        plan=plan,
        kind="new",
        issued_on=date(2025, 3, 3),
        sections={"A": "Sam likes trains."},
        by=personas.case_officer,
    )
    assert "no step" not in page_text(client.get(reverse("web:plan-version", args=[first.pk])))
    client.force_login(personas.qa_auditor)  # reads, does not record: no note
    assert "no step" not in page_text(client.get(reverse("web:plan-version", args=[version.pk])))


def test_a_lead_opens_an_audit_by_the_case_reference_pages_show(client, personas):
    make_live_plan(personas.case)
    framework = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    form = {"framework": framework.pk, "lead": personas.qa_auditor.pk, "organisation": "education"}
    url = reverse("web:qa-audit-new")
    for bad in ("R-", "Case 12", "R-" + "9" * 12, "x" * 30):
        response = client.post(url, {**form, "case": bad})
        assert summary_links(response) == {"Enter a case reference like R-1234": "id_case"}, bad
    response = client.post(url, {**form, "case": f" r-{personas.case.pk} "})
    assert response.status_code == 302
    assert Audit.objects.get().case == personas.case
