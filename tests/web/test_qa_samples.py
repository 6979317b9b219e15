"""QA leads draw samples of plans for audit through the web: the form turns a yearly share
into the period's, the sample page names cases by reference only, says why each plan is
in it and links to opening its audit; purposive additions are marked apart; the CSV and
XLSX go through ``senda.exports``; every page is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from senda.audit.models import AuditEntry
from senda.casework.models import Review
from senda.quality import samples
from senda.quality.models import Sample, SampleItem
from senda.quality.report import term_of
from senda.web.forms.qa_samples import period_choices, period_dates
from tests.factories import make_case, make_child, make_la
from tests.quality.factories import make_audit, make_live_plan
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def _plans(la, count, *, review_on=None):
    plans = []
    for _ in range(count):
        plan = make_live_plan(make_case(make_child(la)))
        if review_on:
            Review.objects.create(case=plan.case, plan=plan, meeting_on=review_on)
        plans.append(plan)
    return plans


def _sample(personas, *, share="0.25", plans=8, reviewed=4):
    _plans(personas.la, reviewed, review_on=date(2026, 5, 4))
    _plans(personas.la, plans - reviewed)
    return samples.draw_sample(
        la=personas.la,
        label="December 2026",
        period_start=date(2026, 12, 1),
        period_end=date(2026, 12, 31),
        share=Decimal(share),
        review_share=Decimal("0.5"),
        exclude_months=12,
        strata=("phase",),
        by=personas.qa_auditor,
        seed=11,
        today=TODAY,
    )


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def _form(**overrides):
    return {
        "label": "December 2026",
        "period": "month-2026-12",
        "yearly_share": "5",
        "review_share": "50",
        "exclude_months": "12",
        "strata": ["phase", "need", "officer", "setting"],
    } | overrides


def test_it_draws_a_sample_from_the_form(client, personas):
    _plans(personas.la, 30, review_on=date(2026, 4, 1))
    client.force_login(personas.qa_auditor)
    assert "Draw a sample" in page_text(client.get(reverse("web:qa-sample-new")))
    response = client.post(reverse("web:qa-sample-new"), _form())
    sample = Sample.objects.get(la=personas.la)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:qa-sample", args=[sample.pk])
    # 5% a year over one month: 0.0042 of the 30 live plans (the personas' case has none)
    assert (sample.share, sample.review_share, sample.frame_size) == (
        Decimal("0.0042"),
        Decimal("0.500"),
        30,
    )
    assert (sample.period_start, sample.period_end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert sample.strata == "phase need officer setting"
    assert sample.items.count() == 1
    assert samples.redraw_check(sample)


def test_a_term_is_the_termly_reports_term(client, personas):
    _plans(personas.la, 10)
    client.force_login(personas.service_manager)
    client.post(reverse("web:qa-sample-new"), _form(period="term-2027-01-01", yearly_share="30"))
    sample = Sample.objects.get(la=personas.la)
    # spring: January to March, as the termly report counts it; 30% a year × 3/12
    assert (sample.period_start, sample.period_end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert sample.share == Decimal("0.0750")
    assert sample.items.count() == 1


def test_the_forms_terms_are_the_reports_terms():
    terms = [(value, label) for value, label in period_choices(TODAY) if value[:5] == "term-"]
    assert terms == [
        ("term-2026-09-01", "Autumn term 2026 (September to December)"),
        ("term-2027-01-01", "Spring term 2027 (January to March)"),
        ("term-2027-04-01", "Summer term 2027 (April to August)"),
        ("term-2027-09-01", "Autumn term 2027 (September to December)"),
        ("term-2028-01-01", "Spring term 2028 (January to March)"),
        ("term-2028-04-01", "Summer term 2028 (April to August)"),
    ]
    for value, _ in terms:
        start, end, _ = period_dates(value)
        term = term_of(start)
        assert (start, end) == (term.start, term.end)
        assert term_of(end) == term
    assert [period_dates(value)[2] for value, _ in terms[:3]] == [4, 3, 5]  # a year: 12


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"yearly_share": "1e9"}, "must be a percentage"),
        ({"yearly_share": "0"}, "must be between 0.01 and 100"),
        ({"review_share": "101"}, "must be between 0 and 100"),
        ({"exclude_months": "99999999999999"}, "must be 120 or less"),
        ({"period": "month-9999-99"}, "Choose the period from the list"),
        ({"label": "x" * 500}, "100 characters or fewer"),
        ({"label": ""}, "Enter a name for the sample"),
        ({"strata": ["colour"]}, "Choose only from the list"),
    ],
)
def test_hostile_input_is_a_form_error(client, personas, overrides, message):
    client.force_login(personas.qa_auditor)
    response = client.post(reverse("web:qa-sample-new"), _form(**overrides))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert not Sample.objects.exists()


def test_sample_page_names_cases_by_reference_with_reasons(client, personas):
    sample = _sample(personas)
    item = sample.items.filter(includes_review=True).first()
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:qa-sample", args=[sample.pk]))
    text = page_text(response)
    assert f"R-{item.case_id}" in text
    assert item.reason in text
    assert "includes the review of 4 May 2026" in item.reason
    assert "Child" not in text  # the factories' children are "Test ChildN"
    html = response.content.decode()
    assert '<dd class="govuk-summary-list__value">11</dd>' in html  # the seed
    assert "2 of 8 live plans (25% of them)" in html
    assert f'href="/qa/audits/new/?item={item.pk}"' in html
    assert "Open an audit" in html
    entry = AuditEntry.objects.filter(object_type="quality.Sample").latest("pk")
    assert (entry.verb, entry.summary) == ("read", f"qa sample: sample={sample.pk} page=1")


def test_an_officer_reads_but_cannot_open_audits(client, personas):
    sample = _sample(personas)
    client.force_login(personas.case_officer)
    html = client.get(reverse("web:qa-sample", args=[sample.pk])).content.decode()
    assert "Open an audit" not in html
    assert "Add a plan on purpose" not in html


def test_audit_status_shows_an_open_audit(client, personas):
    sample = _sample(personas)
    item = sample.items.first()
    make_audit(personas.la, case=item.case, sample_item=item, opened_on=TODAY)
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:qa-sample", args=[sample.pk]))
    assert "Audit open" in page_text(response)
    assert f"?item={item.pk}" not in response.content.decode()
    listing = page_text(client.get(reverse("web:qa-samples")))
    assert "December 2026" in listing
    assert "2 drawn, 0 on purpose" in listing


def test_a_plan_is_added_on_purpose(client, personas):
    sample = _sample(personas)
    plan = _plans(personas.la, 1)[0]
    client.force_login(personas.qa_auditor)
    address = reverse("web:qa-sample-add", args=[sample.pk])
    assert "Add a plan on purpose" in page_text(client.get(address))
    response = client.post(address, {"case_ref": f"R-{plan.case_id}", "reason": "Complaint-led"})
    assert response.status_code == 302
    item = SampleItem.objects.get(sample=sample, purposive=True)
    assert (item.plan_id, item.reason) == (plan.pk, "Added on purpose: Complaint-led")
    text = page_text(client.get(reverse("web:qa-sample", args=[sample.pk])))
    assert "Added on purpose" in text and "On purpose" in text


@pytest.mark.parametrize("ref", ["R-99999999999999", "nonsense", "R-0"])
def test_an_unknown_case_reference_is_a_form_error(client, personas, ref):
    sample = _sample(personas)
    client.force_login(personas.qa_auditor)
    response = client.post(
        reverse("web:qa-sample-add", args=[sample.pk]), {"case_ref": ref, "reason": "Thematic"}
    )
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    assert not SampleItem.objects.filter(purposive=True).exists()


def test_another_areas_case_cannot_be_added(client, personas):
    sample = _sample(personas)
    other = make_live_plan(la=make_la())
    client.force_login(personas.qa_auditor)
    response = client.post(
        reverse("web:qa-sample-add", args=[sample.pk]),
        {"case_ref": f"R-{other.case_id}", "reason": "Thematic"},
    )
    assert f"There is no case R-{other.case_id} with a live plan here" in page_text(response)


def test_csv_and_xlsx_are_audited_and_safe(client, personas):
    sample = _sample(personas)
    plan = _plans(personas.la, 1)[0]
    samples.add_purposive(sample=sample, plan=plan, reason="=HYPERLINK(1)", by=personas.qa_auditor)
    client.force_login(personas.team_manager)
    csv = client.get(reverse("web:qa-sample-csv", args=[sample.pk])).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Case reference,Plan,Stratum")
    assert f"R-{plan.case_id}" in csv
    assert "Added on purpose: =HYPERLINK(1)" in csv  # not at the start: stays as written
    assert len(csv.strip().splitlines()) == 1 + 3
    xlsx = client.get(reverse("web:qa-sample-xlsx", args=[sample.pk]))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet.max_row == 4
    assert sheet.cell(1, 1).value == "Case reference"
    exports = AuditEntry.objects.filter(verb="export", object_id=str(sample.pk))
    assert sorted(e.summary for e in exports) == [
        f"qa sample csv: sample={sample.pk} rows=3",
        f"qa sample xlsx: sample={sample.pk} rows=3",
    ]


def test_list_and_forms_pass_the_page_audit(client, personas):
    sample = _sample(personas)
    client.force_login(personas.qa_auditor)
    for name, args in (
        ("qa-samples", []),
        ("qa-sample-new", []),
        ("qa-sample", [sample.pk]),
        ("qa-sample-add", [sample.pk]),
    ):
        audit_page(client.get(reverse(f"web:{name}", args=args)))
    error = client.post(reverse("web:qa-sample-add", args=[sample.pk]), {})
    assert page_text(error).startswith("Error") or "Error:" in error.content.decode()
