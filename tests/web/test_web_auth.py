import time
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from senda.web.middleware import LAST_SEEN, SIGNED_IN_AT
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


def test_it_says_in_sendas_words_that_the_details_are_wrong(client, plain_user):
    response = client.post(reverse("web:sign-in"), {"username": "ada", "password": "wrong"})
    summary = text_of(audit_page(response).find(".//div[@class='govuk-error-summary']"))
    assert "Your username or password is not right. Check them and try again" in summary
    assert "Please enter a correct" not in response.content.decode()


def test_it_asks_for_each_missing_field_by_name(client, db):
    response = client.post(reverse("web:sign-in"), {"username": "", "password": ""})
    summary = text_of(audit_page(response).find(".//div[@class='govuk-error-summary']"))
    assert "Enter your username" in summary and "Enter your password" in summary
    assert "This field is required" not in response.content.decode()


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


# --- Lockout (django-axes) -------------------------------------------------------------


def sign_in(client, password, username="ada", ip="10.0.0.1"):
    data = {"username": username, "password": password}
    return client.post(reverse("web:sign-in"), data, REMOTE_ADDR=ip)


def fail(client, times, **kwargs):
    return [sign_in(client, "wrong", **kwargs) for _ in range(times)][-1]


def test_it_locks_the_account_after_the_configured_number_of_failures(client, plain_user):
    assert fail(client, 4).status_code == 200
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: Sign in")
    assert "locked on this device for 15 minutes" in text_of(document.find(".//main"))


def test_it_refuses_the_right_password_while_locked(client, plain_user):
    fail(client, 5)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_reads_the_limit_and_duration_from_settings(client, plain_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    assert sign_in(client, "wrong").status_code == 200
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "for 40 minutes" in text_of(audit_page(response).find(".//main"))


def test_it_locks_the_account_only_from_that_address(client, plain_user):
    fail(client, 5, ip="10.0.0.1")
    response = sign_in(client, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    assert response.wsgi_request.user == plain_user


def test_it_ignores_a_forged_forwarded_for_header(client, plain_user):
    for n in range(5):
        client.post(
            reverse("web:sign-in"),
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert sign_in(client, PASSWORD, ip="10.0.0.1").status_code == 429


def test_it_unlocks_after_the_cool_off(client, plain_user):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user == plain_user


def test_it_forgets_failures_after_a_successful_sign_in(client, plain_user):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.post(reverse("web:sign-out"))
    assert fail(client, 4).status_code == 200


def test_it_records_each_failure_and_the_lockout(client, plain_user):
    fail(client, 5)
    assert AccessFailureLog.objects.filter(username="ada", ip_address="10.0.0.1").count() == 5
    attempt = AccessAttempt.objects.get(username="ada")
    assert attempt.failures_since_start == 5
    assert "wrong" not in attempt.post_data  # axes drops the password


def test_it_starts_each_test_without_lockouts(db):
    """Axes keeps its state in the database (no cache handler), so tests cannot leak it."""
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert not AccessAttempt.objects.exists()


# --- Sessions expire ----------------------------------------------------------------------


def stamp(client, **ages):
    """Pretend the session's clocks started ``ages`` (seconds) ago."""
    session = client.session
    now = int(time.time())
    for key, age in ages.items():
        session[key] = now - age
    session.save()


def test_it_signs_out_an_idle_session_with_a_notice(client, plain_user):
    client.force_login(plain_user)
    stamp(client, **{LAST_SEEN: 31 * 60})
    response = client.get(reverse("web:case-list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:sign-in')}?next=/cases/"
    page = client.get(response["Location"])
    banner = audit_page(page).find(".//div[@class='govuk-notification-banner']")
    assert "You were signed out because you were inactive" in text_of(banner)
    assert not page.wsgi_request.user.is_authenticated


def test_it_keeps_an_active_session(client, plain_user):
    client.force_login(plain_user)
    stamp(client, **{LAST_SEEN: 29 * 60})
    assert client.get(reverse("web:home")).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN] < 5


def test_it_writes_the_last_seen_time_at_most_once_a_minute(client, plain_user):
    client.force_login(plain_user)
    stamp(client, **{LAST_SEEN: 30})
    before = client.session[LAST_SEEN]
    client.get(reverse("web:home"))
    assert client.session[LAST_SEEN] == before


def test_it_signs_out_a_session_older_than_its_lifetime(client, plain_user):
    client.force_login(plain_user)
    stamp(client, **{SIGNED_IN_AT: 8 * 60 * 60 + 1})
    response = client.get(reverse("web:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("web:sign-in"))
    assert "signed in for 8 hours" in text_of(audit_page(response).find(".//main"))


def test_it_reads_the_idle_time_from_settings(client, plain_user, settings):
    settings.SENDA_SESSION_IDLE_MINUTES = 5
    client.force_login(plain_user)
    stamp(client, **{LAST_SEEN: 6 * 60})
    assert client.get(reverse("web:home")).status_code == 302


def test_it_sends_an_expired_post_to_sign_in_without_acting_on_it(client, plain_user):
    client.force_login(plain_user)
    stamp(client, **{LAST_SEEN: 31 * 60})
    response = client.post(reverse("web:sign-out"))
    assert response["Location"] == reverse("web:sign-in")


def test_it_starts_the_clocks_of_a_session_that_has_none(client, plain_user):
    client.force_login(plain_user)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get(reverse("web:home")).status_code == 200
    assert SIGNED_IN_AT in client.session


def test_it_costs_no_query_to_check_the_session(client, plain_user, django_assert_num_queries):
    client.force_login(plain_user)
    client.get(reverse("web:home"))
    # Session, user, membership, and (home, for a user with no membership) whether they are
    # a plan partner and whether they own overdue governance action-log items: the session
    # checks themselves add none.
    with django_assert_num_queries(5):
        client.get(reverse("web:home"))
