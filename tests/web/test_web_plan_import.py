"""The upload page: only managers import; a good file makes a plan, a bad one nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.improvement.models import Action, ImprovementPlan
from tests.factories import Personas, make_plan, make_plan_member

URL = reverse("web:plan-import")
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
HEADER = "Area,Aims,What,How,KPIs,Timescale,Who,Updates / Comments\n"
GOOD = (
    HEADER + "Area 1: Timeliness,Plans on time,Weekly tracking of assessments,Tracker,"
    "final-plan-20w,Jan to Dec 26,Head of SEND,\n"
    + "Area 1: Timeliness,Plans on time,Publish monthly figures,,,Ongoing as needed,"
    "Head of SEND,\n"
)


def upload(name: str, text: str | bytes) -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize("who", ["team_manager", "service_manager"])
def test_it_shows_the_form_to_managers(client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page and 'id="id_file"' in page
    assert personas.la.name in page


@pytest.mark.parametrize(
    "who", ["case_officer", "qa_auditor", "senco", "parent", "board_member", "other_la_officer"]
)
def test_it_refuses_everyone_else(client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"file": upload("plan.csv", GOOD)})
    assert response.status_code == 403
    assert not ImprovementPlan.objects.exists()


def test_it_refuses_plan_partners_even_with_edit_access(client, personas: Personas) -> None:
    member = make_plan_member(make_plan(personas.la), access="edit")
    client.force_login(member.user)
    assert client.post(URL, {"file": upload("plan.csv", GOOD)}).status_code == 403
    assert ImprovementPlan.objects.count() == 1


def test_it_imports_a_good_file_and_lists_unresolved_timescales(client, personas: Personas) -> None:
    client.force_login(personas.service_manager)
    response = client.post(
        URL, {"file": upload("plan.csv", GOOD), "title": "Testshire plan", "layout": "areas"}
    )
    plan = ImprovementPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:plan", kwargs={"plan_id": plan.pk})
    assert (plan.title, plan.la) == ("Testshire plan", personas.la)
    actions = Action.objects.filter(area__plan=plan).order_by("reference")
    assert [a.timescale_resolved for a in actions] == [True, False]
    assert AuditEntry.objects.filter(user=personas.service_manager, verb="write").exists()
    banner = client.get(response["Location"]).content.decode()
    assert "Ongoing as needed" in banner and "to resolve" in banner


def test_it_imports_the_documented_example(client, personas: Personas) -> None:
    example = EXAMPLES / "improvement-plan-areas.csv"
    client.force_login(personas.team_manager)
    response = client.post(URL, {"file": upload(example.name, example.read_bytes())})
    assert response.status_code == 302
    assert Action.objects.filter(area__plan__la=personas.la).count() > 5


def test_it_imports_the_same_file_again_without_duplicating(client, personas: Personas) -> None:
    client.force_login(personas.team_manager)
    for _ in range(2):
        response = client.post(URL, {"file": upload("plan.csv", GOOD), "title": "Plan"})
        assert response.status_code == 302
    assert ImprovementPlan.objects.count() == 1
    assert Action.objects.count() == 2


def test_it_lists_every_problem_and_writes_nothing(client, personas: Personas) -> None:
    bad = (
        HEADER
        + "Area 1: Timeliness,Plans on time,,Tracker,,Jan to Dec 26,Head of SEND,\n"
        + "Area 1: Timeliness,Plans on time,Publish figures,,,Jan 26,Head of SEND,\n"
        + "Area 1: Timeliness,Plans on time,,Publish,,Dec 26,Head of SEND,\n"
    )
    client.force_login(personas.service_manager)
    response = client.post(URL, {"file": upload("bad.csv", bad), "title": "Bad plan"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page and 'href="#id_file"' in page
    assert "in the file" in page  # the table's caption: "N problems in the file"
    for row in ("Row 2", "Row 4"):
        assert row in page
    assert not ImprovementPlan.objects.exists()
    assert not Action.objects.exists()
    assert not AuditEntry.objects.filter(verb="write").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.4", "The selected file must be a CSV or XLSX"),
        ("plan.csv", b"", "The selected file is empty"),
    ],
)
def test_it_checks_the_file_itself(client, personas: Personas, name, data, message) -> None:
    client.force_login(personas.team_manager)
    response = client.post(URL, {"file": upload(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImprovementPlan.objects.exists()


def test_it_asks_for_a_file(client, personas: Personas) -> None:
    client.force_login(personas.team_manager)
    response = client.post(URL, {"title": "No file"})
    assert response.status_code == 200
    assert "Select a spreadsheet to import" in response.content.decode()


def test_it_signs_in_first(client, db) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:sign-in"))


def test_it_is_reachable_from_the_plans_list_for_managers(client, personas: Personas) -> None:
    client.force_login(personas.service_manager)
    page = client.get(reverse("web:plans")).content.decode()
    assert URL in page
    client.force_login(personas.case_officer)
    assert URL not in client.get(reverse("web:plans")).content.decode()


def test_it_is_linked_from_the_plan_page_for_those_who_may_import(client, personas) -> None:
    from tests.factories import make_plan

    plan = make_plan(personas.la)
    page = reverse("web:plan", args=[plan.pk])
    client.force_login(personas.team_manager)
    assert URL in client.get(page).content.decode()
    client.force_login(personas.qa_auditor)
    assert URL not in client.get(page).content.decode()


def test_it_reads_other_headings_through_a_column_mapping(client, personas) -> None:
    text = (EXAMPLES / "improvement-plan-areas.csv").read_text(encoding="utf-8")
    text = text.replace(",What,", ",Our action,", 1)
    client.force_login(personas.service_manager)
    upload = SimpleUploadedFile("ours.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post(
        URL, {"file": upload, "title": "Mapped", "mapping": "what = Our action\n"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = ImprovementPlan.objects.get(title="Mapped")
    assert Action.objects.filter(area__plan=plan).exists()


def test_it_explains_a_mapping_line_it_cannot_read(client, personas) -> None:
    client.force_login(personas.service_manager)
    upload = SimpleUploadedFile("ours.csv", b"Area,What\nA,B\n", content_type="text/csv")
    response = client.post(URL, {"file": upload, "mapping": "what: Our action"})
    assert response.status_code == 200
    assert "Line 1 of your column headings must be like" in response.content.decode()
    assert not ImprovementPlan.objects.exists()


def test_it_says_which_rows_continued_the_action_above(client, personas: Personas) -> None:
    example = EXAMPLES / "improvement-plan-published.xlsx"
    client.force_login(personas.service_manager)
    response = client.post(URL, {"file": upload(example.name, example.read_bytes())})
    assert response.status_code == 302
    banner = " ".join(client.get(response["Location"]).content.decode().split())
    assert "14 rows continued the action above" in banner
    assert "row 7 joined to 1.1 (How)" in banner
