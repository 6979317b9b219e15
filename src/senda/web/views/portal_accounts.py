"""Who signs in to the portal, and how (docs/portal/accounts.md).

- ``/portal/invitations/``: a service or team manager invites a person to a setting or an
  advice team, and sees every invitation of the area; ``…/<id>/revoke/`` withdraws one.
- ``/invitations/<token>/``: public; the invited person sets a password (or, with an
  account, confirms it is them) and is signed in.
- ``/portal/settings/<id>/staff/``: council staff see who works for a setting in the
  portal; managers remove someone.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from senda import audit
from senda.kernel import ActionError
from senda.people.models import AdviceTeam, Membership, Role, Setting, SettingMember
from senda.portal import invitations
from senda.portal.models import Invitation
from senda.web.access import LA_WIDE_ROLES, membership_for
from senda.web.forms.errors import saved
from senda.web.forms.portal_accounts import CurrentPasswordForm, InviteForm, NewPasswordForm
from senda.web.tables.portal_accounts import invitations_table, invited_to, staff_table

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def require_manager(user: Any) -> Membership:
    """The user's membership if they manage the portal's accounts of their area; 403."""
    membership = membership_for(user)
    if membership is None or membership.role not in invitations.MANAGER_ROLES:
        raise PermissionDenied("Only service managers and team managers invite people.")
    return membership


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    own = require_manager(request.user)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        setting_choices=list(
            Setting.objects.filter(la_id=own.la_id).order_by("name").values_list("pk", "name")
        ),
        team_choices=list(
            AdviceTeam.objects.filter(la_id=own.la_id).order_by("name").values_list("pk", "name")
        ),
    )
    if request.method == "POST" and form.is_valid() and _invited(request, own, form):
        email = form.cleaned_data["email"]
        messages.success(request, f"Invitation sent to {email}")
        return redirect("web:portal-invitations")
    listed = Invitation.objects.filter(la_id=own.la_id).select_related(
        "setting", "team", "contact"
    )[:200]
    context = {
        "la": own.la,
        "form": form,
        "table": invitations_table(listed, get_token(request)),
        "any": bool(listed),
        "days": settings.SENDA_INVITATION_DAYS,
    }
    return render(request, "web/portal/accounts/invitations.html", context)


def _invited(request: HttpRequest, own: Membership, form: InviteForm) -> bool:
    data = form.cleaned_data
    setting = Setting.objects.get(pk=data["setting"]) if data["setting"] else None
    team = AdviceTeam.objects.get(pk=data["team"]) if data["team"] else None
    write = partial(
        invitations.invite,
        la=own.la,
        email=data["email"],
        name=data["name"],
        by=request.user,  # type: ignore[arg-type]
        setting=setting,
        position=data["position"] if setting else "",
        team=team,
    )
    return saved(form, write)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    own = membership_for(request.user)
    invitation = get_object_or_404(Invitation, pk=invitation_id, la_id=getattr(own, "la_id", None))
    require_manager(request.user)
    try:
        invitations.revoke(invitation=invitation, by=request.user)  # type: ignore[arg-type]
    except ActionError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"Invitation to {invitation.email} withdrawn")
    return redirect("web:portal-invitations")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link in the invitation. An unknown link is 404, a used, withdrawn or
    expired one 410, each a plain page saying whom to ask."""
    invitation = invitations.find(token)
    if invitation is None:
        return render(request, "web/portal/accounts/invitation_gone.html", {}, status=404)
    state = invitations.status_of(invitation)
    if state != invitations.Status.WAITING:
        context = {"invitation": invitation, "reason": invitations.NOT_USABLE[state]}
        return render(request, "web/portal/accounts/invitation_gone.html", context, status=410)
    signed_in = request.user if request.user.is_authenticated else None
    mismatch = signed_in is not None and invitation.email.lower() not in {
        (signed_in.email or "").lower(),  # type: ignore[union-attr]
        signed_in.get_username().lower(),
    }
    existing = signed_in is None and invitations.existing_account(invitation) is not None
    form_class = CurrentPasswordForm if existing else NewPasswordForm
    data = request.POST if request.method == "POST" else None
    form: Any = None if signed_in is not None else form_class(data)
    if request.method == "POST" and not mismatch:
        accepted = _accept(request, token, form)
        if accepted is not None:
            return accepted
    context = {
        "invitation": invitation,
        "invited_to": invited_to(invitation),
        "form": form,
        "existing": existing,
        "signed_in": signed_in,
        "mismatch": mismatch,
        "token": token,
    }
    return render(request, "web/portal/accounts/accept.html", context)


def _accept(request: HttpRequest, token: str, form: Any) -> HttpResponse | None:
    checked = form if form is not None else forms.Form(request.POST)
    if not checked.is_valid():
        return None
    user = request.user if request.user.is_authenticated else None
    password = checked.cleaned_data.get("password", "")
    accepted: list[Any] = []

    def write() -> None:
        accepted.append(invitations.accept(token=token, password=password, user=user))  # type: ignore[arg-type]

    if not saved(checked, write):
        if form is None:
            messages.info(request, checked.non_field_errors()[0])
            return redirect("web:invitation-accept", token=token)
        return None
    if user is None:
        login(request, accepted[0], backend=SIGN_IN_BACKEND)
    if invitations.find(token).contact_id is not None:  # type: ignore[union-attr]
        messages.success(request, "You can now use Senda.")
        return redirect("web:home")
    offer = format_html(
        'You can now use Senda. To make your account safer, you can <a class="govuk-'
        'notification-banner__link" href="{}">add an authenticator app</a> (optional).',
        reverse("web:mfa-setup"),
    )
    messages.success(request, offer, extra_tags="html")
    return redirect("web:home")


def _setting_for_staff(request: HttpRequest, setting_id: int) -> tuple[Setting, Membership]:
    """The setting, for council staff of its area: 403 for other roles, 404 for a setting
    of another area."""
    own = membership_for(request.user)
    if own is None or own.role not in LA_WIDE_ROLES:
        raise PermissionDenied("Only council SEND staff see a setting's portal staff.")
    setting = Setting.objects.filter(pk=setting_id, la_id=own.la_id).first()
    if setting is None:
        raise Http404("No such setting in your area.")
    return setting, own


@login_required
def setting_staff(request: HttpRequest, setting_id: int) -> HttpResponse:
    setting, own = _setting_for_staff(request, setting_id)
    manager = own.role in invitations.MANAGER_ROLES
    if request.method == "POST":
        if not manager:
            raise PermissionDenied("Only service managers and team managers remove people.")
        _remove(request, setting)
        return redirect("web:portal-setting-staff", setting_id=setting.pk)
    members = SettingMember.objects.filter(setting=setting, removed_on__isnull=True).select_related(
        "user"
    )
    legacy = (
        Membership.objects.filter(setting=setting, role=Role.SENCO)
        .exclude(user_id__in=[m.user_id for m in members])
        .select_related("user")
    )
    audit.record(
        user=request.user,
        verb="read",
        obj=setting,
        request=request,
        summary=f"setting {setting.pk}: portal staff",
    )
    here = reverse("web:portal-setting-staff", args=[setting.pk])
    context = {
        "setting": setting,
        "manager": manager,
        "table": staff_table(
            members, legacy, csrf=get_token(request), remove_url=here if manager else None
        ),
    }
    return render(request, "web/portal/accounts/setting_staff.html", context)


def _remove(request: HttpRequest, setting: Setting) -> None:
    raw = request.POST.get("member", "")
    member = (
        SettingMember.objects.filter(pk=int(raw), setting=setting).select_related("user").first()
        if raw.isdigit() and len(raw) <= 18
        else None
    )
    if member is None:
        messages.info(request, "That person is not on this list any more.")
        return
    try:
        invitations.remove_setting_member(member=member, by=request.user)  # type: ignore[arg-type]
    except ActionError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"{member.user.email or member.user.get_username()} removed")


urlpatterns: list[URLPattern] = [
    path("portal/invitations/", invitation_list, name="portal-invitations"),
    path(
        "portal/invitations/<id:invitation_id>/revoke/",
        invitation_revoke,
        name="portal-invitation-revoke",
    ),
    path("invitations/<str:token>/", invitation_accept, name="invitation-accept"),
    path("portal/settings/<id:setting_id>/staff/", setting_staff, name="portal-setting-staff"),
]
