"""The Django admin shows a user only their own area, audits reads of children's records
and names no child in its titles (``senda.people.admin_scope``)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.test import Client, RequestFactory

from senda.audit.models import AuditEntry
from senda.people.admin_scope import AreaScopedAdmin
from senda.people.models import Membership
from tests.factories import PASSWORD, make_case, make_child, make_setting

SENDA_APPS = ("people", "casework", "audit", "improvement", "performance", "retention")


def _staff(user: User) -> User:
    """As the demo's service manager: the admin, with every view permission of Senda's apps."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    perms = Permission.objects.filter(
        content_type__app_label__in=SENDA_APPS, codename__startswith="view_"
    )
    user.user_permissions.set(perms)
    return User.objects.get(pk=user.pk)  # no cached permissions


@pytest.fixture
def manager(personas):
    return _staff(personas.service_manager)


@pytest.fixture
def theirs(personas):
    """A child of another area, with a case and a family contact."""
    child = make_child(personas.other_la, family_name="Elsewhere")
    child.contacts.create(name="Parent Elsewhere", relationship="mother", email="p@example.org")
    return make_case(child)


def _client(user: User) -> Client:
    client = Client()  # the admin's own pages are not held to the GOV.UK page audit
    client.force_login(user)
    return client


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_it_registers_every_senda_model_in_the_admin_scoped_to_the_area():
    senda = {m: a for m, a in admin.site._registry.items() if m._meta.app_label in SENDA_APPS}
    assert senda
    assert [m for m, a in senda.items() if not isinstance(a, AreaScopedAdmin)] == []


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in SENDA_APPS],
    ids=lambda m: m._meta.label,
)
def test_it_lists_each_model_for_a_manager_of_the_area(personas, manager, model):
    """Every admin's path to the area is right: its list opens, scoped, for a manager."""
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    response = _client(manager).get(url)
    assert response.status_code in (200, 403), url  # 403: a model with no view permission


@pytest.mark.parametrize(
    "url",
    [
        "/admin/people/child/",
        "/admin/people/familycontact/",
        "/admin/casework/case/",
        "/admin/casework/caseevent/",
        "/admin/people/localauthority/",
    ],
)
def test_it_lists_only_the_managers_own_area(personas, manager, theirs, url):
    page = _client(manager).get(url).content.decode()
    assert "Elsewhere" not in page
    assert personas.other_la.name not in page


def test_it_refuses_another_areas_record(personas, manager, theirs):
    client = _client(manager)
    for url in (
        f"/admin/people/child/{theirs.child_id}/change/",
        f"/admin/people/familycontact/{theirs.child.contacts.get().pk}/change/",
        f"/admin/casework/case/{theirs.pk}/change/",
        f"/admin/people/localauthority/{personas.other_la.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url  # the admin's "does not exist": to its index
        assert "Elsewhere" not in client.get(response["Location"]).content.decode()
    assert not AuditEntry.objects.filter(child=theirs.child).exists()


def test_it_shows_nothing_to_a_staff_user_without_an_area_role(personas):
    senco = _staff(personas.senco)
    page = _client(senco).get("/admin/people/child/").content.decode()
    assert personas.child.family_name not in page
    assert "0 children" in page


def test_it_lets_a_superuser_see_every_area(personas, theirs):
    root = User.objects.create_superuser("root", password=PASSWORD)
    page = _client(root).get("/admin/people/child/").content.decode()
    assert "Elsewhere" in page and personas.child.family_name in page


def test_it_offers_only_the_areas_records_as_choices(personas, manager):
    elsewhere = make_setting(personas.other_la, name="Setting Elsewhere")
    request = RequestFactory().get("/admin/people/membership/add/")
    request.user = manager
    membership_admin = admin.site._registry[Membership]
    field = membership_admin.formfield_for_foreignkey(
        Membership._meta.get_field("setting"), request
    )
    assert personas.setting in field.queryset and elsewhere not in field.queryset
    la_field = membership_admin.formfield_for_foreignkey(Membership._meta.get_field("la"), request)
    assert list(la_field.queryset) == [personas.la]


def test_it_audits_each_list_page_of_children_with_its_filters(personas, manager):
    client = _client(manager)
    client.get("/admin/people/child/", {"q": personas.child.family_name, "primary_need": "ASD"})
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.verb, entry.la) == (manager, "read", personas.la)
    assert (entry.object_type, entry.object_id) == ("people.Child", "")
    assert entry.summary == "admin list: primary_need=ASD search=words not recorded page=1"
    assert personas.child.family_name not in entry.summary
    client.get("/admin/casework/case/")
    assert AuditEntry.objects.count() == 2
    client.get("/admin/people/setting/")  # settings name no child: not audited
    assert AuditEntry.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "object_type"),
    [
        ("/admin/people/child/{child}/change/", "people.Child"),
        ("/admin/casework/case/{case}/change/", "casework.Case"),
        ("/admin/people/familycontact/{contact}/change/", "people.FamilyContact"),
    ],
)
def test_it_audits_each_record_page_with_its_child(personas, manager, url, object_type):
    contact = personas.child.contacts.get()
    ids = {"child": personas.child.pk, "case": personas.case.pk, "contact": contact.pk}
    response = _client(manager).get(url.format(**ids))
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_type, entry.child) == ("read", object_type, personas.child)
    assert entry.la == personas.la


def test_it_audits_the_history_page_of_a_childs_record(personas, manager):
    response = _client(manager).get(f"/admin/people/child/{personas.child.pk}/history/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.summary, entry.child) == ("admin history", personas.child)


def test_it_titles_a_childs_admin_pages_without_names(personas, manager):
    client = _client(manager)
    child = personas.child
    contact = child.contacts.get()
    for url in (
        f"/admin/people/child/{child.pk}/change/",
        f"/admin/people/child/{child.pk}/history/",
        f"/admin/people/familycontact/{contact.pk}/change/",
    ):
        title = _title(client.get(url))
        assert child.family_name not in title and contact.name not in title, title
    assert _title(client.get(f"/admin/people/child/{child.pk}/change/")).startswith(
        f"Child {child.pk} |"
    )
