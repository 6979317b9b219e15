"""The public summary of an area's High Needs spending (``/public/<la_code>/high-needs/``,
``web:money-public``, and as a PDF, ``web:money-public-pdf``): spend by category for a
financial year, with tribunal and legal costs, consultant fees and the share spent on
support services named, for a council to publish to schools and residents. No sign-in; money
only: no child, and no count of children. An unknown area code is the service's own 404
page, with Django's debug on or off.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.views.defaults import page_not_found

from senda.people.models import LocalAuthority
from senda.sufficiency import spend
from senda.sufficiency.s251 import CATEGORIES, fy_label
from senda.web.forms.money import asked_year
from senda.web.pdf import pdf_bytes
from senda.web.tables import money as tables


def _not_found(request: HttpRequest) -> HttpResponse:
    """The service's own GOV.UK "Page not found" (404), even with Django's debug on (as
    under ``senda runserver``): a public page never shows Django's debug page, which
    lists the site's URL patterns, to a resident."""
    return page_not_found(request, Http404("No such local authority."))


def public_summary(request: HttpRequest, la_code: str) -> HttpResponse:
    la = LocalAuthority.objects.filter(code=la_code).first()
    if la is None:
        return _not_found(request)
    return render(request, "web/money/public.html", _context(request, la))


def public_summary_pdf(request: HttpRequest, la_code: str) -> HttpResponse:
    """The same summary as a PDF to publish (WeasyPrint, as the quarterly report's)."""
    la = LocalAuthority.objects.filter(code=la_code).first()
    if la is None:
        return _not_found(request)
    context = _context(request, la)
    html = render_to_string("web/money/public_print.html", context)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    name = f"high-needs-spending-{la.code}-{context.get('label', 'none')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _context(request: HttpRequest, la: LocalAuthority) -> dict[str, object]:
    years = [y for y in spend.by_year(la.pk) if y.spent]
    complete = [y.year for y in years if y.months == 12]
    year = asked_year(request.GET.get("year", ""), [y.year for y in years])
    year = year or (complete[-1] if complete else years[-1].year if years else None)
    context: dict[str, object] = {
        "la": la,
        "content": {"la": la},  # the print layout's heading
        "year_links": [(y.year, y.label) for y in years],
        "shown": year,
    }
    if year is not None:
        context |= _figures(la.pk, year)
    return context


def _figures(la_id: int, year: int) -> dict[str, object]:
    by_category = spend.by_category(la_id, year)
    amounts = {key: amount for key, _, amount in by_category}
    total = sum(amounts.values())
    services = sum(a for k, a in amounts.items() if CATEGORIES[k].service)
    return {
        "label": fy_label(year),
        "spent_key": f"Spent in {fy_label(year)}",
        "table": tables.categories_table(by_category, fy_label(year)),
        "total": tables.pounds(total),
        "tribunal": tables.pounds(amounts.get("tribunal_legal", 0) or None),
        "consultants": tables.pounds(amounts.get("consultants", 0) or None),
        "services_share": f"{services / total:.1%}" if total else "–",
        "complete": spend_complete(la_id, year),
    }


def spend_complete(la_id: int, year: int) -> bool:
    return any(y.year == year and y.months == 12 for y in spend.by_year(la_id))


urlpatterns: list[URLPattern] = [
    path("public/<str:la_code>/high-needs/", public_summary, name="money-public"),
    path("public/<str:la_code>/high-needs.pdf", public_summary_pdf, name="money-public-pdf"),
]
