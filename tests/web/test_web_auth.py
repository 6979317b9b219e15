from django.urls import reverse

from tests.factories import PASSWORD
from tests.web.page_audit import audit_page, text_of


def test_it_shows_the_sign_in_page(client, db):
    response = client.get(reverse("web:sign-in"))
    assert response.status_code == 200
    assert response.context["form"].fields.keys() == {"username", "password"}


def test_it_signs_in(client, plain_user):
    response = client.post(
        reverse("web:sign-in"), {"username": "ada", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain == [(reverse("web:home"), 302)]
    assert response.wsgi_request.user == plain_user


def test_it_shows_errors_when_sign_in_fails(client, plain_user):
    response = client.post(reverse("web:sign-in"), {"username": "ada", "password": "wrong"})
    assert response.status_code == 200
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: Sign in")
    summary = document.find(".//div[@class='govuk-error-summary']")
    links = [a.get("href") for a in summary.iter("a")]
    assert links == ["#id_username"]
    assert not response.wsgi_request.user.is_authenticated


def test_it_links_each_missing_field_from_the_error_summary(client, db):
    response = client.post(reverse("web:sign-in"), {"username": "", "password": ""})
    summary = audit_page(response).find(".//div[@class='govuk-error-summary']")
    assert [a.get("href") for a in summary.iter("a")] == ["#id_username", "#id_password"]


def test_it_signs_out(client, plain_user):
    client.force_login(plain_user)
    response = client.post(reverse("web:sign-out"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:sign-in")
    assert "_auth_user_id" not in client.session


def test_it_refuses_sign_out_by_get(client, plain_user):
    client.force_login(plain_user)
    assert client.get(reverse("web:sign-out")).status_code == 405
    assert "_auth_user_id" in client.session


def test_it_requires_sign_in_for_home(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:sign-in')}?next=/"


def test_it_says_who_you_are_on_home(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert "ada" in text_of(audit_page(response).find(".//main"))


def test_it_offers_sign_out_as_a_post_form(client, plain_user):
    client.force_login(plain_user)
    document = audit_page(client.get(reverse("web:home")))
    form = document.find(".//form[@class='senda-sign-out']")
    assert form.get("method") == "post"
    assert form.get("action") == reverse("web:sign-out")
