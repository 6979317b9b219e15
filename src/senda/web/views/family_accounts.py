"""Family accounts: who sees a child's record, a young person's sharing, a family
member's own details (docs/families.md), and the officer's side of them on the case.

Families (a parent or carer, a young person):
- ``/family/access/``: who can see the record, and why.
- ``/family/sharing/``: a young person lets a family member see their record (or see it
  and act with them), and stops it; a parent reads what happens when the rights pass.
- ``/family/details/``: a family member changes their email, phone, address or how we
  contact them; the change waits for the officer.

Council staff who record casework (officers, team and service managers), on a case:
- ``/cases/<id>/family/invite/``: invite a family contact to a family account.
- ``/cases/<id>/capacity/``: record a capacity decision.
- ``/cases/<id>/contact-changes/``: confirm or reject families' changes of details.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import Case
from senda.clock.rights import is_young_person
from senda.people import family_actions
from senda.people.access import access_list
from senda.people.families import access_of, contacts_of, facts_of, transfer_date
from senda.people.models import CapacityDecision, ContactChange, Delegation, FamilyContact
from senda.portal import invitations
from senda.web.access import require_family, writable_case
from senda.web.forms.errors import saved
from senda.web.forms.families import (
    CapacityForm,
    ChangeDecisionForm,
    DetailsForm,
    FamilyInviteForm,
    ShareForm,
    StopSharingForm,
)
from senda.web.tables.portal_accounts import family_access_table


def _family(request: HttpRequest) -> list[FamilyContact]:
    """The signed-in family member's contacts whose record they see today; 403 for
    anyone who is not family."""
    require_family(request.user)
    today = kernel.today()
    return [c for c in contacts_of(request.user) if access_of(c, today) is not None]


def _read(request: HttpRequest, contact: FamilyContact, what: str) -> None:
    audit.record(
        user=request.user,
        verb="read",
        obj=contact.child,
        child=contact.child,
        request=request,
        summary=f"child {contact.child_id}: {what}",
    )


@login_required
def family_access(request: HttpRequest) -> HttpResponse:
    today = kernel.today()
    records = []
    for contact in _family(request):
        _read(request, contact, "who can see the record (family page)")
        passes = transfer_date(contact.child)
        records.append(
            {
                "contact": contact,
                "own": contact.is_young_person,
                "table": family_access_table(access_list(contact.child, today)),
                "passes": passes,
                "passed": is_young_person(contact.child.date_of_birth, today),
            }
        )
    return render(request, "family/access.html", {"records": records})


def _young_contact(contacts: list[FamilyContact]) -> FamilyContact | None:
    return next((c for c in contacts if c.is_young_person), None)


@login_required
def family_sharing(request: HttpRequest) -> HttpResponse:
    contacts = _family(request)
    today = kernel.today()
    own = _young_contact(contacts)
    if own is None:  # a parent: what happens when the rights pass
        records = [
            {"contact": c, "passes": transfer_date(c.child)}
            for c in contacts
            if not c.is_young_person
        ]
        return render(request, "family/sharing.html", {"own": None, "records": records})
    child = own.child
    _read(request, own, "sharing (family page)")
    found = access_of(own, today)
    may_act = found is not None and found.may_act
    family = [c for c in child.contacts.all() if not c.is_young_person]
    choices = [(c.pk, f"{c.name} ({c.relationship})") for c in family]
    data = request.POST if request.method == "POST" else None
    sharing = data is not None and "delegation" not in data  # an empty submit: errors
    form = ShareForm(data if sharing else None, contacts=choices)
    if data is not None:
        if not may_act:
            raise PermissionDenied("Someone else acts for this young person.")
        if "delegation" in data:
            _stop(request, child, data)
            return redirect("web:family-sharing")
        if form.is_valid():
            chosen = next(c for c in family if c.pk == form.cleaned_data["contact"])
            write = partial(
                family_actions.grant_delegation,
                child=child,
                contact=chosen,
                scope=form.cleaned_data["scope"],
                by=request.user,
            )
            if saved(form, write):
                messages.success(request, f"{chosen.name} can now see your record.")
                return redirect("web:family-sharing")
    facts = facts_of(child)
    history = sorted(facts.delegations, key=lambda d: (d.granted_on, d.pk), reverse=True)
    names = {c.pk: c for c in family}
    rows = [
        {
            "delegation": d,
            "who": names.get(d.contact_id),
            "current": d.granted_on <= today and (d.withdrawn_on is None or d.withdrawn_on > today),
        }
        for d in history
    ]
    context = {
        "own": own,
        "form": form,
        "may_act": may_act,
        "rows": rows,
        "current": [row for row in rows if row["current"]],
        "family": family,
    }
    return render(request, "family/sharing.html", context)


def _stop(request: HttpRequest, child: Any, data: Any) -> None:
    form = StopSharingForm(data)
    delegation = (
        Delegation.objects.filter(pk=form.cleaned_data["delegation"], child=child).first()
        if form.is_valid()
        else None
    )
    if delegation is None:
        messages.info(request, "That is not on your list any more.")
        return
    try:
        family_actions.withdraw_delegation(delegation=delegation, by=request.user)
    except kernel.ActionError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"{delegation.contact.name} can no longer see your record.")


@login_required
def family_details(request: HttpRequest) -> HttpResponse:
    contacts = _family(request)
    if not contacts:
        return render(request, "family/details.html", {"contact": None})
    first = contacts[0]
    waiting = family_actions.pending_changes(first).first()
    initial = {f: getattr(first, f) for f in family_actions.CHANGEABLE}
    initial |= waiting.changes if waiting is not None else {}
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in family_actions.CHANGEABLE}

        write = partial(
            family_actions.request_contact_changes,
            contacts=contacts,
            by=request.user,
            values=values,
        )
        if saved(form, write):
            messages.success(request, "Thank you. We have sent your changes to your officer.")
            return redirect("web:family-details")
    _read(request, first, "own contact details (family page)")
    pending = family_actions.pending_changes(first).first()
    last = ContactChange.objects.filter(contact=first).exclude(status="pending").first()
    context = {
        "contact": first,
        "form": form,
        "pending": _described(pending) if pending else None,
        "last": last if last and last.status == ContactChange.Status.REJECTED else None,
        "reply_days": first.child.la.message_reply_days,
    }
    return render(request, "family/details.html", context)


LABELS = {
    "email": "Email address",
    "phone": "Phone number",
    "address": "Address",
    "contact_by": "How we contact you",
}


def _described(change: ContactChange) -> list[tuple[str, str]]:
    """A change's fields as the page says them: label and new value."""
    rows = []
    for field, value in change.changes.items():
        if field == "contact_by":
            value = dict(FamilyContact.ContactBy.choices).get(value, value)
        rows.append((LABELS.get(field, field), value or "(none)"))
    return rows


# --- The officer's side, on the case -------------------------------------------------


def _staff_case(request: HttpRequest, case_id: int) -> Case:
    case = writable_case(request.user, case_id)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return case


@login_required
def case_family_invite(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _staff_case(request, case_id)
    today = kernel.today()
    contacts = list(case.child.contacts.all())
    listed = [{"contact": c, "refusal": invitations.family_refusal(c, today)} for c in contacts]
    # Only those who can be invited are offered; the list says why the others cannot.
    choices = [
        (row["contact"].pk, f"{row['contact'].name} ({row['contact'].relationship})")
        for row in listed
        if not row["refusal"]
    ]
    form = FamilyInviteForm(request.POST if request.method == "POST" else None, contacts=choices)
    if request.method == "POST" and form.is_valid():
        chosen = next(c for c in contacts if c.pk == form.cleaned_data["contact"])
        write = partial(
            invitations.invite_family,
            contact=chosen,
            by=request.user,
            email=form.cleaned_data["email"],
        )
        if saved(form, write):
            messages.success(request, f"Invitation sent to {chosen.name}")
            return redirect("web:case-detail", case_id=case.pk)
    context = {"case": case, "form": form, "listed": listed, "passes": transfer_date(case.child)}
    return render(request, "family/case_invite.html", context)


@login_required
def case_capacity(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _staff_case(request, case_id)
    contacts = [c for c in case.child.contacts.all() if not c.is_young_person]
    choices = [(c.pk, f"{c.name} ({c.relationship})") for c in contacts]
    form = CapacityForm(request.POST if request.method == "POST" else None, contacts=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = next((c for c in contacts if c.pk == data["alternative_person"]), None)
        write = partial(
            family_actions.record_capacity_decision,
            child=case.child,
            decision=data["decision"],
            assessed_on=data["assessed_on"],
            assessed_by=data["assessed_by"],
            outcome=data["outcome"],
            alternative_person=person,
            basis=data["basis"],
            by=request.user,
        )
        if saved(form, write):
            messages.success(request, "Capacity decision recorded")
            return redirect("web:case-capacity", case_id=case.pk)
    records = CapacityDecision.objects.filter(child=case.child).select_related("alternative_person")
    context = {"case": case, "form": form, "records": records, "passes": transfer_date(case.child)}
    return render(request, "family/case_capacity.html", context)


@login_required
def case_contact_changes(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _staff_case(request, case_id)
    changes = ContactChange.objects.filter(contact__child=case.child).select_related("contact")
    if request.method == "POST":
        _answer(request, changes)
        return redirect("web:case-contact-changes", case_id=case.pk)
    pending = [
        {"change": c, "rows": _described(c), "contact": c.contact}
        for c in changes
        if c.status == ContactChange.Status.PENDING
    ]
    done = [c for c in changes if c.status != ContactChange.Status.PENDING][:50]
    return render(
        request, "family/case_changes.html", {"case": case, "pending": pending, "done": done}
    )


def _answer(request: HttpRequest, changes: Any) -> None:
    form = ChangeDecisionForm(request.POST)
    change = changes.filter(pk=form.cleaned_data["change"]).first() if form.is_valid() else None
    if change is None:
        messages.info(request, "That change is not waiting any more.")
        return
    try:
        if form.cleaned_data["answer"] == "confirm":
            family_actions.confirm_contact_change(change=change, by=request.user)
            messages.success(request, f"{change.contact.name}'s details are updated")
        else:
            family_actions.reject_contact_change(
                change=change, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{change.contact.name}'s change was not accepted")
    except kernel.ActionError as error:
        messages.info(request, error.message)


urlpatterns: list[URLPattern] = [
    path("family/access/", family_access, name="family-access"),
    path("family/sharing/", family_sharing, name="family-sharing"),
    path("family/details/", family_details, name="family-details"),
    path("cases/<id:case_id>/family/invite/", case_family_invite, name="case-family-invite"),
    path("cases/<id:case_id>/capacity/", case_capacity, name="case-capacity"),
    path("cases/<id:case_id>/contact-changes/", case_contact_changes, name="case-contact-changes"),
]
