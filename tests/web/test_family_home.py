"""The family's home, "Where we are": a parent sees their own child's case only, a young
person reads "you", the law's limits show with their citations and local standards never
do, a late step is said with an apology, and the page reads at grade 6 or below."""

from __future__ import annotations

import re
from datetime import date

import pytest
import textstat
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.actions import (
    record_assess_decision,
    record_draft_plan,
    record_final_plan,
    record_issue_decision,
    record_request_received,
)
from senda.casework.actions.review import record_review_meeting
from senda.people.models import Delegation, FamilyContact
from senda.portal.family_status import jargon_in
from tests.factories import make_case, make_child, make_la, make_user
from tests.web.page_audit import audit_page, has_class, text_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def family(today_is):
    today_is(TODAY)
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la, date_of_birth=date(2015, 6, 1))
    case = make_case(child, officer=officer)
    parent = make_user("parent", la, child=child)
    return la, officer, case, parent


def request_received(case, officer, on=date(2026, 1, 5)):
    record_request_received(case=case, on=on, source=2, by=officer)


def with_plan(case, officer):
    """A plan issued 18 May 2026, recorded step by step on its days."""
    for step, on, extra in (
        (record_request_received, date(2026, 1, 5), {"source": 2}),
        (record_assess_decision, date(2026, 2, 9), {"outcome": "assess"}),
        (record_issue_decision, date(2026, 4, 6), {"outcome": "issue"}),
        (record_draft_plan, date(2026, 4, 13), {}),
        (record_final_plan, date(2026, 5, 18), {}),
    ):
        step(case=case, on=on, by=officer, today=on, **extra)


def main_text(response, *, without_law: bool = False) -> str:
    """The page's <main>, optionally without the smaller "The law:" lines."""
    document = audit_page(response)
    main = document.find(".//main")
    assert main is not None
    if without_law:
        for parent in main.iter():
            for element in list(parent):
                if has_class(element, "senda-law"):
                    parent.remove(element)
    return text_of(main)


def test_a_parent_sees_where_their_childs_case_is(client, family):
    _la, officer, case, parent = family
    request_received(case, officer)
    client.force_login(parent)
    response = client.get(reverse("web:family-home"))
    assert response.status_code == 200
    text = main_text(response)
    assert "We have your request" in text
    assert "We decide if we will assess your child's needs." in text
    assert "The council" in text and "16 February 2026" in text
    assert "The law: SEND Regulations 2014, regulation 5(1)" in text
    assert AuditEntry.objects.filter(
        verb="read", object_id=str(case.pk), user=parent, summary__startswith="family"
    ).exists()


def test_a_late_step_is_said_plainly_with_an_apology(client, family):
    _la, officer, case, parent = family
    request_received(case, officer)
    client.force_login(parent)
    text = main_text(client.get(reverse("web:family-case", args=[case.pk])))
    assert "This is late. It should have happened by 16 February 2026. We are sorry." in text


def test_the_page_reads_at_grade_6_with_no_internal_words(client, family, today_is):
    _la, officer, case, parent = family
    with_plan(case, officer)
    today_is(date(2027, 7, 1))  # the annual review is late
    client.force_login(parent)
    response = client.get(reverse("web:family-home"))
    text = main_text(response, without_law=True)
    assert textstat.flesch_kincaid_grade(text) <= 6, text
    assert jargon_in(text) == []
    assert "We are sorry" in text


def test_local_standards_are_never_shown(client, family, today_is):
    """After a review meeting the clock times the council's own 5 working days to log it;
    the family sees the law's limits only, each with its citation."""
    _la, officer, case, parent = family
    with_plan(case, officer)
    record_review_meeting(case=case, on=date(2027, 5, 10), by=officer, today=date(2027, 5, 10))
    assert case.deadlines.filter(rule="review-logged").exists()
    today_is(date(2027, 5, 12))
    client.force_login(parent)
    page = main_text(client.get(reverse("web:family-home")))
    assert "We are looking at your child's plan again" in page
    assert "The law: SEND Regulations 2014, regulation 20(10), 21(8)" in page
    assert "The law: SEND Regulations 2014, regulation 20(7), 21(7)" in page
    for word in ("logged", "local standard", "not statutory", "working days of the meeting"):
        assert word not in page.lower()
    assert not re.search(r"(?<!Regulations 2014 )\breg \d", page)


def test_another_familys_case_is_not_found(client, family):
    la, officer, case, parent = family
    other = make_case(make_child(la), officer=officer)
    client.force_login(parent)
    for name in ("web:family-case", "web:family-documents"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200


def test_a_young_person_reads_you(client, today_is):
    today_is(TODAY)
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la, date_of_birth=date(2008, 3, 1))  # 18 in 2026
    case = make_case(child, officer=officer)
    with_plan(case, officer)
    young = make_user("young_person", la)
    FamilyContact.objects.create(
        child=child, name="Sam", relationship="self", user=young, is_young_person=True
    )
    today_is(date(2026, 6, 1))
    client.force_login(young)
    text = main_text(client.get(reverse("web:family-home")))
    assert "You have a plan" in text
    assert "your child" not in text.lower()


def test_a_parent_sees_a_young_persons_record_only_while_they_agree(client, today_is):
    """From the end of compulsory school age the young person decides: their parent sees
    the record only with a delegation, and is told who makes the choices."""
    today_is(TODAY)
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la, date_of_birth=date(2008, 3, 1))
    case = make_case(child, officer=officer)
    request_received(case, officer)
    parent = make_user("parent", la, child=child)
    client.force_login(parent)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 404
    contact = FamilyContact.objects.get(user=parent)
    Delegation.objects.create(
        child=child, contact=contact, scope="see", granted_on=date(2026, 1, 1), granted_by=officer
    )
    text = main_text(client.get(reverse("web:family-case", args=[case.pk])))
    assert "old enough to make their own choices" in text
    # Seeing is not acting: only the documents to read.
    assert "Send us a message" not in text


def test_a_family_with_several_children_chooses_one(client, family):
    la, officer, case, parent = family
    second_child = make_child(la, given_name="Robin")
    second = make_case(second_child, officer=officer)
    FamilyContact.objects.create(child=second_child, name="P", relationship="mother", user=parent)
    client.force_login(parent)
    response = client.get(reverse("web:family-home"))
    text = main_text(response)
    assert "Choose a child" in text and "Robin" in text
    assert reverse("web:family-case", args=[second.pk]) in response.content.decode()
    assert reverse("web:family-case", args=[case.pk]) in response.content.decode()


def test_a_family_with_no_case_yet_is_told_what_they_can_do(client, today_is):
    today_is(TODAY)
    la = make_la()
    parent = make_user("parent", la, child=make_child(la))
    client.force_login(parent)
    text = main_text(client.get(reverse("web:family-home")))
    assert "Nothing has started yet" in text


def test_what_you_can_do_links_to_the_familys_pages(client, family):
    _la, officer, case, parent = family
    request_received(case, officer)
    client.force_login(parent)
    response = client.get(reverse("web:family-home"))
    html = response.content.decode()
    assert "What you can do now" in html
    assert reverse("web:family-documents", args=[case.pk]) in html


def test_staff_are_refused_the_family_home(client, family):
    _la, officer, case, _parent = family
    client.force_login(officer)
    assert client.get(reverse("web:family-home")).status_code == 403
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 404


def test_a_plan_older_than_the_records_shows_as_a_plan(client, family):
    """A plan moved from another system has a plan record and no steps yet."""
    from senda.casework.models import Plan

    _la, _officer, case, parent = family
    Plan.objects.create(case=case, issued_on=date(2025, 3, 3))
    client.force_login(parent)
    text = main_text(client.get(reverse("web:family-home")))
    assert "Your child has a plan" in text
    assert "Nothing has started yet" not in text
