"""The SEN2 return, for service managers only (issue 16: "Only service managers export
and import"): choose the January census, make the return now, read its counts, every
error and query (each linked to the record where it is fixed), its consistency with the
KPIs and DfE's published figures, download the XML, and see the returns made.

The file is made on demand and never stored: "make the return now" writes it to nothing
and keeps the run (``Sen2Run``: counts, the first findings); the download makes it again
into the response. Both go through ``runs.write_return``, which records the run and audits
the export; reading a run's findings (UPNs) is audited as a read. Other roles: 403 (the
page is never theirs); another area's run: 404 for everyone.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.interchange import fix_links
from senda.interchange.models import Sen2Run
from senda.interchange.sen2 import aggregates, runs
from senda.people.models import Membership, Role
from senda.performance import sen2_consistency
from senda.web.access import membership_for
from senda.web.forms.sen2 import CensusForm
from senda.web.tables import sen2 as tables

FINDINGS_PER_PAGE = 50
RUNS_PER_PAGE = 20


def require_sen2(user: Any) -> Membership:
    """The service manager's membership; 403 for anyone else."""
    membership = membership_for(user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Only service managers make the SEN2 return.")
    return membership


class _Nowhere(io.RawIOBase):
    """Where "make the return now" writes the file: nowhere (it is made again to download)."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


@login_required
def sen2(request: HttpRequest) -> HttpResponse:
    membership = require_sen2(request.user)
    form = CensusForm(request.GET or None, today=kernel.today())
    return _home(request, membership, form)


def _home(
    request: HttpRequest, membership: Membership, form: CensusForm, status: int = 200
) -> HttpResponse:
    made = Sen2Run.objects.filter(la_id=membership.la_id).select_related("made_by")
    page = Paginator(made, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "census": form.chosen(),
        "page_obj": page,
        "history": tables.history_table(page.object_list),
    }
    return render(request, "web/sen2/home.html", context, status=status)


@login_required
def make(request: HttpRequest) -> HttpResponse:
    """POST only: make the return for the census chosen, then show its results."""
    membership = require_sen2(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CensusForm(request.POST, today=kernel.today())
    if not form.is_valid():
        return _home(request, membership, form)
    run, _report = runs.write_return(
        membership.la,
        census=form.cleaned_data["census"],
        out=cast(BinaryIO, _Nowhere()),
        user=request.user,
        today=kernel.today(),
    )
    messages.success(
        request,
        f"Return made for the census of {run.census_date:%-d %B %Y}: {run.persons:,} people, "
        f"{run.errors:,} errors and {run.queries:,} queries.",
    )
    return redirect("web:sen2-run", run_id=run.pk)


def _run(user: Any, run_id: int) -> tuple[Membership, Sen2Run]:
    """The run if it is of the user's area (404 for anyone else's, whoever asks: its
    existence is not revealed), then the service manager's membership (403 for others)."""
    own = membership_for(user)
    run = (
        Sen2Run.objects.filter(la_id=own.la_id if own else None, pk=run_id)
        .select_related("made_by", "la")
        .first()
    )
    if run is None:
        raise Http404("No such return.")
    return require_sen2(user), run


@login_required
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    """A return's results: counts, findings by rule and one by one, consistency."""
    membership, run = _run(request.user, run_id)
    findings = list(run.findings)
    page = Paginator(findings, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    children = fix_links.children_by_upn(membership.la, (str(f.get("upn", "")) for f in shown))
    cases = fix_links.case_of_children(membership.la, children.values())
    audit.record_list(
        user=request.user,
        request=request,
        page="sen2 return",
        obj=run,
        filters={"run": run.pk, "census": run.census_date},
        number=page.number,
        la_id=membership.la_id,
    )
    counts = dict(run.counts)
    # A run made before its counts were kept (or by a command that kept none) has nothing
    # to compare.
    complete = bool(counts) and set(aggregates.KEYS) <= set(counts)
    consistency = sen2_consistency.rows(membership.la, run.census_date, counts) if complete else []
    context = {
        "run": run,
        "page_obj": page,
        "kept": len(findings),
        "total": run.errors + run.queries,
        "counts": tables.counts_table(run.counts, aggregates.KEYS),
        "rules": tables.rules_table(findings),
        "findings": tables.findings_table(
            shown, children, fix_elsewhere=reverse("web:data-quality"), cases=cases
        ),
        "consistency": tables.consistency_table(consistency) if consistency else "",
    }
    return render(request, "web/sen2/run.html", context)


@login_required
def download(request: HttpRequest, run_id: int) -> HttpResponse:
    """POST only: make the return for the run's census again, now, into the response."""
    membership, run = _run(request.user, run_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    out = io.BytesIO()
    made, _report = runs.write_return(
        membership.la, census=run.census_date, out=out, user=request.user, today=kernel.today()
    )
    response = HttpResponse(out.getvalue(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{made.file_name}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns: list[URLPattern] = [
    path("sen2/", sen2, name="sen2"),
    path("sen2/make/", make, name="sen2-make"),
    path("sen2/returns/<id:run_id>/", run_page, name="sen2-run"),
    path("sen2/returns/<id:run_id>/download/", download, name="sen2-download"),
]
