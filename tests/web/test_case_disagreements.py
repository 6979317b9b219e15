"""Officers record complaints, mediation and appeals through the web: each form saves
through its action; hostile input is a clear form error and writes nothing; the case page
and the disagreements page show the time limits with their citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    AssessmentRequest,
    Complaint,
    Mediation,
    Plan,
    RootCauseReview,
)
from tests.disagreements import make_appeal, make_complaint, make_mediation, make_order
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 6, 30)
MODELS = (Complaint, Mediation, Appeal, AppealOrder, AppealCost, RootCauseReview)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas.case_officer)
    return client


def dated(on: date, name: str = "on") -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def url(name: str, case, *args) -> str:
    return reverse(f"web:{name}", args=[case.pk, *args])


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def snapshot():
    return [list(model.objects.values()) for model in MODELS]


def refused(client, address: str, data: dict, message: str) -> None:
    """POST ``data``: the form comes back with ``message`` and nothing is written."""
    before = snapshot()
    response = client.post(address, data)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text, text
    assert snapshot() == before


def saved(client, address: str, data: dict) -> None:
    response = client.post(address, data)
    assert response.status_code == 302, page_text(response)


def test_an_officer_records_a_complaint_and_its_stages(officer_client, personas):
    saved(
        officer_client,
        url("complaint-new", personas.case),
        {
            **dated(date(2026, 6, 1), "received_on"),
            "category": "communication",
            "summary": "Nobody called back.",
            "stage": "1",
        },
    )
    complaint = Complaint.objects.get()
    assert (complaint.category, complaint.summary, complaint.recorded_by) == (
        "communication",
        "Nobody called back.",
        personas.case_officer,
    )
    step = lambda slug: url("complaint-step", personas.case, complaint.pk, slug)  # noqa: E731
    saved(officer_client, step("acknowledge"), dated(date(2026, 6, 2)))
    saved(
        officer_client,
        step("extend"),
        {**dated(date(2026, 6, 22), "extended_to"), "reason": "Waiting for records."},
    )
    saved(officer_client, step("respond"), dated(date(2026, 6, 19)))
    saved(officer_client, step("escalate"), dated(date(2026, 6, 22)))
    saved(officer_client, step("respond-stage-2"), dated(date(2026, 6, 29)))
    saved(
        officer_client,
        step("close"),
        {**dated(date(2026, 6, 29)), "outcome": "upheld", "learning": "Call back in 2 days."},
    )
    saved(officer_client, step("ombudsman"), {**dated(TODAY), "reference": "26 001"})
    saved(
        officer_client,
        step("ombudsman-decision"),
        {**dated(TODAY), "decision": "upheld", "payment": "£1,250.50"},
    )
    complaint.refresh_from_db()
    assert complaint.ombudsman_payment == Decimal("1250.50")
    assert complaint.learning == "Call back in 2 days."
    assert AuditEntry.objects.filter(verb="write", child=personas.child).count() == 9


def test_complaint_forms_refuse_hostile_input(officer_client, personas):
    new = url("complaint-new", personas.case)
    good = {
        **dated(date(2026, 6, 1), "received_on"),
        "category": "other",
        "summary": "x",
        "stage": "1",
    }
    refused(
        officer_client,
        new,
        good | dated(date(2026, 7, 1), "received_on"),
        "must be today or in the past",
    )
    refused(officer_client, new, good | {"summary": "   "}, "Enter a summary of the complaint")
    refused(
        officer_client,
        new,
        good | {"category": "<script>"},
        "Choose what the complaint is about from the list",
    )
    refused(officer_client, new, good | {"stage": "99"}, "from the list")
    refused(
        officer_client, new, good | {"received_on-year": "99999"}, "Year must include 4 numbers"
    )
    complaint = make_complaint(personas.case, received_on=date(2026, 6, 1))
    step = lambda slug: url("complaint-step", personas.case, complaint.pk, slug)  # noqa: E731
    refused(
        officer_client,
        step("extend"),
        {**dated(date(2026, 7, 20), "extended_to"), "reason": "x"},
        "at most 10 more working days",
    )
    refused(
        officer_client,
        step("respond-stage-2"),
        dated(TODAY),
        "Record that the family asked for stage 2 first",
    )
    saved(officer_client, step("ombudsman"), dated(TODAY))
    refused(
        officer_client,
        step("ombudsman-decision"),
        {**dated(TODAY), "decision": "upheld", "payment": "9" * 40},
        "The payment must be an amount in pounds",
    )


def test_an_unknown_step_or_another_cases_record_is_not_found(officer_client, personas):
    from tests.factories import make_case

    complaint = make_complaint(personas.case)
    assert (
        officer_client.get(url("complaint-step", personas.case, complaint.pk, "nope")).status_code
        == 404
    )
    elsewhere = make_complaint(make_case(la=personas.la))
    assert (
        officer_client.get(url("complaint-step", personas.case, elsewhere.pk, "close")).status_code
        == 404
    )


def test_an_officer_records_a_mediation(officer_client, personas):
    saved(
        officer_client,
        url("mediation-new", personas.case),
        {
            "kind": "mediation",
            **dated(date(2026, 5, 1), "decision_on"),
            "issues": ["section_f", "health"],
        },
    )
    mediation = Mediation.objects.get()
    assert mediation.issues == ["section_f", "health"] and mediation.health_sought
    step = lambda slug: url("mediation-step", personas.case, mediation.pk, slug)  # noqa: E731
    saved(officer_client, step("date"), {"field": "la_told_on", **dated(date(2026, 5, 8))})
    saved(officer_client, step("choice"), {"choice": "mediate", "arranged_by": "la"})
    saved(officer_client, step("date"), {"field": "meeting_on", **dated(date(2026, 6, 1))})
    saved(
        officer_client,
        step("outcome"),
        {"outcome": "partial", "child_views": "yes", "how": "A drawing"},
    )
    saved(officer_client, step("certificate"), {"kind": "after", **dated(date(2026, 6, 2))})
    saved(officer_client, step("cost"), {"cost": "1500.50"})
    assert "£1,500.50" in page_text(officer_client.get(url("case-disagreements", personas.case)))
    mediation.refresh_from_db()
    assert (mediation.meeting_on, mediation.child_views, mediation.certificate, mediation.cost) == (
        date(2026, 6, 1),
        True,
        "after",
        Decimal("1500.50"),
    )


def test_mediation_forms_refuse_hostile_input(officer_client, personas):
    mediation = make_mediation(personas.case, decision_on=date(2026, 5, 1))
    step = lambda slug: url("mediation-step", personas.case, mediation.pk, slug)  # noqa: E731
    refused(
        officer_client,
        step("date"),
        {"field": "meeting_on", **dated(date(2026, 7, 1))},
        "today or in the past",
    )
    refused(
        officer_client,
        step("date"),
        {"field": "meeting_on", **dated(date(2026, 4, 1))},
        "on or after the decision notice was sent",
    )
    refused(
        officer_client,
        step("date"),
        {"field": "password", **dated(TODAY)},
        "Choose the step from the list",
    )
    refused(
        officer_client,
        step("choice"),
        {"choice": "perhaps"},
        "Choose whether the family wants mediation from the list",
    )
    refused(officer_client, step("cost"), {"cost": "1e9"}, "must be an amount in pounds")
    refused(officer_client, step("cost"), {"cost": "10000000.01"}, "must be £10,000,000 or less")
    refused(officer_client, step("cost"), {"cost": "99999999999999"}, "must be £10,000,000 or less")
    refused(
        officer_client,
        url("mediation-new", personas.case),
        {"kind": "mediation", **dated(TODAY, "decision_on")},
        "Choose at least one",
    )


def test_an_officer_records_an_appeal_orders_costs_and_a_root_cause_review(
    officer_client, personas
):
    mediation = make_mediation(personas.case)
    form = officer_client.get(url("appeal-new", personas.case)).content.decode()
    assert "No mediation" in form and "---------" not in form
    saved(
        officer_client,
        url("appeal-new", personas.case),
        {
            **dated(date(2026, 5, 1), "decision_on"),
            "grounds": ["section_i"],
            "mediation": str(mediation.pk),
            "reference": "EH123/26/00001",
            **dated(date(2026, 5, 20), "lodged_on"),
        },
    )
    appeal = Appeal.objects.get()
    assert (appeal.mediation, appeal.reference) == (mediation, "EH123/26/00001")
    step = lambda slug: url("appeal-step", personas.case, appeal.pk, slug)  # noqa: E731
    saved(officer_client, step("date"), {"field": "registered_on", **dated(date(2026, 5, 22))})
    saved(officer_client, step("date"), {"field": "hearing_on", **dated(date(2026, 9, 1))})
    saved(officer_client, step("concession"), {"concession": "consent_order"})
    saved(officer_client, step("decision"), {"outcome": "conceded", **dated(TODAY, "decided_on")})
    saved(
        officer_client,
        step("order"),
        {"kind": "change_school", **dated(TODAY, "made_on"), "by_concession": "on"},
    )
    saved(officer_client, step("cost"), {"line": "legal", "amount": "4,000", **dated(TODAY)})
    page = page_text(officer_client.get(url("case-disagreements", personas.case)))
    assert "The council lost or conceded this appeal" in page
    assert "£4,000 on" in page
    saved(
        officer_client,
        step("root-cause"),
        {
            "themes": ["placement_sufficiency"],
            "what_happened": "No place.",
            "learning": "Plan places.",
        },
    )
    order = AppealOrder.objects.get()
    saved(officer_client, url("order-complete", personas.case, order.pk), dated(TODAY, "done_on"))
    order.refresh_from_db()
    assert order.done_on == TODAY and order.by_concession
    assert AppealCost.objects.get().amount == Decimal("4000")
    assert RootCauseReview.objects.get().themes == ["placement_sufficiency"]


def test_appeal_forms_refuse_hostile_input(officer_client, personas):
    appeal = make_appeal(personas.case, decision_on=date(2026, 5, 1))
    step = lambda slug: url("appeal-step", personas.case, appeal.pk, slug)  # noqa: E731
    cost = {"line": "legal", **dated(TODAY)}
    refused(
        officer_client,
        step("cost"),
        cost | {"amount": "99999999999999999999999"},
        "Amount must be £10,000,000 or less",
    )
    refused(
        officer_client,
        step("cost"),
        cost | {"amount": "10000001"},
        "Amount must be £10,000,000 or less",
    )
    refused(officer_client, step("cost"), cost | {"amount": "0"}, "Amount must be more than £0")
    refused(officer_client, step("cost"), cost | {"amount": "-5"}, "must be an amount in pounds")
    refused(
        officer_client,
        step("decision"),
        {"outcome": "won", **dated(TODAY, "decided_on")},
        "Choose outcome from the list",
    )
    refused(
        officer_client,
        step("decision"),
        {"outcome": "allowed", **dated(date(2026, 7, 1), "decided_on")},
        "today or in the past",
    )
    other = make_mediation(make_appeal(personas.case).case)  # a mediation of this case is fine…
    from tests.factories import make_case

    foreign = make_mediation(make_case(la=personas.la))  # …another case's is not offered
    refused(
        officer_client,
        url("appeal-new", personas.case),
        {
            **dated(date(2026, 5, 1), "decision_on"),
            "grounds": ["section_i"],
            "mediation": str(foreign.pk),
        },
        "Choose a mediation from the list",
    )
    assert other.pk
    saved(officer_client, step("decision"), {"outcome": "dismissed", **dated(TODAY, "decided_on")})
    refused(
        officer_client,
        step("root-cause"),
        {"themes": ["evidence"], "what_happened": "We won."},
        "A root-cause review is only for an appeal the council lost or conceded",
    )


def test_a_qa_auditor_reads_but_cannot_record(client, personas):
    client.force_login(personas.qa_auditor)
    assert client.get(url("case-disagreements", personas.case)).status_code == 200
    before = snapshot()
    response = client.post(
        url("complaint-new", personas.case),
        {**dated(TODAY, "received_on"), "category": "other", "summary": "x", "stage": "1"},
    )
    assert response.status_code == 403
    order = make_order(personas.case)
    assert (
        client.post(
            url("order-complete", personas.case, order.pk), dated(TODAY, "done_on")
        ).status_code
        == 403
    )
    assert AppealOrder.objects.get().done_on is None
    assert snapshot()[0] == before[0]


def test_the_case_page_shows_time_limits_with_citations(officer_client, personas):
    complaint = make_complaint(personas.case, received_on=date(2026, 6, 1))
    make_mediation(personas.case, decision_on=date(2026, 5, 1), la_told_on=date(2026, 5, 8))
    make_order(personas.case)
    from senda.casework.disagreements import case_disagreements

    found = case_disagreements(personas.case, TODAY)
    limits = found.open_limits
    assert limits
    case_page = page_text(officer_client.get(reverse("web:case-detail", args=[personas.case.pk])))
    assert "Complaints, mediation and appeals" in case_page
    for limit in limits:
        assert limit.citation in case_page
        assert limit.title in case_page
    page = page_text(officer_client.get(url("case-disagreements", personas.case)))
    assert complaint.summary in page
    for limit in limits:
        assert limit.citation in page
    entry = AuditEntry.objects.filter(verb="read").last()
    assert entry.child == personas.child


def test_families_do_not_see_the_section_on_the_case_page(client, personas):
    make_complaint(personas.case)
    client.force_login(personas.parent)
    response = client.get(reverse("web:case-detail", args=[personas.case.pk]), follow=True)
    assert response.redirect_chain  # to their own page of the record
    assert "Complaints, mediation and appeals" not in page_text(response)


def test_a_complaint_can_be_recorded_on_a_closed_case(officer_client, personas):
    from senda.casework.models import Case

    Case.objects.filter(pk=personas.case.pk).update(status=Case.Status.CLOSED)
    saved(
        officer_client,
        url("complaint-new", personas.case),
        {
            **dated(TODAY, "received_on"),
            "category": "other",
            "summary": "Closed too soon.",
            "stage": "1",
        },
    )
    assert Complaint.objects.get().summary == "Closed too soon."


def every_form(personas):
    from senda.web.views.case_disagreements import APPEAL_STEPS, COMPLAINT_STEPS, MEDIATION_STEPS

    case = personas.case
    complaint, mediation, appeal = make_complaint(case), make_mediation(case), make_appeal(case)
    order = make_order(case)
    yield url("complaint-new", case)
    yield url("mediation-new", case)
    yield url("appeal-new", case)
    yield url("order-complete", case, order.pk)
    yield from (url("complaint-step", case, complaint.pk, slug) for slug in COMPLAINT_STEPS)
    yield from (url("mediation-step", case, mediation.pk, slug) for slug in MEDIATION_STEPS)
    yield from (url("appeal-step", case, appeal.pk, slug) for slug in APPEAL_STEPS)


def test_every_form_renders_and_an_empty_post_says_what_is_missing(officer_client, personas):
    addresses = list(every_form(personas))
    before = snapshot()
    for address in addresses:
        response = officer_client.get(address)
        assert response.status_code == 200, address
        audit_page(response)
        response = officer_client.post(address, {})
        assert response.status_code == 200, address
        assert "There is a problem" in page_text(response), address
    assert snapshot() == before


def test_the_flags_an_imported_return_gave_are_shown_in_plain_words(officer_client, personas):
    """A SEN2 return imported from another system said mediation and an appeal happened,
    with no dates: the page says so, and makes no mediation or appeal of it."""
    AssessmentRequest.objects.create(
        case=personas.case,
        received_on=date(2024, 3, 4),
        source=1,
        assess_outcome="refuse",
        assess_decided_on=date(2024, 4, 15),
        returned_flags="RequestMediation RequestTribunal",
    )
    Plan.objects.create(
        case=personas.case, transferred_in_on=date(2025, 2, 3), returned_flags="OtherTribunal"
    )
    page = page_text(officer_client.get(url("case-disagreements", personas.case)))
    assert "A SEN2 return imported from the council's earlier system said" in page
    assert (
        "for the request or plan of 4 March 2024, mediation was held about the decision not "
        "to assess" in page
    )
    assert "4 March 2024, an appeal was made to the tribunal about the decision not" in page
    assert "3 February 2025, an appeal was made to the tribunal about something else" in page
    assert not Mediation.objects.exists() and not Appeal.objects.exists()


def test_a_case_with_no_imported_flags_says_nothing_of_them(officer_client, personas):
    page = page_text(officer_client.get(url("case-disagreements", personas.case)))
    assert "SEN2 return imported" not in page
