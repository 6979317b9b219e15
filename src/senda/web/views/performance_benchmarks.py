"""Benchmarks against DfE's published national statistics (``senda.performance.benchmarks``).

- ``/performance/benchmarks/`` (``web:benchmarks``): the headline published measures for the
  user's own comparators (their area if published, England, region, statistical neighbours),
  and a GOV.UK select to open any published local authority.
- ``/performance/benchmarks/<code>/`` (``web:benchmark-area``): every measure for one
  published area (ONS code) beside England, its region and the user's neighbours.
- ``/performance/benchmarks/comparators/`` (``web:comparators``): a service manager sets
  whom their area compares itself with (audited).

Published figures are public aggregates: council staff and board members see them; SENCos
and parents get 403 (performance pages are for the council and its board).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.people.models import Membership
from senda.people.models.staff import Role
from senda.performance import benchmarks
from senda.performance.dfe.measures import HEADLINE, SYMBOLS
from senda.performance.models import Comparators, PublishedArea
from senda.web.access import require_performance
from senda.web.forms.benchmarks import ChooseAreaForm, ComparatorsForm

#: Who sets an area's comparators.
SET_ROLES = frozenset({Role.SERVICE_MANAGER})
#: ``?years=all`` shows every published year (from 2014 for timeliness), not the last six.
ALL_YEARS = 50


def _years(request: HttpRequest) -> tuple[int, bool]:
    every = request.GET.get("years") == "all"
    return (ALL_YEARS if every else benchmarks.YEARS), every


def _context(membership: Membership, setup: Any = None, **extra: Any) -> dict[str, Any]:
    return {
        "la": membership.la,
        "releases": benchmarks.releases(),
        "setup": setup or benchmarks.comparators_of(membership.la),
        "can_set": membership.role in SET_ROLES,
        "symbols": SYMBOLS,
        "licence": benchmarks.LICENCE,
        **extra,
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    membership = require_performance(request.user)
    areas = benchmarks.area_choices()
    form = ChooseAreaForm(request.GET if "area" in request.GET else None, areas=areas)
    if form.is_bound and form.is_valid():
        return redirect("web:benchmark-area", code=form.cleaned_data["area"])
    years, every = _years(request)
    panels = (
        benchmarks.area_panels(membership.la, measures=HEADLINE, years=years, on=kernel.today())
        if areas
        else []
    )
    context = _context(
        membership,
        form=form,
        panels=panels,
        sections=benchmarks.sections(panels),
        imported=bool(areas),
        every_year=every,
    )
    return render(request, "web/performance/benchmarks.html", context)


@login_required
def area(request: HttpRequest, code: str) -> HttpResponse:
    membership = require_performance(request.user)
    shown = PublishedArea.objects.filter(code=code).first()
    if shown is None:
        raise Http404("No published area with this code.")
    years, every = _years(request)
    panels = benchmarks.area_panels(membership.la, code, years=years)
    region = PublishedArea.objects.filter(code=shown.region_code).first()
    context = _context(
        membership,
        area=shown,
        region=region,
        panels=panels,
        sections=benchmarks.sections(panels),
        every_year=every,
    )
    return render(request, "web/performance/benchmark_area.html", context)


@login_required
def comparators(request: HttpRequest) -> HttpResponse:
    membership = require_performance(request.user, SET_ROLES)
    la = membership.la
    setup = benchmarks.comparators_of(la)
    if request.method == "POST":
        form = ComparatorsForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                saved, _ = Comparators.objects.update_or_create(
                    la=la,
                    defaults={
                        "published_code": form.cleaned_data["published_code"],
                        "region_code": form.cleaned_data["region_code"],
                        "neighbour_codes": form.cleaned_data["neighbours"],
                    },
                )
                audit.record(
                    user=request.user,
                    verb="write",
                    obj=saved,
                    request=request,
                    summary="comparators: "
                    + " ".join(
                        [
                            saved.published_code or "-",
                            saved.region_code or "-",
                            *saved.neighbour_codes,
                        ]
                    ),
                    la_id=la.pk,
                )
            messages.success(request, "Comparators saved")
            return redirect("web:benchmarks")
    else:
        form = ComparatorsForm(
            initial={
                "published_code": setup.own,
                "region_code": setup.region,
                "neighbours": "\n".join(setup.neighbours),
            }
        )
    names = {a.code: a for a in PublishedArea.objects.filter(code__in=setup.neighbours)}
    neighbours = [(code, names.get(code)) for code in setup.neighbours]
    context = _context(membership, setup, form=form, neighbours=neighbours)
    return render(request, "web/performance/benchmark_comparators.html", context)


urlpatterns: list[URLPattern] = [
    path("performance/benchmarks/", index, name="benchmarks"),
    path("performance/benchmarks/comparators/", comparators, name="comparators"),
    path("performance/benchmarks/<slug:code>/", area, name="benchmark-area"),
]
