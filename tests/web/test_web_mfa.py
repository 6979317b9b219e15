"""Two-factor authentication: set-up with an authenticator app, the code step at sign-in,
and compulsory MFA for staff (``SENDA_REQUIRE_MFA``)."""

from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from senda.web.middleware import MFA_STATE
from senda.web.views.mfa import PENDING_KEY
from tests.factories import PASSWORD
from tests.web.page_audit import audit_page, text_of

STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]
NOT_STAFF = ["senco", "advice_giver", "parent", "board_member"]
#: Partners may add an app if they wish (portal, docs/portal/accounts.md); never required.
PARTNERS = ["senco", "advice_giver"]
SETUP = reverse("web:mfa-setup")
CODE = reverse("web:sign-in-code")


def add_device(user):
    return TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)


def code_for(key_hex, offset=0):
    totp = TOTP(unhexlify(key_hex))
    totp.time = totp.time + offset * 30
    return f"{totp.token():06d}"


def sign_in(client, user, **extra):
    data = {"username": user.username, "password": PASSWORD}
    return client.post(reverse("web:sign-in"), data, follow=True, **extra)


@pytest.mark.parametrize("role", STAFF)
def test_it_shows_a_qr_code_and_the_secret_to_staff(client, personas, role):
    client.force_login(getattr(personas, role))
    response = client.get(SETUP)
    assert response.status_code == 200
    main = audit_page(response).find(".//main")
    assert any(element.tag.endswith("}svg") for element in main.iter())
    key = client.session[PENDING_KEY]
    assert response.context["secret"].replace(" ", "") in text_of(main).replace(" ", "")
    assert len(key) == 40
    assert not TOTPDevice.objects.exists()  # nothing saved until the code is confirmed


@pytest.mark.parametrize("role", ["parent", "board_member"])
def test_it_refuses_set_up_to_other_roles(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(SETUP).status_code == 403


@pytest.mark.parametrize("role", PARTNERS)
def test_partners_may_add_an_app_if_they_wish(client, personas, role):
    client.force_login(getattr(personas, role))
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(client.session[PENDING_KEY])})
    assert TOTPDevice.objects.filter(user=getattr(personas, role), confirmed=True).exists()


def test_it_draws_the_qr_code_without_inline_style_or_script(client, personas):
    client.force_login(personas.case_officer)
    svg = client.get(SETUP).context["qr_svg"]
    assert svg.startswith("<svg") and "style" not in svg and "<script" not in svg


def test_it_keeps_the_same_secret_while_setting_up(client, personas):
    client.force_login(personas.case_officer)
    first = client.get(SETUP).context["secret"]
    assert client.get(SETUP).context["secret"] == first


def test_it_rejects_a_wrong_code(client, personas):
    client.force_login(personas.case_officer)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: ")
    assert "not correct" in text_of(document.find(".//main"))
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize(("code", "message"), [("", "Enter the 6-digit"), ("12ab56", "6 numbers")])
def test_it_says_what_is_wrong_with_the_code(client, personas, code, message):
    client.force_login(personas.case_officer)
    response = client.post(SETUP, {"code": code})
    assert message in text_of(audit_page(response).find(".//div[@class='govuk-error-summary']"))


def test_it_turns_on_mfa_with_a_correct_code(client, personas):
    client.force_login(personas.case_officer)
    client.get(SETUP)
    key = client.session[PENDING_KEY]
    response = client.post(SETUP, {"code": code_for(key)}, follow=True)
    device = TOTPDevice.objects.get(user=personas.case_officer)
    assert device.confirmed and device.key == key
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert PENDING_KEY not in client.session
    assert "Two-factor authentication is on" in text_of(audit_page(response).find(".//h1"))


def test_it_confirms_the_new_app_in_a_success_banner(client, personas):
    client.force_login(personas.case_officer)
    client.get(SETUP)
    response = client.post(SETUP, {"code": code_for(client.session[PENDING_KEY])}, follow=True)
    banner = audit_page(response).find(
        ".//div[@class='govuk-notification-banner govuk-notification-banner--success']"
    )
    assert "Authenticator app added" in text_of(banner)


def test_it_accepts_a_code_typed_with_a_space(client, personas):
    client.force_login(personas.case_officer)
    client.get(SETUP)
    code = code_for(client.session[PENDING_KEY])
    client.post(SETUP, {"code": f"{code[:3]} {code[3:]}"})
    assert TOTPDevice.objects.filter(user=personas.case_officer, confirmed=True).exists()


def test_it_asks_for_a_code_after_the_password(client, personas):
    device = add_device(personas.case_officer)
    response = sign_in(client, personas.case_officer)
    assert response.redirect_chain[-1][0] == CODE
    assert "authenticator app" in text_of(audit_page(response).find(".//h1"))
    assert not response.wsgi_request.user.is_verified()
    response = client.post(CODE, {"code": code_for(device.key), "next": "/"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert response.wsgi_request.user.is_verified()
    assert MFA_STATE not in client.session


def test_it_holds_every_page_until_the_code_is_entered(client, personas):
    add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    for url in [reverse("web:case-list"), reverse("web:case-detail", args=[personas.case.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{CODE}?next=")
    assert client.get("/admin/").status_code == 302
    for url in ("/accessibility/", "/privacy/", "/healthz/", "/readyz/"):  # always open
        assert client.get(url).status_code == 200, url


def test_it_returns_to_the_page_asked_for_after_the_code(client, personas):
    device = add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    held = client.get(reverse("web:case-list"))
    page = client.get(held["Location"])
    assert page.context["next"] == reverse("web:case-list")
    response = client.post(CODE, {"code": code_for(device.key), "next": page.context["next"]})
    assert response["Location"] == reverse("web:case-list")


def test_it_ignores_a_next_address_on_another_site(client, personas):
    device = add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    response = client.post(CODE, {"code": code_for(device.key), "next": "https://evil.test/"})
    assert response["Location"] == reverse("web:home")


def test_it_refuses_a_code_used_at_set_up_again(client, personas):
    client.force_login(personas.case_officer)
    client.get(SETUP)
    code = code_for(client.session[PENDING_KEY])
    client.post(SETUP, {"code": code})
    client.post(reverse("web:sign-out"))
    sign_in(client, personas.case_officer)
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_verified()


def test_it_locks_out_after_repeated_wrong_codes(client, personas):
    add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    for _ in range(4):
        assert client.post(CODE, {"code": "000000"}).status_code == 200
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(client, personas.case_officer).redirect_chain == []  # still locked


def test_it_lets_sign_out_through_before_the_code(client, personas):
    add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    response = client.post(reverse("web:sign-out"))
    assert response["Location"] == reverse("web:sign-in")
    assert "_auth_user_id" not in client.session


def test_it_sends_users_without_a_pending_code_home(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(CODE)["Location"] == reverse("web:home")


def test_it_lets_a_user_whose_app_was_removed_carry_on(client, personas):
    device = add_device(personas.case_officer)
    sign_in(client, personas.case_officer)
    device.delete()
    assert client.get(CODE)["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200


def test_it_sends_staff_to_set_up_first_when_mfa_is_required(client, personas, settings):
    settings.SENDA_REQUIRE_MFA = True
    client.force_login(personas.case_officer)
    response = client.get(reverse("web:case-list"))
    assert response["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert "must use an authenticator app" in text_of(audit_page(page).find(".//main"))
    client.post(SETUP, {"code": code_for(client.session[PENDING_KEY])})
    assert client.get(reverse("web:case-list")).status_code == 200


@pytest.mark.parametrize("role", NOT_STAFF)
def test_it_does_not_require_mfa_of_other_roles(client, personas, settings, role):
    settings.SENDA_REQUIRE_MFA = True
    client.force_login(getattr(personas, role))
    assert client.get(reverse("web:home")).status_code == 200


def test_it_does_not_require_mfa_by_default(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:home")).status_code == 200


def test_it_links_staff_to_set_up_from_home(client, personas):
    client.force_login(personas.case_officer)
    document = audit_page(client.get(reverse("web:home")))
    assert SETUP in [a.get("href") for a in document.iter("a")]
    client.force_login(personas.parent)
    document = audit_page(client.get(reverse("web:home")))
    assert SETUP not in [a.get("href") for a in document.iter("a")]
