"""The public statements every page's footer links to (ADR 0038): the accessibility
statement (``/accessibility/``) and the privacy notice (``/privacy/``). No sign-in.

Both are the council's: its name, contacts and data protection officer come from its
public notices (``people.PublicNotices``, edited in the admin). ``/accessibility/`` and
``/privacy/`` show the signed-in person's council, or the only council Senda holds; where
there are several and nobody is signed in they list the councils, each linking to its own
(``/public/<la_code>/accessibility/``, ``/public/<la_code>/privacy/``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.defaults import page_not_found

from senda.people.models import LocalAuthority
from senda.people.models.notices import notices_for
from senda.web import accessibility
from senda.web.access import membership_for


def _council(request: HttpRequest) -> LocalAuthority | None:
    if request.user.is_authenticated and (membership := membership_for(request.user)):
        return membership.la
    areas = list(LocalAuthority.objects.all()[:2])
    return areas[0] if len(areas) == 1 else None


def _by_code(request: HttpRequest, la_code: str) -> LocalAuthority | HttpResponse:
    la = LocalAuthority.objects.filter(code=la_code).first()
    if la is None:  # the service's own 404 page, even with Django's debug on
        return page_not_found(request, Http404("No such local authority."))
    return la


def _choose(request: HttpRequest, title: str, route: str) -> HttpResponse:
    context = {"title": title, "route": route, "areas": LocalAuthority.objects.all()}
    return render(request, "web/statements/choose.html", context)


def _accessibility(request: HttpRequest, la: LocalAuthority) -> HttpResponse:
    found = accessibility.facts()
    context = {
        "la": la,
        "notices": notices_for(la),
        "facts": found,
        "kinds": [(accessibility.KINDS[k], v) for k, v in found.by_kind.items() if v],
        "site": settings.SENDA_SITE_URL,
    }
    return render(request, "web/statements/accessibility.html", context)


def _privacy(request: HttpRequest, la: LocalAuthority) -> HttpResponse:
    context = {"la": la, "notices": notices_for(la)}
    return render(request, "web/statements/privacy.html", context)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    la = _council(request)
    if la is None:
        return _choose(request, "Accessibility statement", "web:accessibility-council")
    return _accessibility(request, la)


def accessibility_council(request: HttpRequest, la_code: str) -> HttpResponse:
    la = _by_code(request, la_code)
    return la if isinstance(la, HttpResponse) else _accessibility(request, la)


def privacy_notice(request: HttpRequest) -> HttpResponse:
    la = _council(request)
    if la is None:
        return _choose(request, "Privacy notice", "web:privacy-council")
    return _privacy(request, la)


def privacy_council(request: HttpRequest, la_code: str) -> HttpResponse:
    la = _by_code(request, la_code)
    return la if isinstance(la, HttpResponse) else _privacy(request, la)


urlpatterns: list[URLPattern] = [
    path("accessibility/", accessibility_statement, name="accessibility"),
    path(
        "public/<str:la_code>/accessibility/",
        accessibility_council,
        name="accessibility-council",
    ),
    path("privacy/", privacy_notice, name="privacy"),
    path("public/<str:la_code>/privacy/", privacy_council, name="privacy-council"),
]
