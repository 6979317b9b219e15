"""Staff's feedback pages: tagging themes, the termly summary (small numbers hidden, no
respondent or case shown), its CSV, and recommendations through to "You said, we did"
(web/views/feedback.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.improvement.models import Feedback, Recommendation
from senda.portal.models import FeedbackSummary, SurveyResponse
from tests.factories import (
    Personas,
    make_action,
    make_area,
    make_case,
    make_child,
    make_la,
    make_plan,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 12)  # spring term; autumn 2026 has ended
AUTUMN = "2026-autumn"


def responses(personas: Personas, answers: list[int], comment: str = "More updates please"):
    """One response per answer (each by a different family member), in the autumn term."""
    made = []
    for answer in answers:
        child = make_child(personas.la)
        case = make_case(child)
        parent = make_user("parent", personas.la, child=child)
        event = CaseEvent.objects.create(
            case=case,
            type="review_decision",
            on=date(2026, 10, 1),
            recorded_by=personas.case_officer,
        )
        made.append(
            SurveyResponse.objects.create(
                la=personas.la,
                case=case,
                event=event,
                about="review",
                respondent=parent,
                answered_on=date(2026, 10, 5),
                clarity=answer,
                timeliness=answer,
                comment=comment,
            )
        )
    return made


def summary_url(term: str = AUTUMN) -> str:
    return f"{reverse('web:feedback-summary')}?term={term}"


def test_staff_tag_a_responses_themes(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    (response,) = responses(personas, [4])
    client.force_login(personas.qa_auditor)
    page = client.get(reverse("web:feedback-responses")).content.decode()
    assert "More updates please" in page
    assert response.respondent.username not in page and f"R-{response.case_id}" not in page
    posted = client.post(
        reverse("web:feedback-responses"), {"response": response.pk, "themes": ["communication"]}
    )
    assert posted.status_code == 302
    response.refresh_from_db()
    assert response.themes == ["communication"]
    bad = client.post(reverse("web:feedback-responses"), {"response": response.pk, "themes": ["x"]})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    for hostile in ("abc", "9" * 40, ""):
        assert (
            client.post(reverse("web:feedback-responses"), {"response": hostile}).status_code == 404
        )
    other = responses_elsewhere()
    assert client.post(reverse("web:feedback-responses"), {"response": other.pk}).status_code == 404


def responses_elsewhere() -> SurveyResponse:
    la = make_la()
    child = make_child(la)
    case = make_case(child)
    parent = make_user("parent", la, child=child)
    officer = make_user("case_officer", la)
    event = CaseEvent.objects.create(
        case=case, type="final_plan_issued", on=date(2026, 10, 1), recorded_by=officer
    )
    return SurveyResponse.objects.create(
        la=la,
        case=case,
        event=event,
        about="plan",
        respondent=parent,
        answered_on=date(2026, 10, 2),
    )


def test_the_summary_hides_small_numbers_and_comments(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    responses(personas, [5, 4, 2], comment="Secret family detail")
    client.force_login(personas.service_manager)
    page = client.get(summary_url()).content.decode()
    assert "Autumn term 2026" in page
    assert "Not shown: small numbers" in page
    assert "Secret family detail" not in page and "Not shown: fewer than 5 responses" in page


def test_the_summary_shows_counts_and_comments_but_no_one(
    client, personas: Personas, today_is
) -> None:
    today_is(TODAY)
    made = responses(personas, [5, 5, 5, 5, 5, 4, 4, 2, 2, 1, 1, 1], comment="=HYPERLINK(1)")
    client.force_login(personas.service_manager)
    page = client.get(summary_url()).content.decode()
    assert "75%" not in page  # 7 of 12 satisfied, 5 not: none small
    assert ">7<" in page and ">12<" in page and "58%" in page
    assert "=HYPERLINK(1)" in page
    for response in made:
        assert response.respondent.username not in page and f"R-{response.case_id}" not in page
    csv = client.get(f"{reverse('web:feedback-summary-csv')}?term={AUTUMN}")
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text
    assert "The information I was given was clear,7,12,58" in text
    assert all(r.respondent.username not in text for r in made)
    assert AuditEntry.objects.filter(verb="export", summary__contains=AUTUMN).exists()


def test_producing_the_summary_keeps_it_once(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    responses(personas, [5, 4, 4, 4, 4])
    client.force_login(personas.team_manager)
    current = client.get(summary_url("2027-spring")).content.decode()
    assert "once the term ends on 30 April 2027" in current and "Produce summary" not in current
    refused = client.post(summary_url("2027-spring"), {"form": "produce"})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    assert client.post(summary_url(), {"form": "produce"}).status_code == 302
    kept = FeedbackSummary.objects.get()
    assert kept.la == personas.la and kept.figures["responses"] == 5
    page = client.get(summary_url()).content.decode()
    assert "Summary produced on 12 January 2027" in page and "Produce summary" not in page
    again = client.post(summary_url(), {"form": "produce"})
    assert "was produced on 12 January 2027" in again.content.decode()
    assert FeedbackSummary.objects.count() == 1


def test_a_theme_becomes_a_recommendation_and_you_said_we_did(
    client, personas: Personas, today_is
) -> None:
    today_is(TODAY)
    plan = make_plan(personas.la)
    action = make_action(make_area(plan))
    client.force_login(personas.service_manager)
    made = client.post(
        summary_url(),
        {
            "form": "recommendation",
            "plan": plan.pk,
            "theme": "feedback:timeliness",
            "text": "Reply to messages sooner",
        },
    )
    assert made.status_code == 302
    rec = Recommendation.objects.get()
    assert (rec.source, rec.theme, rec.plan) == ("feedback", "timeliness", plan)
    url = reverse("web:feedback-recommendation", args=[rec.pk])
    # Marking it implemented needs its action first.
    early = client.post(
        url,
        {
            "form": "implemented",
            "implemented_on-day": "10",
            "implemented_on-month": "1",
            "implemented_on-year": "2027",
        },
    )
    assert "Link the action" in early.content.decode()
    assert client.post(url, {"form": "action", "action": action.pk}).status_code == 302
    assert (
        client.post(
            url,
            {
                "form": "implemented",
                "implemented_on-day": "12",
                "implemented_on-month": "1",
                "implemented_on-year": "2027",
            },
        ).status_code
        == 302
    )
    rec.refresh_from_db()
    assert rec.action == action and rec.implemented_on == TODAY
    assert (
        client.post(
            url,
            {
                "form": "you_said",
                "you_said": "Replies were slow",
                "we_did": "We now reply within 5 working days",
                "published_on-day": "12",
                "published_on-month": "1",
                "published_on-year": "2027",
            },
        ).status_code
        == 302
    )
    entry = Feedback.objects.get()
    assert entry.recommendation == rec and entry.plan == plan
    listing = client.get(reverse("web:feedback-recommendations")).content.decode()
    assert "Implemented: 1 of 1" in listing
    client.force_login(personas.parent)
    family = client.get(reverse("web:family-yswd")).content.decode()
    assert "We now reply within 5 working days" in family


def test_not_adopted_needs_a_reason_and_qa_only_reads(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    plan = make_plan(personas.la)
    rec = Recommendation.objects.create(
        plan=plan, source="feedback", theme="portal", text="An app", made_on=TODAY
    )
    url = reverse("web:feedback-recommendation", args=[rec.pk])
    client.force_login(personas.qa_auditor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"form": "not_adopted", "reason": "No"}).status_code == 403
    client.force_login(personas.team_manager)
    empty = client.post(url, {"form": "not_adopted", "reason": " "})
    assert "Enter why it will not be done" in empty.content.decode()
    assert (
        client.post(url, {"form": "not_adopted", "reason": "Senda works on phones"}).status_code
        == 302
    )
    rec.refresh_from_db()
    assert rec.not_adopted_reason == "Senda works on phones"
    listing = client.get(reverse("web:feedback-recommendations")).content.decode()
    assert "Implemented: 0 of 0" in listing and "Not adopted" in listing
    elsewhere = Recommendation.objects.create(
        plan=make_plan(make_la()), source="feedback", theme="portal", text="x", made_on=TODAY
    )
    other = reverse("web:feedback-recommendation", args=[elsewhere.pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {"form": "not_adopted", "reason": "x"}).status_code == 404


def test_root_cause_themes_are_counted_and_become_recommendations(
    client, personas: Personas, today_is, settings
) -> None:
    """An appeal's root-cause review feeds improvement actions: its themes are counted in
    the term's summary and a recommendation can come from them (source "appeals")."""
    from senda.casework.models import RootCauseReview
    from tests.disagreements import make_appeal

    settings.SENDA_SUPPRESS_BELOW = 1
    today_is(TODAY)
    for _ in range(2):
        RootCauseReview.objects.create(
            appeal=make_appeal(personas.case),
            reviewed_on=date(2026, 11, 20),
            themes=["advice_quality", "evidence"],
            what_happened="The advice came late.",
            reviewed_by=personas.service_manager,
        )
    plan = make_plan(personas.la)
    client.force_login(personas.service_manager)
    page = client.get(summary_url()).content.decode()
    assert "root-cause reviews" in page
    row = page.split("Quality or lateness of advice")[1].split("</tr>")[0]
    assert ">2<" in row
    made = client.post(
        summary_url(),
        {
            "form": "recommendation",
            "plan": plan.pk,
            "theme": "appeals:advice_quality",
            "text": "Chase advice from week 4",
        },
    )
    assert made.status_code == 302
    rec = Recommendation.objects.get()
    assert (rec.source, rec.theme) == ("appeals", "advice_quality")
    listed = client.get(reverse("web:feedback-recommendations")).content.decode()
    assert "Quality or lateness of advice" in listed
