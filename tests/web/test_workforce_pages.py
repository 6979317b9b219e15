"""The workforce pages (/workforce/): a session's register recorded for many people at once
(a change supersedes, audited), a person's training record (read audited), posts beside
case officers' capacity, and the staff behind a workforce KPI named for the manager."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people import workforce
from senda.people.models import Attendance, Post, Trainee
from senda.performance import catalogue
from senda.quality.models import ThemeCourse
from tests.factories import make_la, make_user
from tests.people.training_factories import make_register
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def area(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)
    la = make_la()
    manager = make_user("service_manager", la)
    return la, manager, make_register(la, manager, TODAY)


def test_a_manager_records_a_sessions_register_for_many_at_once(client, area):
    _la, manager, reg = area
    client.force_login(manager)
    url = reverse("web:workforce-session", args=[reg.session.pk])
    page = audit_page(client.get(url))
    assert "Cy Officer: attended" in text_of(page)  # everyone of the course's services
    ada, ben, cy = (p.pk for p in reg.sen)
    data = {
        f"came_{ada}": "yes", f"before_{ada}": "2", f"after_{ada}": "4", f"confident_{ada}": "yes",
        f"came_{ben}": "yes", f"before_{ben}": "3", f"after_{ben}": "5", f"confident_{ben}": "yes",
        f"came_{cy}": "no",
    }  # fmt: skip
    writes = AuditEntry.objects.filter(verb="write").count()
    response = client.post(url, data)
    assert response.status_code == 302
    assert Attendance.objects.current().filter(session=reg.session).count() == 3
    assert Attendance.objects.filter(trainee_id=ben).count() == 2  # the first kept
    assert AuditEntry.objects.filter(verb="write").count() == writes + 1
    refused = client.post(url, {f"came_{cy}": "no", f"after_{cy}": "3"})
    page = audit_page(refused)
    assert "did not attend" in text_of(page) and page.find(".//{*}title").text.startswith("Error")
    shown = audit_page(client.get(reverse("web:workforce-person", args=[ben])))
    assert "3 → 5" in text_of(shown)
    assert AuditEntry.objects.filter(verb="read", object_id=str(ben)).exists()
    overview = audit_page(client.get(reverse("web:workforce")))
    assert "2 of 3 (67%)" in text_of(overview)


def test_posts_sit_beside_case_officers_capacity_and_are_filled(client, area):
    la, manager, reg = area
    client.force_login(manager)
    Post.objects.create(la=la, team="sen_assessment", title="Case officer", needed_from=TODAY)
    page = audit_page(client.get(reverse("web:workforce-posts")))
    assert f"room for {la.caseload_target} cases" in text_of(page)
    url = reverse("web:workforce-post-fill", args=[reg.post.pk])
    audit_page(client.get(url))
    data = {"on-day": "1", "on-month": "3", "on-year": "2026", "trainee": str(reg.salt.pk)}
    assert client.post(url, data).status_code == 302
    reg.post.refresh_from_db()
    assert (reg.post.filled_on, reg.post.filled_by_id) == (date(2026, 3, 1), reg.salt.pk)


def test_the_staff_behind_a_workforce_kpi_are_named(client, area):
    _la, manager, reg = area
    assert catalogue.get("staff-trained").source == "computed"
    client.force_login(manager)
    page = audit_page(client.get(reverse("web:kpi", args=["staff-trained"])))
    text = text_of(page)
    assert "Ada Officer (Testshire Council)" in text and "Cy Officer" in text
    links = [a.get("href") for a in page.findall(".//{*}a")]
    assert reverse("web:workforce-person", args=[reg.sen[2].pk]) in links


def test_a_sign_in_sheet_is_imported_all_or_nothing(client, area):
    _la, manager, reg = area
    client.force_login(manager)
    url = reverse("web:workforce-session-import", args=[reg.session.pk])
    bad = SimpleUploadedFile(
        "sheet.csv",
        b"Name,Organisation,Attended,Confidence after\n"
        b"Cy Officer,Testshire Council,yes,4\nNo One,Nowhere,maybe,9\n",
    )
    page = audit_page(client.post(url, {"file": bad}))
    text = text_of(page)
    assert "Row 3, column A (Name)" in text and "Row 3, column C (Attended)" in text
    assert "Row 3, column D (Confidence after)" in text
    assert not Attendance.objects.filter(trainee=reg.sen[2]).exists()
    good = SimpleUploadedFile(
        "sheet.csv",
        b"name,organisation,attended,confidence after\nCy Officer,Testshire Council,yes,4\n",
    )
    assert client.post(url, {"file": good}).status_code == 302
    line = Attendance.objects.current().get(trainee=reg.sen[2])
    assert (line.confidence_after, line.via) == (4, "sheet.csv")


def test_a_qa_lead_links_a_course_to_a_learning_theme(client, area):
    la, _manager, reg = area
    auditor = make_user("qa_auditor", la)
    client.force_login(auditor)
    url = reverse("web:qa-themes")
    audit_page(client.get(url))
    response = client.post(url, {"theme": "quantified-provision", "course": str(reg.course.pk)})
    assert response.status_code == 302
    assert ThemeCourse.objects.current().get().course_id == reg.course.pk
    page = audit_page(client.get(reverse("web:workforce-course", args=[reg.course.pk])))
    assert "Provision specified and quantified" in text_of(page)
    officer = make_user("case_officer", la)
    client.force_login(officer)
    assert client.post(url, {"theme": "outcomes", "course": str(reg.course.pk)}).status_code == 403


def test_a_case_officer_sees_the_figure_not_the_staff_behind_it(client, area):
    la, _manager, _reg = area
    client.force_login(make_user("case_officer", la))
    page = audit_page(client.get(reverse("web:kpi", args=["staff-trained"])))
    assert "Ada Officer" not in text_of(page)


def test_a_manager_adds_a_person_with_their_account_and_records_their_leaving(client, area):
    la, manager, reg = area
    client.force_login(manager)
    officer = make_user("case_officer", la)
    url = reverse("web:workforce-person-new")
    audit_page(client.get(url))
    data = {
        "name": "Eve Officer", "service": "sen_assessment", "organisation": "Council",
        "started_on-day": "5", "started_on-month": "1", "started_on-year": "2026",
        "user": str(officer.pk),
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Trainee.objects.get(name="Eve Officer").user_id == officer.pk
    leaving = reverse("web:workforce-person-leaving", args=[reg.sen[2].pk])
    audit_page(client.get(leaving))
    early = {"on-day": "1", "on-month": "1", "on-year": "2020"}
    page = audit_page(client.post(leaving, early))
    assert "on or after the date they started" in text_of(page)
    on = {"on-day": "1", "on-month": "3", "on-year": "2026"}
    assert client.post(leaving, on).status_code == 302
    found = workforce.count("staff-trained", la, TODAY, TODAY, TODAY)
    assert reg.sen[2].pk not in (*found.counted, *found.missed)


def test_a_course_counts_each_sessions_attendance(client, area):
    _la, manager, reg = area
    client.force_login(manager)
    page = audit_page(client.get(reverse("web:workforce-course", args=[reg.course.pk])))
    [table] = page.findall(".//{*}table")
    assert text_of(table.find(".//{*}tbody")).endswith("2")  # Ada and Ben came
    assert "1 of 2 people answering" in text_of(page)
