"""Every page of the web app. Each feature module under ``views/`` lists its own routes."""

from django.urls import URLPattern, path

from senda.web.views import (
    accounts,
    audit_log,
    auth,
    caseload,
    cases,
    corrections,
    dashboard,
    home,
    mfa,
    performance,
    performance_benchmarks,
    performance_forms,
    performance_record,
    performance_report,
    plan_edits,
    plan_import,
    plan_outputs,
    plan_registers,
    plans,
    returns,
    steps,
    team,
    triage,
)

app_name = "web"

urlpatterns: list[URLPattern] = [
    path("", home.home, name="home"),
    path("sign-in/", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign-out"),
    path("cases/", caseload.case_list, name="case-list"),
    path("cases/<id:case_id>/", cases.case_detail, name="case-detail"),
    *caseload.urlpatterns,
    *triage.urlpatterns,
    *steps.urlpatterns,
    *corrections.urlpatterns,
    *team.urlpatterns,
    *returns.urlpatterns,
    *dashboard.urlpatterns,
    *audit_log.urlpatterns,
    *accounts.urlpatterns,
    *mfa.urlpatterns,
    *plan_edits.urlpatterns,
    *plan_import.urlpatterns,
    *plan_outputs.urlpatterns,
    *plan_registers.urlpatterns,
    *plans.urlpatterns,
    *performance.urlpatterns,
    *performance_record.urlpatterns,
    *performance_forms.urlpatterns,
    *performance_benchmarks.urlpatterns,
    *performance_report.urlpatterns,
]
