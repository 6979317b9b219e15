"""Audit entries written inside an action (no request passed) still record where from."""

from django.http import HttpResponse
from django.test import RequestFactory

from senda import audit
from senda.audit.context import RequestAddressMiddleware, current_address
from senda.audit.models import AuditEntry


def test_it_records_the_address_of_the_request_being_served(personas):
    def view(request):
        audit.record(user=personas.case_officer, verb="write", obj=personas.case)
        return HttpResponse("ok")

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    RequestAddressMiddleware(view)(request)
    entry = AuditEntry.objects.get(verb="write")
    assert entry.ip_address == "203.0.113.9"


def test_it_forgets_the_address_when_the_request_ends(personas):
    RequestAddressMiddleware(lambda request: HttpResponse())(
        RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    )
    assert current_address() is None
    entry = audit.record(user=personas.case_officer, verb="write", obj=personas.case)
    assert entry.ip_address is None


def test_it_is_installed(settings):
    assert "senda.audit.context.RequestAddressMiddleware" in settings.MIDDLEWARE
