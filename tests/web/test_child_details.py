"""The child's identifiers and flags page: pre-filled form, saving with a banner, the
history below the form, the link from the case page, and hostile input that never 500s."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import Child, ChildDetailsChange
from tests.web.page_audit import audit_page, text_of

VALID_UPN = "H926123456789"


def url(child: Child) -> str:
    return reverse("web:child-details", args=[child.pk])


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "upn": "",
        "upn_unknown": "",
        "uln": "",
        "nhs_number": "",
        "primary_need": "ASD",
        "secondary_need": "",
        "ethnicity": "",
        "postcode": "",
        "elective_home_education": "unknown",
        "missing_education": "unknown",
    }
    return data | changes


@pytest.fixture
def officer(client: Any, personas: Any) -> Any:
    client.force_login(personas.case_officer)
    return client


def test_the_form_is_pre_filled_and_the_read_is_audited(officer: Any, personas: Any) -> None:
    Child.objects.filter(pk=personas.child.pk).update(upn=VALID_UPN, elective_home_education=True)
    response = officer.get(url(personas.child))
    assert response.status_code == 200
    audit_page(response)
    html = response.content.decode()
    assert f'value="{VALID_UPN}"' in html
    assert response.context["form"].initial["elective_home_education"] == "yes"
    assert response.context["form"].initial["missing_education"] == "unknown"
    assert personas.child.family_name not in html.split("<title>")[1].split("</title>")[0]
    assert AuditEntry.objects.filter(
        verb="read", object_type="people.Child", object_id=str(personas.child.pk)
    ).exists()


def test_saving_goes_to_the_case_with_a_banner_and_the_history_shows(
    officer: Any, personas: Any
) -> None:
    response = officer.post(
        url(personas.child),
        form_data(upn=VALID_UPN, missing_education="yes", primary_need="SLCN"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("web:case-detail", args=[personas.case.pk])
    assert "identifiers and flags are saved" in response.content.decode()
    child = Child.objects.get(pk=personas.child.pk)
    assert (child.upn, child.missing_education, child.primary_need) == (VALID_UPN, True, "SLCN")
    page = officer.get(url(personas.child))
    audit_page(page)
    text = text_of(audit_page(page))
    assert "History of changes" in text
    assert f"Not recorded → {VALID_UPN}" in text
    assert "ASD → SLCN" in text
    assert "Not recorded → Yes" in text


def test_the_case_page_links_to_the_details(officer: Any, personas: Any) -> None:
    response = officer.get(reverse("web:case-detail", args=[personas.case.pk]))
    assert url(personas.child) in response.content.decode()
    assert "Change identifiers and flags" in response.content.decode()


def test_the_case_page_hides_the_link_from_a_qa_auditor(client: Any, personas: Any) -> None:
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:case-detail", args=[personas.case.pk]))
    assert url(personas.child) not in response.content.decode()


def test_a_bad_check_letter_is_shown_on_the_upn_box(officer: Any, personas: Any) -> None:
    response = officer.post(url(personas.child), form_data(upn="A926123456789"))
    assert response.status_code == 200
    audit_page(response)
    assert "check letter does not match" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert response.context["form"].errors["upn"]
    assert not ChildDetailsChange.objects.exists()


def test_a_upn_and_a_reason_together_are_refused(officer: Any, personas: Any) -> None:
    response = officer.post(url(personas.child), form_data(upn=VALID_UPN, upn_unknown="UN1"))
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert Child.objects.get(pk=personas.child.pk).upn == ""


@pytest.mark.parametrize(
    "hostile",
    [
        {"upn": "X" * 10_000},
        {"uln": "9" * 10_000},
        {"nhs_number": "1" * 10_000},
        {"upn": "Ｈ９２６１２３４５６７８９"},
        {"nhs_number": "٩٤٣٤٧٦٥٩١٩"},
        {"uln": "\u202e9999999998"},
        {"upn": "H92612345678\u200b"},
        {"upn_unknown": "UN" + "1" * 10_000},
        {"primary_need": "🙂"},
        {"elective_home_education": "maybe"},
        {"missing_education": "x" * 10_000},
        {"secondary_need": "=cmd|' /C calc'!A0"},
        {"ethnicity": "WBRI" * 2_500},
        {"ethnicity": "wbri\u0000"},
        {"postcode": '=HYPERLINK("x")'},
        {"postcode": "SW1A 1AA" * 1_000},
        {"postcode": "ＳＷ１Ａ １ＡＡ"},
        {"postcode": "12345"},
        {"secondary_need": "ASD"},  # the same as the primary need
    ],
)
def test_hostile_input_is_a_form_error_not_a_500(
    officer: Any, personas: Any, hostile: dict[str, str]
) -> None:
    response = officer.post(url(personas.child), form_data(**hostile))
    assert response.status_code == 200
    audit_page(response)
    assert response.context["form"].errors
    assert not ChildDetailsChange.objects.exists()


def test_a_missing_field_is_a_form_error(officer: Any, personas: Any) -> None:
    response = officer.post(url(personas.child), {})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_it_saves_the_sen2_details_and_shows_them_in_the_history(
    officer: Any, personas: Any
) -> None:
    data = form_data(secondary_need="SLCN", ethnicity="MWBA", postcode=" sw1a1aa ")
    response = officer.post(url(personas.child), data, follow=True)
    assert response.status_code == 200
    child = Child.objects.get(pk=personas.child.pk)
    assert (child.secondary_need, child.ethnicity, child.postcode) == ("SLCN", "MWBA", "SW1A 1AA")
    change = ChildDetailsChange.objects.get()
    assert change.after == {"secondary_need": "SLCN", "ethnicity": "MWBA", "postcode": "SW1A 1AA"}
    page = officer.get(url(personas.child))
    text = text_of(audit_page(page))
    assert "Not recorded → SW1A 1AA" in text and "Not recorded → MWBA" in text
    assert page.context["form"].initial["postcode"] == "SW1A 1AA"
    entry = AuditEntry.objects.get(verb="write", object_type="people.Child")
    assert "SW1A" not in entry.summary and "postcode" in entry.summary


def test_a_malformed_postcode_is_shown_on_its_box(officer: Any, personas: Any) -> None:
    response = officer.post(url(personas.child), form_data(postcode="SW1A 1A"))
    assert response.status_code == 200
    audit_page(response)
    assert response.context["form"].errors["postcode"] == ["Enter a real postcode, like SW1A 1AA"]
