"""QA frameworks: the shipped defaults, versioning, publishing retires the version it
replaces, only drafts change, thresholds validated, an audit keeps its version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.quality import defaults, grading
from senda.quality.audits import open_audit, set_judgement, submit_audit
from senda.quality.frameworks import (
    add_criterion,
    add_domain,
    current,
    edit_criterion,
    edit_domain,
    edit_framework,
    new_version,
    publish,
    remove_criterion,
    remove_domain,
)
from senda.quality.models import Criterion, Framework, Grade
from tests.factories import make_la, make_user
from tests.quality.factories import make_framework, make_live_plan, make_version

DAY = date(2026, 11, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def la():
    return make_la()


@pytest.fixture
def lead(la):
    return make_user("qa_auditor", la)


def test_defaults_install_once_with_the_statutory_criteria_cited(la, lead) -> None:
    made = defaults.install_defaults(la=la, by=lead, today=DAY)
    assert [(f.subject, f.discipline) for f in made] == [
        ("plan", ""),
        ("advice", "education"),
        ("advice", "health"),
        ("advice", "social care"),
    ]
    assert defaults.install_defaults(la=la, by=lead, today=DAY) == []
    assert Framework.objects.filter(la=la).count() == 4
    plan = current(la)
    assert plan is not None and plan.status == Framework.Status.PUBLISHED and plan.version == 1
    assert plan.published_on == DAY
    domains = list(plan.domains.order_by("order"))
    assert [d.code for d in domains] == [
        "voice",
        "needs",
        "outcomes",
        "provision",
        "multi-agency",
        "adulthood",
        "review",
    ]
    assert [d.code for d in domains if d.is_outcomes] == ["outcomes"]
    for domain in domains:
        assert 3 <= domain.criteria.count() <= 6
    cited = dict(
        Criterion.objects.filter(domain__framework=plan, statutory=True).values_list(
            "code", "citation"
        )
    )
    assert cited["views-recorded"] == "SEND Regulations 2014 reg 12(1)(a)"
    assert cited["icb-agreed"] == "SEND Regulations 2014 reg 12(2)"
    assert "Children and Families Act 2014 s37(2)" in cited["sep-specified"]
    # reg 12(1)(a) to (j) each cited once, plus reg 12(2)
    letters = sorted(c.split("reg 12(1)(")[1][0] for c in cited.values() if "12(1)(" in c)
    assert letters == sorted("abcdefghhij")
    assert (plan.good_from, plan.statutory_cap) == (Decimal("0.7"), Grade.REQUIRES_IMPROVEMENT)
    assert current(la, "advice", "health").domains.count() == 2


def test_only_a_qa_lead_installs_defaults(la) -> None:
    with pytest.raises(ActionError, match="QA lead"):
        defaults.install_defaults(la=la, by=make_user("case_officer", la), today=DAY)


def test_a_new_version_is_a_draft_copy_and_publishing_retires_the_old(la, lead) -> None:
    v1 = make_framework(la)
    v2 = new_version(framework=v1, by=lead, today=DAY)
    assert (v2.version, v2.status, v2.based_on_id) == (2, Framework.Status.DRAFT, v1.pk)
    assert sorted(
        Criterion.objects.filter(domain__framework=v2).values_list("code", flat=True)
    ) == [
        "aspiration",
        "deliverer",
        "smart",
        "specified",
    ]
    assert current(la) == v1
    with pytest.raises(ActionError):
        new_version(framework=v1, by=lead, today=DAY)  # one draft at a time
    v2 = publish(framework=v2, by=lead, today=DAY)
    v1.refresh_from_db()
    assert v1.status == Framework.Status.RETIRED
    assert current(la) == v2 and v2.published_on == DAY
    assert AuditEntry.objects.filter(summary=f"framework {v2.pk}: published, retired {v1.pk}")


def test_a_published_framework_never_changes(la, lead) -> None:
    v1 = make_framework(la)
    domain = v1.domains.get(code="outcomes")
    criterion = domain.criteria.first()
    for change in (
        lambda: edit_framework(
            framework=v1,
            name="X",
            outstanding_from="0.9",
            good_from="0.7",
            requires_improvement_from="0.5",
            statutory_cap=2,
            by=lead,
        ),
        lambda: add_domain(framework=v1, name="Voice", by=lead),
        lambda: edit_domain(domain=domain, name="X", by=lead),
        lambda: remove_domain(domain=domain, by=lead),
        lambda: add_criterion(domain=domain, text="X", by=lead),
        lambda: edit_criterion(criterion=criterion, text="X", by=lead),
        lambda: remove_criterion(criterion=criterion, by=lead),
        lambda: publish(framework=v1, by=lead),
    ):
        with pytest.raises(ActionError, match="make a new version"):
            change()
    assert v1.domains.count() == 2 and Criterion.objects.filter(domain__framework=v1).count() == 4


@pytest.mark.parametrize(
    ("o", "g", "ri", "field"),
    [
        ("0.9", "0.7", "0", "requires_improvement_from"),
        ("0.9", "0.5", "0.6", "good_from"),
        ("0.7", "0.7", "0.5", "outstanding_from"),
        ("1.2", "0.7", "0.5", "outstanding_from"),
        ("lots", "0.7", "0.5", "outstanding_from"),
        ("NaN", "0.7", "0.5", "outstanding_from"),
    ],
)
def test_thresholds_are_validated(la, lead, o, g, ri, field) -> None:
    draft = new_version(framework=make_framework(la), by=lead)
    with pytest.raises(ActionError) as error:
        edit_framework(
            framework=draft,
            name="Plans",
            outstanding_from=o,
            good_from=g,
            requires_improvement_from=ri,
            statutory_cap=2,
            by=lead,
        )
    assert error.value.field == field


def test_a_draft_is_edited_and_its_thresholds_change_the_grade(la, lead) -> None:
    draft = new_version(framework=make_framework(la), by=lead)
    edit_framework(
        framework=draft,
        name="Plans 2027",
        outstanding_from="1",
        good_from="0.8",
        requires_improvement_from="0.4",
        statutory_cap=Grade.INADEQUATE,
        by=lead,
    )
    draft.refresh_from_db()
    spec = grading.spec_of(draft)
    assert spec.grade_for(Decimal("0.75")) == Grade.REQUIRES_IMPROVEMENT
    assert spec.statutory_cap == Grade.INADEQUATE
    voice = add_domain(framework=draft, name="Child's voice", sections="a", weight="2", by=lead)
    assert (voice.code, voice.sections, voice.order) == ("childs-voice", "A", 3)
    with pytest.raises(ActionError, match="Add a criterion"):
        publish(framework=draft, by=lead)
    with pytest.raises(ActionError) as error:
        add_criterion(domain=voice, text="Views recorded", weight="101", by=lead)
    assert error.value.field == "weight"
    with pytest.raises(ActionError) as error:
        add_criterion(domain=voice, text="Views recorded", weight="0", by=lead)
    assert error.value.field == "weight"
    with pytest.raises(ActionError) as error:
        add_criterion(domain=voice, text="Views recorded", statutory=True, by=lead)
    assert error.value.field == "citation"
    c = add_criterion(
        domain=voice,
        text="Views recorded",
        statutory=True,
        citation="reg 12(1)(a)",
        weight="2.5",
        by=lead,
    )
    edit_criterion(criterion=c, text="Views recorded in A", weight="3", by=lead)
    c.refresh_from_db()
    assert (c.text, c.weight, c.statutory) == ("Views recorded in A", Decimal("3.00"), False)
    edit_domain(domain=voice, name="Voice", sections="A", weight="1", is_outcomes=True, by=lead)
    assert list(draft.domains.filter(is_outcomes=True).values_list("code", flat=True)) == [
        "childs-voice"
    ]
    remove_criterion(criterion=c, by=lead)
    remove_domain(domain=voice, by=lead)
    assert draft.domains.count() == 2
    publish(framework=draft, by=lead)
    assert current(la).name == "Plans 2027"


def test_only_a_qa_lead_of_the_area_edits(la, lead) -> None:
    v1 = make_framework(la)
    with pytest.raises(ActionError, match="QA lead"):
        new_version(framework=v1, by=make_user("case_officer", la))
    with pytest.raises(ActionError, match="QA lead"):
        new_version(framework=v1, by=make_user("qa_auditor", make_la()))


def test_an_audit_keeps_the_version_it_used(la, lead) -> None:
    v1 = make_framework(la)
    plan = make_live_plan(la=la)
    make_version(plan, by=lead)
    audit = open_audit(la=la, plan=plan, framework=v1, lead=lead, by=lead, today=DAY)
    criteria = list(Criterion.objects.filter(domain__framework=v1).order_by("pk"))
    for c in criteria:
        met = "met" if c.code != "deliverer" else "not_met"
        set_judgement(audit=audit, criterion=c, met=met, evidence="read", by=lead)
    # a new version drops a criterion and is published before the audit is submitted
    v2 = new_version(framework=v1, by=lead)
    remove_criterion(
        criterion=v2.domains.get(code="provision").criteria.get(code="deliverer"), by=lead
    )
    publish(framework=v2, by=lead)
    submit_audit(audit=audit, by=lead, today=DAY)
    audit.refresh_from_db()
    assert audit.framework_id == v1.pk
    # outcomes 1.0; provision 1 of 2 met = 0.5; overall (1 + 0.5) / 2 = 0.75 -> Good
    assert audit.computed_grade == Grade.GOOD
    assert set(audit.domain_grades.values_list("domain__framework_id", flat=True)) == {v1.pk}
    assert Criterion.objects.filter(domain__framework=v1).count() == 4
    v1.refresh_from_db()
    assert v1.status == Framework.Status.RETIRED
