"""The QA framework pages: staff read the list and a framework with its criteria,
citations and grade scale; a QA lead installs the defaults, makes a new version, edits the
draft (hostile input a form error, never a 500) and publishes it; a published version's
edit pages send the lead back; another area's framework is 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.quality import defaults
from senda.quality.frameworks import new_version, publish
from senda.quality.models import Criterion, Domain, Framework
from tests.factories import make_la, make_user
from tests.quality.factories import make_framework
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def url(name: str, framework: Framework | None = None) -> str:
    if framework is None:
        return reverse(f"web:{name}")
    return reverse(f"web:{name}", kwargs={"framework_id": framework.pk})


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def test_a_lead_installs_the_defaults_once(client, personas) -> None:
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(url("qa-frameworks")))
    assert "Install the default frameworks" in text
    response = client.post(url("qa-frameworks"))
    assert response.status_code == 302
    assert Framework.objects.filter(la=personas.la).count() == 4
    text = page_text(client.get(url("qa-frameworks")))
    assert "EHC plan quality framework" in text and "Install" not in text
    client.post(url("qa-frameworks"))
    assert Framework.objects.filter(la=personas.la).count() == 4


def test_an_officer_reads_but_cannot_install(client, personas) -> None:
    client.force_login(personas.case_officer)
    assert "Install" not in page_text(client.get(url("qa-frameworks")))
    assert client.post(url("qa-frameworks")).status_code == 403
    assert not Framework.objects.exists()


def test_the_framework_page_shows_criteria_citations_and_scale(client, personas) -> None:
    [plan, *_] = defaults.install_defaults(la=personas.la, by=personas.qa_auditor, today=TODAY)
    client.force_login(personas.case_officer)
    text = page_text(client.get(url("qa-framework", plan)))
    assert "EHC plan quality framework, version 1" in text
    assert "SEND Regulations 2014 reg 12(2)" in text
    assert "What good looks like" in text
    assert (
        "0.700 or more" in text and "caps its domain and the plan at Requires improvement" in text
    )
    assert "Make a new version" not in text
    assert AuditEntry.objects.filter(verb="read", object_id=str(plan.pk)).exists()


def test_a_lead_versions_edits_and_publishes(client, personas) -> None:
    v1 = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    assert "Make a new version" in page_text(client.get(url("qa-framework", v1)))
    response = client.post(url("qa-framework", v1))
    v2 = Framework.objects.get(la=personas.la, version=2)
    assert response.url == url("qa-framework", v2)
    assert v2.status == Framework.Status.DRAFT
    # name and thresholds: hostile input stays on the form
    form = {
        "name": "Plans 2027",
        "outstanding_from": "0.95",
        "good_from": "0.75",
        "requires_improvement_from": "0.5",
        "statutory_cap": "2",
    }
    for bad in ({"good_from": "9" * 40}, {"outstanding_from": "0.6"}, {"name": "x" * 5000}):
        response = client.post(url("qa-framework-edit", v2), form | bad)
        assert response.status_code == 200
        assert page_text(response).startswith("Error") or "There is a problem" in page_text(
            response
        )
    assert client.post(url("qa-framework-edit", v2), form).status_code == 302
    v2.refresh_from_db()
    assert (v2.name, str(v2.good_from)) == ("Plans 2027", "0.750")
    # a domain and a criterion
    assert (
        client.post(
            url("qa-framework-domain", v2), {"name": "Voice", "sections": "A", "weight": "1"}
        ).status_code
        == 302
    )
    voice = Domain.objects.get(framework=v2, code="voice")
    response = client.post(
        url("qa-framework-criterion", v2),
        {"domain": str(voice.pk), "text": "Views recorded", "weight": "1e9", "citation": ""},
    )
    assert response.status_code == 200 and "There is a problem" in page_text(response)
    response = client.post(
        url("qa-framework-criterion", v2),
        {
            "domain": str(voice.pk),
            "text": "Views recorded",
            "weight": "2",
            "statutory": "on",
            "citation": "SEND Regulations 2014 reg 12(1)(a)",
        },
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(domain=voice)
    assert criterion.statutory and criterion.weight == 2
    page = page_text(client.get(f"{url('qa-framework-criterion', v2)}?criterion={criterion.pk}"))
    assert "Change a criterion" in page
    assert client.get(f"{url('qa-framework-criterion', v2)}?criterion=99999").status_code == 404
    assert client.get(f"{url('qa-framework-domain', v2)}?domain=x").status_code == 404
    # publish
    assert "Publish version 2" in page_text(client.get(url("qa-framework-publish", v2)))
    assert client.post(url("qa-framework-publish", v2)).status_code == 302
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (Framework.Status.RETIRED, Framework.Status.PUBLISHED)
    # a published version is not edited: back to its page
    response = client.post(url("qa-framework-edit", v2), form | {"name": "Changed"})
    assert response.status_code == 302 and response.url == url("qa-framework", v2)
    v2.refresh_from_db()
    assert v2.name == "Plans 2027"


def test_publishing_a_domain_without_criteria_is_refused_on_the_page(client, personas) -> None:
    v1 = make_framework(personas.la)
    client.force_login(personas.service_manager)
    client.post(url("qa-framework", v1))
    v2 = Framework.objects.get(la=personas.la, version=2)
    client.post(url("qa-framework-domain", v2), {"name": "Review", "weight": "1"})
    response = client.post(url("qa-framework-publish", v2))
    assert response.status_code == 200
    assert "Add a criterion to every domain" in page_text(response)
    v2.refresh_from_db()
    assert v2.status == Framework.Status.DRAFT


def test_a_criterion_and_a_domain_are_removed(client, personas) -> None:
    v1 = make_framework(personas.la)
    client.force_login(personas.qa_auditor)
    client.post(url("qa-framework", v1))
    v2 = Framework.objects.get(la=personas.la, version=2)
    criterion = Criterion.objects.get(domain__framework=v2, code="deliverer")
    client.post(f"{url('qa-framework-criterion', v2)}?criterion={criterion.pk}", {"remove": "1"})
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
    domain = v2.domains.get(code="outcomes")
    client.post(f"{url('qa-framework-domain', v2)}?domain={domain.pk}", {"remove": "1"})
    assert list(v2.domains.values_list("code", flat=True)) == ["provision"]
    assert Criterion.objects.filter(domain__framework=v1).count() == 4


def test_another_areas_framework_is_not_found(client, personas) -> None:
    other = make_framework(make_la())
    client.force_login(personas.qa_auditor)
    for name in ("qa-framework", "qa-framework-edit", "qa-framework-publish"):
        assert client.get(url(name, other)).status_code == 404
        assert client.post(url(name, other)).status_code == 404
    assert not Framework.objects.filter(la=personas.la).exists()


def test_an_outside_advice_giver_gets_403(client, personas) -> None:
    client.force_login(make_user("advice_giver", personas.la))
    assert client.get(url("qa-frameworks")).status_code == 403


def test_a_replaced_version_says_so(client, personas) -> None:
    v1 = make_framework(personas.la)
    publish(framework=new_version(framework=v1, by=personas.qa_auditor), by=personas.qa_auditor)
    client.force_login(personas.team_manager)
    text = page_text(client.get(url("qa-framework", v1)))
    assert "A later version has replaced this one" in text
    assert "Make a new version" not in text
