"""Keeping a plan up to date from its pages: change or withdraw an action, a milestone or a
risk; set the dates of timescales Senda could not read. GOV.UK forms, no JavaScript."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.improvement.models import Action, Milestone, Risk
from tests.factories import make_action, make_plan_member, make_risk
from tests.web.page_audit import audit_page, text_of
from tests.web.plan_fixtures import make_sample_plan


@pytest.fixture
def sample(personas):
    return make_sample_plan(personas)


def page_text(response):
    return " ".join(text_of(audit_page(response)).split())


def dates(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def action_url(name, sample, action=None):
    return reverse(f"web:{name}", args=[sample.plan.pk, (action or sample.rated).pk])


# --- Actions ---------------------------------------------------------------------------


def test_it_lets_a_manager_change_an_action(client, personas, sample):
    client.force_login(personas.team_manager)
    url = action_url("plan-action-edit", sample)
    form = page_text(client.get(url))
    assert "Change action 1.1" in form and "final-plan-20w" in form

    response = client.post(
        url,
        {
            "what": "Recruit three educational psychologists",
            "how": "Advertise",
            "kpi_ids": "final-plan-20w, parent-satisfaction",
            "lead": "Principal EP",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == action_url("plan-action", sample)
    assert "Action 1.1 changed" in page_text(response)
    sample.rated.refresh_from_db()
    assert (sample.rated.what, sample.rated.kpi_ids, sample.rated.lead) == (
        "Recruit three educational psychologists",
        ["final-plan-20w", "parent-satisfaction"],
        "Principal EP",
    )
    assert sample.rated.ratings.count() == 2  # ratings are never changed


def test_it_shows_a_kpi_the_catalogue_does_not_know_as_an_error(client, personas, sample):
    client.force_login(personas.team_manager)

    response = client.post(
        action_url("plan-action-edit", sample), {"what": "x", "kpi_ids": "pfa-outcomes"}
    )

    text = page_text(response)  # audited: "Error: " title, summary links to the field
    assert response.status_code == 200
    assert "pfa-outcomes is not in the KPI catalogue" in text
    sample.rated.refresh_from_db()
    assert sample.rated.what == "Recruit two more educational psychologists"


def test_it_withdraws_an_action_and_keeps_it(client, personas, sample):
    client.force_login(personas.service_manager)
    assert "entered in error" in page_text(client.get(action_url("plan-action-withdraw", sample)))

    response = client.post(
        action_url("plan-action-withdraw", sample), {"reason": "Entered twice"}, follow=True
    )

    assert "Action 1.1 withdrawn" in page_text(response)
    assert "Recruit two more" not in page_text(response)  # the area page
    assert client.get(action_url("plan-action", sample)).status_code == 404
    kept = Action.all_objects.get(pk=sample.rated.pk)
    assert (kept.withdrawn_reason, kept.withdrawn_by) == ("Entered twice", personas.service_manager)
    plan = page_text(client.get(reverse("web:plan", args=[sample.plan.pk])))
    assert "Amber: 1" not in plan


def test_it_needs_a_reason_to_withdraw(client, personas, sample):
    client.force_login(personas.service_manager)
    response = client.post(action_url("plan-action-withdraw", sample), {"reason": ""})
    assert "Enter why it is being withdrawn" in page_text(response)
    assert Action.objects.filter(pk=sample.rated.pk).exists()


def test_it_shows_change_links_only_to_those_who_may(client, personas, sample):
    client.force_login(personas.service_manager)
    manager = page_text(client.get(action_url("plan-action", sample)))
    client.force_login(personas.case_officer)
    officer = page_text(client.get(action_url("plan-action", sample)))

    assert "Change the action" in manager and "Withdraw the action" in manager
    assert "Change the action" not in officer and "Withdraw the action" not in officer


def test_it_lets_a_partner_change_an_action_they_lead_but_not_withdraw_it(client, personas, sample):
    partner = sample.rated.partners.get()  # Testshire ICB, health
    member = make_plan_member(sample.plan, access="edit", partner=partner)
    theirs = make_action(sample.area, what="Health advice on time", lead="Testshire ICB")
    theirs.partners.add(partner)
    client.force_login(member.user)

    assert client.get(action_url("plan-action-edit", sample, theirs)).status_code == 200
    assert client.get(action_url("plan-action-edit", sample)).status_code == 403  # not theirs
    assert client.get(action_url("plan-action-withdraw", sample, theirs)).status_code == 403
    assert client.get(action_url("plan-action-timescale", sample, theirs)).status_code == 403


# --- Timescales ------------------------------------------------------------------------


def test_it_lists_the_timescales_to_resolve_and_sets_their_dates(client, personas, sample):
    Milestone.objects.create(action=sample.green, title="Panel reviewed")  # no due date
    client.force_login(personas.service_manager)
    listed = page_text(client.get(reverse("web:plan-timescales", args=[sample.plan.pk])))
    assert "Ongoing through 26-28" in listed and "Set the dates of action 1.3" in listed
    assert "Refresh the local offer" in listed and "Panel reviewed" in listed

    url = action_url("plan-action-timescale", sample, sample.unrated)
    assert "The plan says: “Ongoing through 26-28”" in page_text(client.get(url))
    today = timezone.localdate()
    data = {"kind": "dates", **dates("starts_on", today), **dates("ends_on", today + timedelta(90))}
    response = client.post(url, data, follow=True)

    assert "Timescale of action 1.3 set" in page_text(response)
    assert "Refresh the local offer" not in page_text(response)
    sample.unrated.refresh_from_db()
    assert (sample.unrated.ends_on, sample.unrated.timescale_resolved) == (
        today + timedelta(90),
        True,
    )
    assert sample.unrated.timescale == "Ongoing through 26-28"


def test_it_marks_a_timescale_ongoing(client, personas, sample):
    client.force_login(personas.team_manager)
    url = action_url("plan-action-timescale", sample, sample.unrated)
    client.post(url, {"kind": "ongoing"})
    sample.unrated.refresh_from_db()
    assert (sample.unrated.ongoing, sample.unrated.ends_on, sample.unrated.timescale_resolved) == (
        True,
        None,
        True,
    )


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"kind": "dates"}, "Enter the end date, or choose ongoing"),
        ({}, "Select whether it has an end date or is ongoing"),
        ({"kind": "dates", **dates("ends_on", date(1990, 3, 31))}, "End date must be between"),
    ],
)
def test_it_refuses_a_timescale_without_a_plausible_end(client, personas, sample, data, says):
    client.force_login(personas.team_manager)
    response = client.post(action_url("plan-action-timescale", sample, sample.unrated), data)
    assert says in page_text(response)
    sample.unrated.refresh_from_db()
    assert not sample.unrated.timescale_resolved


# --- Milestones and risks ----------------------------------------------------------------


def test_it_changes_and_withdraws_a_milestone(client, personas, sample):
    milestone = sample.rated.milestones.get()
    client.force_login(personas.team_manager)
    listed = page_text(client.get(action_url("plan-milestones", sample)))
    assert "Change Posts advertised" in listed  # the link says which milestone
    url = reverse("web:plan-milestone-edit", args=[sample.plan.pk, milestone.pk])
    due = timezone.localdate() + timedelta(days=30)

    changed = client.post(url, {"title": "Posts advertised nationally", **dates("due_on", due)})
    assert "Milestone changed" in page_text(client.get(changed.url))

    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Posts advertised nationally", due)
    withdraw = reverse("web:plan-milestone-withdraw", args=[sample.plan.pk, milestone.pk])
    response = client.post(withdraw, {"reason": "Not a milestone"}, follow=True)
    assert "Milestone withdrawn: Posts advertised nationally" in page_text(response)
    assert not sample.rated.milestones.exists()
    assert client.get(url).status_code == 404


def test_it_keeps_a_risks_history_and_withdraws_it(client, personas, sample):
    risk = make_risk(sample.plan, severity_before=4, severity_after=3)
    client.force_login(personas.service_manager)
    url = reverse("web:plan-risk", args=[sample.plan.pk, risk.pk])
    data = {
        "description": risk.description,
        "owner": risk.owner,
        **dates("raised_on", risk.raised_on),
        "severity_before": "4",
        "severity_after": "2",
        "status": "open",
        "note": "Locums in post",
    }

    client.post(url, data)

    text = page_text(client.get(url))
    assert "History of this risk's severity and status" in text and "Locums in post" in text
    withdraw = reverse("web:plan-risk-withdraw", args=[sample.plan.pk, risk.pk])
    response = client.post(withdraw, {"reason": "Duplicate"}, follow=True)
    assert "Risk withdrawn" in page_text(response)
    assert not sample.plan.risks.exists()
    assert Risk.all_objects.get(pk=risk.pk).reviews.count() == 1
    assert AuditEntry.objects.filter(summary=f"plan {sample.plan.pk}: withdrew risk {risk.pk}")


def test_it_shows_an_action_marked_ongoing_as_ongoing(client, personas, sample):
    sample.unrated.ongoing, sample.unrated.timescale_resolved = True, True
    sample.unrated.save()
    client.force_login(personas.case_officer)
    text = page_text(client.get(action_url("plan-action", sample, sample.unrated)))
    assert "Timescale Ongoing The plan says: “Ongoing through 26-28”" in text
