"""The advice moderation journey through the pages: the QA lead draws a sample, moderates a
piece of advice and sends the feedback; the advice-giver of that team reads it in the
portal (recorded as read), another team's gets 404; a learning summary is drafted from the
figures, edited, published, read by partners and downloaded as a PDF."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from senda.audit.models import AuditEntry
from senda.portal.models import AdviceRequest, Message
from senda.quality.models import AdviceModeration, Criterion, Grade, LearningSummary
from tests.factories import make_advice_team, make_case, make_user
from tests.portal.advice_factories import make_advice_request
from tests.quality.factories import make_advice_moderation, make_framework, make_summary
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 10)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def answered(personas, team=None) -> AdviceRequest:
    request = make_advice_request(
        make_case(la=personas.la), team or personas.advice_team, requested_on=date(2026, 10, 1)
    )
    request.status = AdviceRequest.Status.ANSWERED
    request.answer = "Speech and language therapy: 30 minutes a week, by a therapist."
    request.answered_on = date(2026, 10, 20)
    request.save()
    return request


def dated(name: str, on: date) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def test_the_advice_moderation_journey(client, personas):
    framework = make_framework(personas.la, subject="advice", discipline="health")
    request = answered(personas)
    lead = personas.qa_auditor
    client.force_login(lead)

    # Draw the sample
    response = client.post(
        reverse("web:qa-advice-sample"), {"discipline": "health", "count": "1", "seed": "5"}
    )
    assert response.status_code == 302
    moderation = AdviceModeration.objects.get()
    assert moderation.advice_request == request
    page = page_text(client.get(reverse("web:qa-advice")))
    assert f"Case R-{request.case_id}" in page and "To moderate" in page

    # Moderate it: every criterion judged, themes, good practice, feedback
    address = reverse("web:qa-advice-moderation", args=[moderation.pk])
    page = page_text(client.get(address))
    assert "Drawn at random (seed 5, 1 of 1)" in page
    assert "30 minutes a week" in page
    criteria = Criterion.objects.filter(domain__framework=framework).order_by("pk")
    data = {"form": "moderate", "themes": ["clear", "child-voice"], "good_practice": "on"}
    data |= {f"met_{c.pk}": "met" for c in criteria}
    data |= {f"met_{criteria[1].pk}": "partly", f"evidence_{criteria[1].pk}": "No aspiration"}
    data["feedback"] = "Clear and quantified. Link the outcomes to the child's aspirations."
    assert client.post(address, data).status_code == 302
    moderation.refresh_from_db()
    assert (moderation.grade, moderation.meets_criteria) == (Grade.GOOD, True)
    assert moderation.themes == ["child-voice", "clear"]
    assert moderation.good_practice is True

    # The advice-giver sees nothing until it is sent
    giver = personas.advice_giver
    client.force_login(giver)
    item = reverse("web:portal-advice-feedback-item", args=[moderation.pk])
    assert client.get(item).status_code == 404
    assert "no feedback" in page_text(client.get(reverse("web:portal-advice-feedback")))

    # Send it
    giver.email = "giver@example.org"
    giver.save()
    client.force_login(lead)
    assert client.post(address, {"form": "send"}).status_code == 302
    moderation.refresh_from_db()
    assert moderation.feedback_sent_on == TODAY
    message = Message.objects.get(template="advice_feedback")
    assert message.to == "giver@example.org"
    assert personas.child.family_name not in str(message.personalisation)

    # The team's advice-giver reads it: recorded as read
    client.force_login(giver)
    assert "Advice requests" in page_text(client.get(reverse("web:portal-advice")))
    listing = page_text(client.get(reverse("web:portal-advice-feedback")))
    assert f"Case R-{request.case_id}" in listing and "New" in listing
    page = page_text(client.get(item))
    assert "Link the outcomes to the child's aspirations." in page
    assert "Good" in page and "Partly met: No aspiration" in page
    assert personas.child.family_name not in page
    moderation.refresh_from_db()
    assert moderation.feedback_read_on == TODAY
    assert AuditEntry.objects.filter(
        user=giver, verb="write", summary__endswith="feedback read"
    ).exists()

    # Another team's advice-giver: 404; council staff: 403 on the portal list
    outsider = make_user("advice_giver", personas.la)
    make_advice_team(personas.la, name="Other team").members.add(outsider)
    client.force_login(outsider)
    assert client.get(item).status_code == 404
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:portal-advice-feedback")).status_code == 403
    # Once sent, the moderation cannot change
    client.force_login(lead)
    assert client.post(address, data).status_code == 403
    assert "Sent on 10 November 2026, read on 10 November 2026" in page_text(client.get(address))

    # Repeat sampling: a later piece of the same team's advice
    later = answered(personas)
    later.answered_on = TODAY
    later.save()
    answered(personas, make_advice_team(personas.la, name="Not this team"))
    page = page_text(client.get(address))
    assert f"Case R-{later.case_id}, sent 10 November 2026" in page
    refused = client.post(address, {"form": "resample", "advice_request": "99999999999999999999"})
    assert "Choose the later advice to moderate" in page_text(refused)
    response = client.post(address, {"form": "resample", "advice_request": str(later.pk)})
    repeat = AdviceModeration.objects.get(resample_of=moderation)
    assert response["Location"] == reverse("web:qa-advice-moderation", args=[repeat.pk])
    assert repeat.advice_request == later
    repeated = page_text(client.get(response["Location"]))
    assert (
        f"Why it is in the sampleSampled again after feedback on moderation {moderation.pk}. "
        "(the earlier moderation)"
    ) in repeated
    assert "criteria." not in repeated and "grade 4" not in repeated


def test_the_learning_summary_journey(client, personas):
    framework = make_framework(personas.la, subject="advice", discipline="health")
    request = answered(personas)
    lead = personas.qa_auditor
    moderation = AdviceModeration.objects.create(
        la=personas.la,
        case=request.case,
        advice_request=request,
        team=personas.advice_team,
        discipline="health",
        framework=framework,
        sampled_on=date(2026, 10, 21),
        moderator=lead,
        moderated_on=date(2026, 10, 22),
        grade=Grade.OUTSTANDING,
        meets_criteria=True,
        themes=["quantified-provision"],
        good_practice=True,
        feedback="Excellent",
    )
    client.force_login(lead)
    response = client.post(
        reverse("web:qa-summary-new"),
        dated("period_start", date(2026, 4, 1)) | dated("period_end", date(2026, 10, 31)),
    )
    assert response.status_code == 302
    summary = LearningSummary.objects.get()
    address = reverse("web:qa-summary", args=[summary.pk])
    assert response["Location"] == address
    assert "1 (100%) met the quality criteria" in summary.body
    assert list(summary.examples.all()) == [moderation]

    # Partners see nothing of a draft
    client.force_login(personas.senco)
    assert client.get(reverse("web:portal-learning-summary", args=[summary.pk])).status_code == 404

    client.force_login(lead)
    edited = {
        "form": "edit",
        "title": "Advice learning summary, summer 2026",
        "body": summary.body + "\n\nNext: quantify therapy.",
        "examples": [str(moderation.pk)],
    }
    assert client.post(address, edited).status_code == 302
    assert client.post(address, {"form": "publish"}).status_code == 302
    summary.refresh_from_db()
    assert summary.title == "Advice learning summary, summer 2026"
    assert summary.published_on == TODAY

    for partner in (personas.senco, personas.advice_giver):
        client.force_login(partner)
        listing = page_text(client.get(reverse("web:portal-learning-summaries")))
        assert "Advice learning summary, summer 2026" in listing
        page = page_text(client.get(reverse("web:portal-learning-summary", args=[summary.pk])))
        assert "Next: quantify therapy." in page
        assert f"Case R-{request.case_id}, {personas.advice_team.name} (health)" in page
        assert personas.child.family_name not in page

    client.force_login(lead)
    pdf = client.get(reverse("web:qa-summary-pdf", args=[summary.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 1000  # WeasyPrint's
    text = " ".join(PdfReader(BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Advice learning summary, summer 2026" in text
    assert "Next: quantify therapy." in text
    assert AuditEntry.objects.filter(verb="export", summary=f"learning summary {summary.pk} pdf")


def test_hostile_input_is_a_form_error(client, personas):
    make_framework(personas.la, subject="advice", discipline="health")
    client.force_login(personas.qa_auditor)
    for data in (
        {"discipline": "health", "count": "99999999999999999999"},
        {"discipline": "nonsense", "count": "1"},
        {"discipline": "health", "count": "1", "seed": "-1"},
        {"discipline": "health", "count": "1"},  # no advice to draw
    ):
        response = client.post(reverse("web:qa-advice-sample"), data)
        assert response.status_code == 200
        assert "There is a problem" in page_text(response)
    response = client.post(
        reverse("web:qa-summary-new"),
        dated("period_start", date(2026, 4, 1)) | {"period_end-day": "99"},
    )
    assert response.status_code == 200
    assert AdviceModeration.objects.count() == LearningSummary.objects.count() == 0
    summary = make_summary(personas.la, by=personas.qa_auditor)
    address = reverse("web:qa-summary", args=[summary.pk])
    for examples in (["99999999999999999999"], ["abc"], ["-1"]):
        data = {"form": "edit", "title": "T" * 201, "body": "B", "examples": examples}
        response = client.post(address, data)
        assert response.status_code == 200
        assert "There is a problem" in page_text(response)
    moderation = make_advice_moderation(personas.la, team=personas.advice_team)
    address = reverse("web:qa-advice-moderation", args=[moderation.pk])
    response = client.post(address, {"form": "moderate", "feedback": "x" * 5000, "themes": "zzz"})
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    every = Criterion.objects.filter(domain__framework=moderation.framework)
    none_apply = {f"met_{c.pk}": "na" for c in every} | {"form": "moderate", "feedback": "F"}
    response = client.post(address, none_apply)
    assert "At least one criterion must apply" in page_text(response)
    response = client.post(address, {"form": "send"}, follow=True)
    assert "Moderate the advice and write the feedback first" in page_text(response)
    summary.refresh_from_db()
    moderation.refresh_from_db()
    assert summary.title != "T" * 201 and moderation.feedback_sent_on is None


def test_a_team_manager_but_not_a_case_officer_may_draw(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:qa-advice-sample")).status_code == 403
    client.force_login(personas.team_manager)
    assert client.get(reverse("web:qa-advice-sample")).status_code == 200
