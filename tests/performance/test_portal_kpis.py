"""The portal's KPIs: each counted from hand-built records (``senda.portal.measures``), its
period's boundaries, the ids behind it, ``senda tick`` writing it, the board's small-number
suppression, and the board dashboard showing it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from senda.casework.actions import record_advice_received, record_advice_requested
from senda.casework.actions.assessment import record_request_received
from senda.casework.models import Case, DeadlineRow, IncorporatedAdvice, Plan
from senda.people.models import LocalAuthority, Setting, SettingMember
from senda.performance import board, catalogue, kpi_figures, tick
from senda.performance.definitions import CountFromRecords, FromRecords
from senda.performance.models import KpiFact
from senda.performance.periods import parse
from senda.portal import measures
from senda.portal.models import Escalation, PortalFeedback, ReviewReport, SupportContact
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")  # 1 October to 31 December 2026, running on TODAY
START, END = Q3.start, Q3.end
PORTAL_KPIS = (
    "portal-settings-onboarded",
    "portal-reports-on-time",
    "portal-late-submissions",
    "portal-late-settings-supported",
    "portal-cases-escalated",
    "review-advice-incorporated",
    "amended-plans-advice-incorporated",
    "portal-easy-to-use",
    "parent-satisfaction-clarity",
    "parent-satisfaction-timeliness",
    "feedback-reported-termly",
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def pupil(la: LocalAuthority, setting: Setting | None = None) -> Case:
    return make_case(make_child(la, setting=setting))


def plan_of(case: Case, issued: str = "2025-01-10", ceased: str | None = None) -> Plan:
    return Plan.objects.create(
        case=case, issued_on=d(issued), ceased_on=d(ceased) if ceased else None
    )


def report(
    case: Case,
    meeting: str | None,
    submitted: str | None = None,
    *,
    health: bool | None = None,
    social: bool | None = None,
) -> ReviewReport:
    plan = case.plans.first() or plan_of(case)
    setting = case.child.setting or make_setting(case.la)
    return ReviewReport.objects.create(
        case=case,
        plan=plan,
        setting=setting,
        due_on=d("2026-12-31"),
        meeting_on=d(meeting) if meeting else None,
        status=ReviewReport.Status.SUBMITTED if submitted else ReviewReport.Status.DRAFT,
        submitted_on=d(submitted) if submitted else None,
        health_advice=health,
        social_care_advice=social,
        created_by=make_user("case_officer", case.la),
    )


def count(name: str, la: LocalAuthority, as_of: date = TODAY) -> measures.Behind:
    return measures.count(name, la, START, END, as_of)


# --- the catalogue ---------------------------------------------------------------------------


def test_every_portal_kpi_is_a_computed_catalogue_entry_with_its_measure() -> None:
    for kpi_id in PORTAL_KPIS:
        entry = catalogue.get(kpi_id)
        assert entry.source == "computed", kpi_id
        assert isinstance(entry.computed_by, FromRecords), kpi_id
        assert entry.computed_by.measure in measures.MEASURES, kpi_id
        assert entry.numerator and entry.definition and entry.seen, kpi_id
        assert entry.is_rate == (entry.unit == "percent"), kpi_id
    assert set(measures.MEASURES) == set(PORTAL_KPIS)
    assert isinstance(catalogue.get("portal-late-submissions").computed_by, CountFromRecords)
    assert not catalogue.get("portal-late-submissions").higher_is_better
    assert not catalogue.get("portal-cases-escalated").higher_is_better


def test_advice_within_6_weeks_is_defined_once_and_broken_down_by_discipline() -> None:
    """The portal adds no second "advice within 6 weeks": ``advice-6w`` has the breakdown."""
    six_weeks = [e.id for e in catalogue.CATALOGUE.values() if "6w" in e.id and "advice" in e.id]
    assert six_weeks == ["advice-6w"]
    assert "discipline" in catalogue.get("advice-6w").dimensions


# --- each measure on hand-built records ---------------------------------------------------


def test_settings_onboarded_counts_settings_with_plans_and_an_active_member() -> None:
    la = make_la()
    staffed, removed, senco_only, late_member, no_plans, ceased = (
        make_setting(la) for _ in range(6)
    )
    for setting in (staffed, removed, senco_only, late_member):
        plan_of(pupil(la, setting))
    plan_of(pupil(la, ceased), ceased="2026-09-01")  # no current plan: not counted at all
    pupil(la, no_plans)  # a pupil without a plan
    user = make_user("advice_giver", la)
    SettingMember.objects.create(
        user=user, setting=staffed, position="senco", added_on=d("2026-01-01")
    )
    SettingMember.objects.create(user=user, setting=removed, position="head",
                                 added_on=d("2026-01-01"), removed_on=d("2026-11-01"))  # fmt: skip
    SettingMember.objects.create(user=user, setting=late_member, position="admin",
                                 added_on=d("2026-11-30"))  # fmt: skip
    SettingMember.objects.create(
        user=user, setting=no_plans, position="senco", added_on=d("2026-01-01")
    )
    SettingMember.objects.create(
        user=user, setting=ceased, position="senco", added_on=d("2026-01-01")
    )
    make_user("senco", la, setting=senco_only)

    found = count("portal-settings-onboarded", la)
    assert found.of == "setting"
    assert set(found.counted) == {staffed.pk, senco_only.pk}
    assert set(found.missed) == {removed.pk, late_member.pk}  # removed, not added yet
    assert (found.numerator, found.denominator) == (2, 4)
    # Judged on the day: before the head was removed, that setting was onboarded too.
    assert count("portal-settings-onboarded", la, as_of=d("2026-10-31")).numerator == 3


def test_reports_on_time_counts_reports_by_meeting_within_2_weeks() -> None:
    la = make_la()
    on_time, last_day, late, missing, waiting, before, sent_later = (pupil(la) for _ in range(7))
    report(on_time, "2026-10-01", "2026-10-10")
    report(last_day, "2026-10-01", "2026-10-15")  # exactly 2 weeks: on time
    report(late, "2026-10-01", "2026-10-16")
    report(missing, "2026-10-20")  # due 3 November, not in on 22 November
    report(waiting, "2026-11-15")  # due 29 November: left out, not due yet
    report(before, "2026-09-30", "2026-10-01")  # meeting in the quarter before
    report(sent_later, "2026-10-01", "2026-11-30")  # sent after the day judged: missing then

    found = count("portal-reports-on-time", la)
    assert set(found.counted) == {on_time.pk, last_day.pk}
    assert set(found.missed) == {late.pk, missing.pk, sent_later.pk}
    assert found.open == (waiting.pk,)
    assert (found.numerator, found.denominator) == (2, 5)
    # The quarter before holds the 30 September meeting only.
    earlier = measures.count("portal-reports-on-time", la, d("2026-07-01"), d("2026-09-30"), TODAY)
    assert earlier.counted == (before.pk,) and earlier.denominator == 1


def test_late_submissions_counts_late_and_missing_reports() -> None:
    la = make_la()
    late, missing, on_time, waiting = (pupil(la) for _ in range(4))
    report(late, "2026-10-01", "2026-10-30")
    report(missing, "2026-10-01")
    report(on_time, "2026-10-01", "2026-10-02")
    report(waiting, "2026-11-20")
    report(pupil(la), "2026-09-01")  # the quarter before
    found = count("portal-late-submissions", la)
    assert set(found.counted) == {late.pk, missing.pk}
    assert (found.numerator, found.denominator) == (2, None)
    # On 10 October nothing was 2 weeks past its meeting yet.
    assert count("portal-late-submissions", la, as_of=d("2026-10-10")).numerator == 0


def returns(la: LocalAuthority, setting: Setting, *rows: tuple[str, str | None]) -> None:
    """The clock's ``review-report`` rows of pupils at ``setting``: (due, done)."""
    for due, done in rows:
        DeadlineRow.objects.create(
            case=pupil(la, setting),
            rule="review-report",
            due=d(due),
            done=d(done) if done else None,
            status="done" if done else "pending",
            citation="reg 20(7)",
            evaluated_for=TODAY,
        )


def test_late_settings_supported_counts_identified_settings_with_a_contact(settings) -> None:
    la = make_la()
    supported, unsupported, early_contact, punctual = (make_setting(la) for _ in range(4))
    returns(la, supported, ("2026-03-01", "2026-03-10"), ("2026-04-01", "2026-04-01"))
    returns(la, unsupported, ("2026-06-01", None), ("2026-06-01", "2026-06-01"))
    returns(la, early_contact, ("2026-02-01", "2026-03-01"))
    returns(la, punctual, *[("2026-05-01", "2026-05-01")] * 3, ("2026-05-02", "2026-05-09"))
    returns(la, punctual, ("2025-06-01", None))  # more than 12 months before: not counted
    officer = make_user("team_manager", la)
    for setting, on in ((supported, "2026-10-05"), (early_contact, "2026-09-30"),
                        (punctual, "2026-10-05")):  # fmt: skip
        SupportContact.objects.create(la=la, setting=setting, kind="call", on=d(on),
                                      recorded_by=officer)  # fmt: skip

    assert measures.late_settings_on(la, TODAY) == {supported.pk, unsupported.pk, early_contact.pk}
    found = count("portal-late-settings-supported", la)
    assert found.of == "setting"
    assert found.counted == (supported.pk,)
    assert set(found.missed) == {unsupported.pk, early_contact.pk}  # contact before the period
    # 1 late of 4 is 25%: identified only when the share is set lower.
    settings.SENDA_LATE_SETTING_SHARE = 0.2
    assert punctual.pk in count("portal-late-settings-supported", la).counted


def test_cases_escalated_over_cases_with_a_review_due() -> None:
    la = make_la()
    setting = make_setting(la)
    cases = [pupil(la, setting) for _ in range(5)]
    for case, rule, due in (
        (cases[0], "annual-review", "2026-10-10"),
        (cases[1], "annual-review", "2026-12-31"),
        (cases[2], "transfer-in-review", "2026-11-01"),
        (cases[3], "annual-review", "2026-09-30"),  # due the quarter before
        (cases[4], "review-report", "2026-10-10"),  # not a review due
    ):
        DeadlineRow.objects.create(case=case, rule=rule, due=d(due), status="pending",
                                   citation="reg", evaluated_for=TODAY)  # fmt: skip
    officer = make_user("team_manager", la)
    now = Escalation.objects.create(la=la, setting=setting, level="team_manager", reason="Late",
                                    on=d("2026-10-01"), recorded_by=officer)  # fmt: skip
    now.cases.add(cases[0])
    before = Escalation.objects.create(
        la=la, setting=setting, level="team_manager", reason="Late", on=d("2026-09-30"),
        recorded_by=officer,
    )  # fmt: skip
    before.cases.add(cases[1])
    found = count("portal-cases-escalated", la)
    assert found.counted == (cases[0].pk,)
    assert set(found.missed) == {cases[1].pk, cases[2].pk}
    assert (found.numerator, found.denominator) == (1, 3)


def test_review_advice_incorporated_needs_both_health_and_social_care() -> None:
    la = make_la()
    both, health_only, unknown, draft = (pupil(la) for _ in range(4))
    report(both, "2026-09-20", "2026-10-01", health=True, social=True)
    report(health_only, "2026-10-01", "2026-10-10", health=True, social=False)
    report(unknown, "2026-10-01", "2026-12-31")  # sent after the day judged
    report(draft, "2026-10-01", health=True, social=True)  # not sent
    report(pupil(la), "2026-09-01", "2026-09-30", health=True, social=True)  # before
    found = count("review-advice-incorporated", la)
    assert (found.counted, found.missed) == ((both.pk,), (health_only.pk,))
    at_end = count("review-advice-incorporated", la, as_of=END)
    assert at_end.missed == tuple(sorted((health_only.pk, unknown.pk)))


def test_amended_plans_advice_incorporated_counts_amended_issues_only() -> None:
    la = make_la()
    plans = [plan_of(pupil(la)) for _ in range(5)]
    for plan, issued, amended, health, social in (
        (plans[0], "2026-10-01", True, True, False),
        (plans[1], "2026-12-31", True, False, True),  # after the day judged until then
        (plans[2], "2026-11-01", True, False, False),
        (plans[3], "2026-11-01", False, True, True),  # a new plan, not amended
        (plans[4], "2026-09-30", True, True, True),  # the quarter before
    ):
        IncorporatedAdvice.objects.create(plan=plan, issued_on=d(issued), amended=amended,
                                          health=health, social_care=social)  # fmt: skip
    found = count("amended-plans-advice-incorporated", la)
    assert found.of == "plan"
    assert (found.counted, found.missed) == ((plans[0].pk,), (plans[2].pk,))
    assert count("amended-plans-advice-incorporated", la, as_of=END).numerator == 2


def test_easy_to_use_counts_agree_and_strongly_agree() -> None:
    la, other = make_la(), make_la()
    user = make_user("senco", la, setting=make_setting(la))
    for answer, on in ((5, "2026-10-01"), (4, "2026-11-22"), (3, "2026-10-05"), (1, "2026-11-01"),
                       (5, "2026-09-30"), (5, "2026-11-23")):  # fmt: skip
        PortalFeedback.objects.create(la=la, user=user, answer=answer, answered_on=d(on),
                                      about="review_report")  # fmt: skip
    PortalFeedback.objects.create(la=other, user=user, answer=5, answered_on=d("2026-10-01"),
                                  about="advice")  # fmt: skip
    found = count("portal-easy-to-use", la)
    assert found.of == "answer"
    assert (found.numerator, found.denominator) == (2, 4)


# --- senda tick, the board and its page ------------------------------------------------------


def feedback(la: LocalAuthority, answers: list[int]) -> None:
    user = make_user("senco", la, setting=make_setting(la))
    PortalFeedback.objects.bulk_create(
        PortalFeedback(la=la, user=user, answer=a, answered_on=d("2026-10-02"), about="advice")
        for a in answers
    )


def test_tick_writes_the_portal_kpis_as_facts_for_month_and_quarter() -> None:
    la = make_la()
    feedback(la, [5, 4, 4, 2, 5, 1, 5, 4, 3, 5])
    tick.run(la, [TODAY], today=TODAY)
    facts = KpiFact.objects.filter(la=la, on=TODAY, kpi__in=PORTAL_KPIS)
    assert {(f.kpi, f.period) for f in facts} == {
        (k, p) for k in PORTAL_KPIS for p in ("month", "quarter")
    }
    assert {f.dimension for f in facts} == {"all"}
    quarter = kpi_figures.value(la, "portal-easy-to-use", Q3)
    assert (quarter.numerator, quarter.denominator, quarter.value) == (7, 10, 70)
    month = kpi_figures.value(la, "portal-easy-to-use", parse("2026-11"))
    assert (month.numerator, month.denominator) == (0, 0)
    late = kpi_figures.value(la, "portal-late-submissions", Q3)
    assert (late.numerator, late.denominator) == (0, None)


def test_a_rebuilt_past_day_counts_the_records_as_they_stood() -> None:
    la = make_la()
    feedback(la, [5, 5, 5, 5, 5])
    tick.run(la, [d("2026-10-01"), TODAY], today=TODAY)
    assert kpi_figures.values(la, ["portal-easy-to-use"], [Q3])  # the quarter's latest
    early = KpiFact.objects.get(
        la=la, kpi="portal-easy-to-use", on=d("2026-10-01"), period="quarter"
    )
    assert (early.numerator, early.denominator) == (0, 0)  # answered on 2 October


def test_the_board_suppresses_a_small_portal_figure() -> None:
    la = make_la()
    feedback(la, [5, 4, 1])
    tick.run(la, [TODAY], today=TODAY)
    groups = board.board(la, Q3, TODAY)
    row = next(r for g in groups for r in g.rows if r.entry.id == "portal-easy-to-use")
    assert row.this is None and row.hidden("this")
    shown = board.board(la, Q3, TODAY, suppress=False)
    row = next(r for g in shown for r in g.rows if r.entry.id == "portal-easy-to-use")
    assert row.this.numerator == 2


def test_the_board_dashboard_shows_the_portal_kpis(client, personas, today_is) -> None:
    today_is(TODAY)
    feedback(personas.la, [5, 4, 4, 5, 5, 4, 1, 2, 3, 1, 2, 3])  # 6 agree, 6 not: none small
    tick.run(personas.la, [TODAY], today=TODAY)
    client.force_login(personas.board_member)
    html = client.get(reverse("web:performance")).content.decode()
    for kpi_id in PORTAL_KPIS:
        assert reverse("web:kpi", args=[kpi_id]) in html, kpi_id
        assert catalogue.get(kpi_id).name in html, kpi_id
    row = html[html.index(reverse("web:kpi", args=["portal-easy-to-use"])) :]
    row = row[: row.index("</tr>")]
    assert ">50%<" in row
    page = client.get(reverse("web:kpi", args=["portal-easy-to-use"])).content.decode()
    assert "50% (6 of 12)" in page


# --- advice within 6 weeks, by discipline, from the clock's rows -------------------------------


def test_advice_within_6_weeks_by_discipline_from_the_clock(today_is) -> None:
    today_is(TODAY)
    la = make_la()
    officer = make_user("case_officer", la)
    case = make_case(make_child(la), officer=officer)
    asked = d("2026-08-20")
    record_request_received(case=case, on=d("2026-08-01"), source=1, by=officer)
    for discipline in ("health", "social care", "education"):
        record_advice_requested(case=case, on=asked, discipline=discipline, by=officer)
    record_advice_received(case=case, on=d("2026-09-30"), discipline="health", by=officer)
    record_advice_received(case=case, on=d("2026-10-02"), discipline="social care", by=officer)
    due = asked + timedelta(weeks=6)  # 1 October
    record_advice_received(case=case, on=due, discipline="education", by=officer)
    tick.run(la, [d("2026-09-30"), TODAY], today=TODAY)
    parts = dict(kpi_figures.breakdown(la, "advice-6w", Q3, "discipline"))
    shown = {label: (f.numerator, f.denominator) for label, f in parts.items()}
    assert shown == {"Education": (1, 1), "Social care": (0, 1)}  # 2 October: a day late
    health = kpi_figures.breakdown(la, "advice-6w", parse("2026-27-q2"), "discipline")
    assert {label: (f.numerator, f.denominator) for label, f in health}["Health"] == (1, 1)


# --- drill-down: the records behind a figure (KPI page, council staff) -----------------------


def test_the_kpi_page_lists_the_cases_behind_a_portal_figure(client, personas, today_is) -> None:
    from senda.audit.models import AuditEntry

    today_is(TODAY)
    la = personas.la
    on_time, late = pupil(la), pupil(la)
    report(on_time, "2026-10-01", "2026-10-02")
    report(late, "2026-10-01", "2026-10-30")
    url = reverse("web:kpi", args=["portal-reports-on-time"])
    client.force_login(personas.team_manager)
    html = client.get(url).content.decode()
    assert "What lies behind the figure" in html
    counted = html[html.index('id="behind-counted"') : html.index('id="behind-missed"')]
    assert f"Case R-{on_time.pk}<" in counted and f"R-{late.pk}<" not in counted
    assert reverse("web:case-detail", args=[late.pk]) in html[html.index('id="behind-missed"') :]
    assert on_time.child.family_name not in html  # references, never names
    assert AuditEntry.objects.filter(
        user=personas.team_manager, summary__contains="cases behind portal-reports-on-time"
    ).exists()
    client.force_login(personas.board_member)
    html = client.get(url).content.decode()
    assert "What lies behind the figure" not in html and f"R-{on_time.pk}" not in html


def test_the_kpi_page_names_settings_but_never_lists_answers(client, personas, today_is) -> None:
    today_is(TODAY)
    la = personas.la
    plan_of(pupil(la, personas.setting))  # the personas' SENCo onboards the setting
    client.force_login(personas.service_manager)
    html = client.get(reverse("web:kpi", args=["portal-settings-onboarded"])).content.decode()
    assert personas.setting.name in html[html.index('id="behind-counted"') :]
    assert "Worked out each day from records, never typed in" in html
    feedback(la, [5, 4])
    html = client.get(reverse("web:kpi", args=["portal-easy-to-use"])).content.decode()
    assert "Counted in the figure: 2" in html and "Answers are not listed one by one." in html
    # A KPI counted from the clock's rows has no such section (it links to the dashboard).
    html = client.get(reverse("web:kpi", args=["annual-review-on-time"])).content.decode()
    assert "What lies behind the figure" not in html
