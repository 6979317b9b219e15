"""The placements pages and the plan's settings and flags page: lists, forms that record,
end and correct, the case page's link, audited reads, and hostile input that never 500s.
(Who may open each URL: tests/web/test_role_matrix.py.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.actions.placements import Where, record_placement
from senda.casework.models import NamedSetting, Placement
from tests.casework.flows import with_plan
from tests.factories import make_case, make_la
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


@pytest.fixture
def officer(client: Any, personas: Any) -> Any:
    client.force_login(personas.case_officer)
    return client


def url(name: str, case: Any, *more: Any) -> str:
    return reverse(f"web:{name}", args=[case.pk, *more])


def placement_data(personas: Any, **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "setting": f"s{personas.setting.pk}",
        "setting_other": "",
        "rank": "1",
        "entered_on-day": "3",
        "entered_on-month": "9",
        "entered_on-year": "2025",
        "left_on-day": "",
        "left_on-month": "",
        "left_on-year": "",
        "residential": "",
        "features": [],
    }
    return data | changes


def a_placement(personas: Any, **more: Any) -> Placement:
    return record_placement(
        case=personas.case,
        where=Where(setting=personas.setting),
        rank=1,
        entered_on=date(2025, 9, 3),
        by=personas.case_officer,
        today=TODAY,
        **more,
    )


def test_it_lists_placements_and_audits_the_read(officer: Any, personas: Any) -> None:
    a_placement(personas)
    response = officer.get(url("placements", personas.case))
    assert response.status_code == 200
    text = text_of(audit_page(response))
    assert personas.setting.name in text and "3 September 2025" in text and "still there" in text
    assert personas.child.family_name not in response.content.decode().split("</title>")[0]
    assert AuditEntry.objects.filter(
        verb="read", object_type="casework.Case", object_id=str(personas.case.pk)
    ).exists()


def test_an_officer_records_a_placement(officer: Any, personas: Any) -> None:
    data = placement_data(
        personas,
        setting="cOTH",
        setting_other="Hospital school",
        rank="2",
        residential="B",
        features=["sen_unit", "work_based"],
    )
    response = officer.post(url("placements", personas.case), data, follow=True)
    assert response.redirect_chain[-1][0] == url("placements", personas.case)
    assert "The placement is recorded" in response.content.decode()
    placement = Placement.objects.get()
    assert (placement.setting_code, placement.setting_other, placement.rank) == (
        "OTH",
        "Hospital school",
        2,
    )
    assert (placement.residential, placement.sen_unit, placement.work_based) == ("B", True, True)
    assert placement.resourced_provision is False


def test_the_actions_refusal_is_shown_on_its_field(officer: Any, personas: Any) -> None:
    response = officer.post(
        url("placements", personas.case), placement_data(personas, setting="cOTH")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["setting_other"] == ["Say what the other setting is"]
    assert "Error: " in response.content.decode().split("</title>")[0]
    assert not Placement.objects.exists()


def test_an_officer_ends_a_placement(officer: Any, personas: Any) -> None:
    placement = a_placement(personas)
    end = url("placement-end", personas.case, placement.pk)
    assert officer.get(end).status_code == 200
    data = {"left_on-day": "19", "left_on-month": "3", "left_on-year": "2026"}
    response = officer.post(end, data)
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.left_on == date(2026, 3, 19)


def test_a_leaving_date_in_the_future_is_refused(officer: Any, personas: Any) -> None:
    placement = a_placement(personas)
    data = {"left_on-day": "21", "left_on-month": "3", "left_on-year": "2026"}
    response = officer.post(url("placement-end", personas.case, placement.pk), data)
    assert response.status_code == 200
    assert "must be today or in the past" in " ".join(response.context["form"].errors["left_on"])
    placement.refresh_from_db()
    assert placement.left_on is None


def test_an_officer_corrects_a_placement_and_the_old_is_kept(officer: Any, personas: Any) -> None:
    placement = a_placement(personas)
    page = officer.get(url("placement-correct", personas.case, placement.pk))
    assert page.context["form"].initial["setting"] == f"s{personas.setting.pk}"
    data = placement_data(personas, setting="cEHE", **{"entered_on-day": "4"})
    response = officer.post(url("placement-correct", personas.case, placement.pk), data)
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.superseded_on == TODAY
    new = Placement.objects.current().get()
    assert (new.setting_code, new.entered_on) == ("EHE", date(2025, 9, 4))
    listing = text_of(audit_page(officer.get(url("placements", personas.case))))
    assert "Placements corrected" in listing
    # The corrected one has no pages of its own any more.
    assert officer.get(url("placement-correct", personas.case, placement.pk)).status_code == 404


def test_another_cases_placement_is_not_found(officer: Any, personas: Any) -> None:
    placement = a_placement(personas)
    other = make_case(personas.child)  # the same area, another case
    assert officer.get(url("placement-end", other, placement.pk)).status_code == 404
    elsewhere = make_case(la=make_la())
    assert officer.get(url("placements", elsewhere)).status_code == 404


def test_a_qa_auditor_reads_but_cannot_record(client: Any, personas: Any) -> None:
    a_placement(personas)
    client.force_login(personas.qa_auditor)
    page = client.get(url("placements", personas.case))
    assert page.status_code == 200
    assert "Record a placement" not in page.content.decode()
    assert (
        client.post(url("placements", personas.case), placement_data(personas)).status_code == 403
    )
    assert Placement.objects.count() == 1


def test_the_case_page_sums_up_placements_and_links_them(officer: Any, personas: Any) -> None:
    with_plan(personas.case, personas.case_officer)
    a_placement(personas)
    response = officer.get(reverse("web:case-detail", args=[personas.case.pk]))
    html = response.content.decode()
    assert url("placements", personas.case) in html and url("plan-settings", personas.case) in html
    assert "1 placement recorded, the latest from 3 September 2025 (still there)" in text_of(
        audit_page(response)
    )


@pytest.mark.parametrize(
    "hostile",
    [
        {"rank": "99999999999999999999"},
        {"rank": "-1"},
        {"rank": "1e3"},
        {"setting": "s99999999999999999999"},
        {"setting": "=cmd|' /C calc'!A0"},
        {"setting": "cOTH", "setting_other": "x" * 10_000},
        {"entered_on-day": "1", "entered_on-month": "1", "entered_on-year": "0001"},
        {"entered_on-year": "99999999999"},
        {"left_on-day": "31", "left_on-month": "2", "left_on-year": "2026"},
        {"residential": "Z"},
        {"features": ["flying"]},
    ],
)
def test_hostile_input_is_a_form_error_not_a_500(
    officer: Any, personas: Any, hostile: dict[str, Any]
) -> None:
    response = officer.post(url("placements", personas.case), placement_data(personas, **hostile))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Placement.objects.exists()


def test_formula_text_is_kept_as_text(officer: Any, personas: Any) -> None:
    data = placement_data(personas, setting="cOTH", setting_other="=cmd|' /C calc'!A0")
    assert officer.post(url("placements", personas.case), data).status_code == 302
    page = officer.get(url("placements", personas.case))
    assert "=cmd|&#x27; /C calc&#x27;!A0" in page.content.decode()


# --- the plan's settings and flags ---------------------------------------------------


def test_without_a_plan_the_page_says_so(officer: Any, personas: Any) -> None:
    response = officer.get(url("plan-settings", personas.case))
    assert "This case has no EHC plan yet" in text_of(audit_page(response))


def test_an_officer_names_settings_in_order(officer: Any, personas: Any) -> None:
    with_plan(personas.case, personas.case_officer)
    data = {
        "part": "settings",
        "named1_setting": "",  # an empty row is skipped
        "named2_setting": "cOTH",
        "named2_setting_other": "Home tuition",
        "named3_setting": f"s{personas.setting.pk}",
        "named3_features": ["resourced_provision"],
    }
    response = officer.post(url("plan-settings", personas.case), data, follow=True)
    assert "The settings named in the plan are saved" in response.content.decode()
    named = list(NamedSetting.objects.order_by("rank"))
    assert [(n.rank, n.setting_code, n.setting_id) for n in named] == [
        (1, "OTH", None),
        (2, "", personas.setting.pk),
    ]
    assert named[1].resourced_provision is True
    assert "Home tuition" in text_of(audit_page(response))


def test_a_refusal_lands_on_the_row_it_is_about(officer: Any, personas: Any) -> None:
    with_plan(personas.case, personas.case_officer)
    data = {"part": "settings", "named1_setting": "cEHE", "named3_setting": "cOTH"}
    response = officer.post(url("plan-settings", personas.case), data)
    assert response.status_code == 200
    errors = response.context["named_form"].errors
    assert errors["named3_setting_other"] == ["Say what the other setting is"]
    assert not NamedSetting.objects.exists()


def test_an_officer_sets_the_plans_flags(officer: Any, personas: Any) -> None:
    plan = with_plan(personas.case, personas.case_officer).plans.get()
    data = {
        "part": "flags",
        "residential": "A",
        "work_based": "no",
        "personal_budget": "yes",
        "organised_arrangements": "unknown",
        "direct_payments": "yes",
    }
    response = officer.post(url("plan-settings", personas.case), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.residential, plan.work_based, plan.personal_budget) == ("A", False, True)
    assert (plan.organised_arrangements, plan.direct_payments) == (None, True)


def test_direct_payments_without_a_budget_are_refused(officer: Any, personas: Any) -> None:
    plan = with_plan(personas.case, personas.case_officer).plans.get()
    data = {
        "part": "flags",
        "residential": "",
        "work_based": "unknown",
        "personal_budget": "no",
        "organised_arrangements": "unknown",
        "direct_payments": "yes",
    }
    response = officer.post(url("plan-settings", personas.case), data)
    assert response.status_code == 200
    assert response.context["flags_form"].errors["direct_payments"]
    plan.refresh_from_db()
    assert plan.direct_payments is None


@pytest.mark.parametrize(
    "hostile",
    [
        {"part": "settings", "named1_setting": "s" + "9" * 50},
        {"part": "settings", "named1_setting": "cOTH", "named1_setting_other": "x" * 10_000},
        {"part": "settings", "named99_setting": "cEHE", "named1_setting": "=1+1"},
        {"part": "flags", "residential": "=1+1", "work_based": "yes"},
        {"part": "flags", "personal_budget": "maybe"},
        {"part": "=cmd"},
    ],
)
def test_hostile_plan_input_never_500s(
    officer: Any, personas: Any, hostile: dict[str, Any]
) -> None:
    plan = with_plan(personas.case, personas.case_officer).plans.get()
    response = officer.post(url("plan-settings", personas.case), hostile)
    assert response.status_code == 200
    assert not NamedSetting.objects.exists()
    plan.refresh_from_db()
    assert plan.residential == "" and plan.personal_budget is None
