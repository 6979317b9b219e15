"""The places register, children waiting for a place, demand against capacity and the
capital programme (issue 17; docs/places.md):

- ``/places/`` (``web:places``, ``?year=``): the register for an academic year — places
  commissioned at each setting, children placed, vacancies; by kind and by locality; the
  area's children placed out of area and in independent schools;
- ``/places/record/`` and ``/places/<id>/change/``: record places (a change supersedes);
- ``/places/waiting/``: children with a plan and no school or college (child-level);
- ``/places/demand/`` (``?scenario=&by=``): forecast demand against places, year by year,
  and in each locality: where children live when the forecast has it, or (``by=placed``,
  or a forecast without it) where they are placed;
- ``/places/localities/`` (POST too), ``/places/localities/import/``,
  ``/places/localities/<id>/remove/``: which locality each postcode district or sector of
  the area is in, so a child's home postcode gives where they live (service managers);
- ``/capital/``, ``/capital/new/``, ``/capital/<id>/``, ``/capital/<id>/edit/``,
  ``/capital/<id>/phases/new/``, ``/capital/phases/<id>/edit/``: the capital programme.

Service managers see and record everything; board members see the aggregates (the
register, demand, the programme), small counts of children suppressed. Everyone else gets
403; another area's row is 404 for everyone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.improvement.models import Action
from senda.people.models import Membership, Setting
from senda.people.school_year import academic_year_start
from senda.performance.status_shown import threshold
from senda.portal.scanner import NOT_CONFIGURED, scan, scanner_name
from senda.sheets import ImportFailed, Problem
from senda.sufficiency import capacity, census, localities, placed
from senda.sufficiency.home_actions import (
    import_postcode_map,
    read_postcode_map,
    remove_postcode_locality,
    set_postcode_locality,
)
from senda.sufficiency.models import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    PostcodeLocality,
)
from senda.sufficiency.places_actions import (
    change_phase,
    change_project,
    record_phase,
    record_places,
    record_project,
)
from senda.web.access import PLACES_MANAGE_ROLES, PLACES_ROLES, membership_for
from senda.web.forms.placements import save
from senda.web.forms.places import (
    PhaseForm,
    PlacesForm,
    PostcodeLocalityForm,
    PostcodeMapUploadForm,
    ProjectForm,
    ScenarioForm,
    YearForm,
)
from senda.web.forms.spreadsheet import SCAN_REFUSED
from senda.web.tables import places as tables
from senda.web.tables.problems import problems_table


def require_places(user: Any, *, manage: bool = False) -> Membership:
    """The membership of a service manager (or, unless ``manage``, a board member); 403
    for anyone else."""
    membership = membership_for(user)
    roles = PLACES_MANAGE_ROLES if manage else PLACES_ROLES
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not see or record places.")
    return membership


def _own_la_id(request: HttpRequest) -> int | None:
    own = membership_for(request.user)
    return own.la_id if own else None


def _settings(membership: Membership) -> list[Setting]:
    return list(Setting.objects.filter(la_id=membership.la_id).order_by("name", "pk"))


@login_required
def register(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user)
    today = kernel.today()
    form = YearForm(request.GET if "year" in request.GET else None)
    year = academic_year_start(today)
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    lines, day = capacity.register(membership.la, year, today)
    elsewhere = placed.placed_elsewhere(membership.la, day)
    manager = membership.role in PLACES_MANAGE_ROLES
    counts = tables.Counts(0 if manager else threshold())
    counts.suppress_register(lines)
    context = {
        "form": form,
        "year": year,
        "day": day,
        "manager": manager,
        "lines": lines,
        "register": tables.register_table(lines, counts, manager),
        "totals": tables.totals_table(capacity.by_provision(lines), counts),
        "localities": tables.locality_table(capacity.by_locality(lines), counts),
        "elsewhere": tables.elsewhere_table(elsewhere.out_of_area, elsewhere.independent, counts),
        "threshold": counts.below,
    }
    return render(request, "web/places/register.html", context)


def _places_form(request: HttpRequest, form: PlacesForm) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    arguments = form.arguments()
    if save(form, lambda: record_places(by=request.user, **arguments), {}):
        messages.success(request, "The places are recorded.")
        return True
    return False


@login_required
def record(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user, manage=True)
    data = request.POST if request.method == "POST" else None
    initial = {"year": academic_year_start(kernel.today())}
    form = PlacesForm(data, settings=_settings(membership), initial=initial)
    if _places_form(request, form):
        return redirect("web:places")
    return render(request, "web/places/record.html", {"form": form, "row": None})


@login_required
def change(request: HttpRequest, places_id: int) -> HttpResponse:
    row = (
        CommissionedPlaces.objects.current()
        .of_area(_own_la_id(request) or 0)
        .select_related("setting")
        .filter(pk=places_id)
        .first()
    )
    if row is None:
        raise Http404("No such places.")
    membership = require_places(request.user, manage=True)
    data = request.POST if request.method == "POST" else None
    form = PlacesForm(data, settings=_settings(membership), initial=PlacesForm.initial_for(row))
    if _places_form(request, form):
        return redirect("web:places")
    return render(request, "web/places/record.html", {"form": form, "row": row})


@login_required
def waiting(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user, manage=True)
    today = kernel.today()
    found = placed.waiting(membership.la, today)
    audit.record_list(user=request.user, request=request, page="places waiting", obj=membership.la)
    context = {"waiting": tables.waiting_table(found), "count": len(found), "today": today}
    return render(request, "web/places/waiting.html", context)


@login_required
def demand(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user)
    form = ScenarioForm(request.GET or None, la_id=membership.la_id)
    scenario = form.chosen()
    want = capacity.wanted(membership.la, scenario)
    found, spec = want.by_provision, want.scenario
    home = bool(want.by_home) and request.GET.get("by") != "placed"
    local = want.by_home if home else want.by_locality
    gaps = capacity.gaps(membership.la, found, spec) if found else []
    local_gaps = capacity.gaps_by_locality(membership.la, local, spec) if local else []
    context = {
        "form": form,
        "home": home,
        "manager": membership.role in PLACES_MANAGE_ROLES,
        "has_home": bool(want.by_home),
        "scenario": scenario,
        "not_known": localities.NOT_KNOWN,
        "gaps": tables.gaps_table(gaps) if gaps else "",
        "local_gaps": tables.gaps_table(local_gaps, by_locality=True) if local_gaps else "",
        "forecast_made": bool(found),
        "new_setting": localities.NEW_SETTING,
        "out_of_area": localities.OUT_OF_AREA,
    }
    return render(request, "web/places/demand.html", context)


def _setting_localities(la_id: int) -> list[str]:
    found = (
        Setting.objects.filter(la_id=la_id).exclude(locality="").values_list("locality", flat=True)
    )
    return sorted(set(found))


@login_required
def homes(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user, manage=True)
    la = membership.la
    data = request.POST if request.method == "POST" else None
    form = PostcodeLocalityForm(data, localities=_setting_localities(la.pk))
    if request.method == "POST" and form.is_valid():
        arguments = {
            "prefix": form.cleaned_data["prefix"],
            "locality": form.cleaned_data["locality"],
        }
        if save(form, lambda: set_postcode_locality(la=la, by=request.user, **arguments), {}):
            messages.success(request, "The postcode district is saved.")
            return redirect("web:places-localities")
    rows = list(PostcodeLocality.objects.of_area(la.pk))
    counted = census.home_counts(la, kernel.today())
    context = {
        "form": form,
        "manager": True,
        "rows": tables.postcode_map_table(rows) if rows else "",
        "counted": tables.home_counts_table(counted) if rows else "",
        "not_known": localities.NOT_KNOWN,
        "unknown": counted.get(localities.NOT_KNOWN, 0),
    }
    return render(request, "web/places/localities.html", context)


@login_required
def home_remove(request: HttpRequest, postcode_id: int) -> HttpResponse:
    row = PostcodeLocality.objects.of_area(_own_la_id(request) or 0).filter(pk=postcode_id).first()
    if row is None:
        raise Http404("No such postcode district.")
    require_places(request.user, manage=True)
    if request.method == "POST":
        remove_postcode_locality(row=row, by=request.user)
        messages.success(request, f"{row.prefix} is taken out of the map.")
        return redirect("web:places-localities")
    return render(request, "web/places/locality_remove.html", {"row": row})


@login_required
def homes_import(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user, manage=True)
    form = PostcodeMapUploadForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        verdict = scan(data).verdict
        try:
            if verdict in SCAN_REFUSED:
                raise ImportFailed([Problem(None, "", SCAN_REFUSED[verdict])])
            rows = read_postcode_map(data, upload.name)
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        else:
            done = import_postcode_map(
                la=membership.la, rows=rows, filename=upload.name, by=request.user
            )
            messages.success(request, f"The map is imported: {done:,} districts and sectors.")
            return redirect("web:places-localities")
    context = {
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "not_configured": "" if scanner_name() else NOT_CONFIGURED,
    }
    return render(request, "web/places/localities_import.html", context)


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    membership = require_places(request.user)
    projects = list(CapitalProject.objects.filter(la_id=membership.la_id))
    planned = sum(p.places_planned for p in projects if p.status != p.Status.CANCELLED)
    context = {
        "projects": tables.projects_table(projects) if projects else "",
        "planned": planned,
        "delivered": sum(p.places_delivered for p in projects),
        "manager": membership.role in PLACES_MANAGE_ROLES,
    }
    return render(request, "web/places/programme.html", context)


def _project(request: HttpRequest, project_id: int) -> CapitalProject:
    found = (
        CapitalProject.objects.filter(la_id=_own_la_id(request), pk=project_id)
        .select_related("setting", "recorded_by")
        .first()
    )
    if found is None:
        raise Http404("No such project.")
    return found


@login_required
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    shown = _project(request, project_id)
    membership = require_places(request.user)
    manager = membership.role in PLACES_MANAGE_ROLES
    context = {
        "project": shown,
        "summary": tables.project_summary(shown),
        "phases": tables.phases_table(shown.phases.all(), manager),
        "has_phases": shown.phases.exists(),
        "manager": manager,
        "actions": Action.objects.filter(capital_projects=shown).select_related("area__plan"),
    }
    return render(request, "web/places/project.html", context)


def _project_form(request: HttpRequest, shown: CapitalProject | None) -> HttpResponse:
    membership = require_places(request.user, manage=True)
    data = request.POST if request.method == "POST" else None
    initial = ProjectForm.initial_for(shown) if shown else {}
    form = ProjectForm(data, settings=_settings(membership), initial=initial)
    if data is not None and form.is_valid():
        wanted = form.project()
        if shown is None:
            write: Any = lambda: record_project(la=membership.la, project=wanted, by=request.user)  # noqa: E731
        else:
            write = lambda: change_project(project=shown, changes=wanted, by=request.user)  # noqa: E731
        saved: list[CapitalProject] = []
        if save(form, lambda: saved.append(write()), {}):
            messages.success(request, "The project is saved.")
            return redirect("web:capital-project", project_id=saved[0].pk)
    return render(request, "web/places/project_form.html", {"form": form, "project": shown})


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    return _project_form(request, None)


@login_required
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_form(request, _project(request, project_id))


def _phase_form(
    request: HttpRequest, shown: CapitalProject, phase: CapitalPhase | None
) -> HttpResponse:
    require_places(request.user, manage=True)
    data = request.POST if request.method == "POST" else None
    form = PhaseForm(data, initial=PhaseForm.initial_for(phase) if phase else {})
    if data is not None and form.is_valid():
        wanted = form.phase()
        if phase is None:
            write: Any = lambda: record_phase(project=shown, phase=wanted, by=request.user)  # noqa: E731
        else:
            write = lambda: change_phase(phase=phase, changes=wanted, by=request.user)  # noqa: E731
        if save(form, write, {}):
            messages.success(request, "The phase is saved.")
            return redirect("web:capital-project", project_id=shown.pk)
    context = {"form": form, "project": shown, "phase": phase}
    return render(request, "web/places/phase_form.html", context)


@login_required
def phase_new(request: HttpRequest, project_id: int) -> HttpResponse:
    return _phase_form(request, _project(request, project_id), None)


@login_required
def phase_edit(request: HttpRequest, phase_id: int) -> HttpResponse:
    phase = (
        CapitalPhase.objects.filter(project__la_id=_own_la_id(request), pk=phase_id)
        .select_related("project")
        .first()
    )
    if phase is None:
        raise Http404("No such phase.")
    return _phase_form(request, phase.project, phase)


urlpatterns: list[URLPattern] = [
    path("places/", register, name="places"),
    path("places/record/", record, name="places-record"),
    path("places/<id:places_id>/change/", change, name="places-change"),
    path("places/waiting/", waiting, name="places-waiting"),
    path("places/demand/", demand, name="places-demand"),
    path("places/localities/", homes, name="places-localities"),
    path("places/localities/import/", homes_import, name="places-localities-import"),
    path("places/localities/<id:postcode_id>/remove/", home_remove, name="places-locality-remove"),
    path("capital/", programme, name="capital"),
    path("capital/new/", project_new, name="capital-new"),
    path("capital/<id:project_id>/", project, name="capital-project"),
    path("capital/<id:project_id>/edit/", project_edit, name="capital-edit"),
    path("capital/<id:project_id>/phases/new/", phase_new, name="capital-phase-new"),
    path("capital/phases/<id:phase_id>/edit/", phase_edit, name="capital-phase-edit"),
]
