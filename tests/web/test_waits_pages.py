"""The ND waiting list's pages (/waits/): figures and the children behind them for council
staff, figures alone (small numbers suppressed) for board members and health partners,
every list of children and every referral read audited, no name in a title."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.pathways import actions
from senda.people.models import AdviceTeam
from tests.factories import make_advice_team, make_child, make_la, make_setting, make_user
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)


@pytest.fixture
def area():
    """Seven autism referrals waiting (three of them over 18 weeks) and two ADHD ones."""
    la = make_la()
    officer = make_user("case_officer", la)
    school = make_setting(la, locality="North")
    made = []
    for days in (10, 30, 60, 100, 130, 200, 400):
        child = make_child(la, setting=school, given_name="Zebedee")
        made.append(
            actions.record_referral(
                child=child,
                pathway="autism",
                referred_on=TODAY - timedelta(days=days),
                source="school",
                setting=school,
                by=officer,
                today=TODAY,
            )
        )
    for days in (20, 40):
        actions.record_referral(
            child=make_child(la),
            pathway="adhd",
            referred_on=TODAY - timedelta(days=days),
            source="gp",
            by=officer,
            today=TODAY,
        )
    return la, officer, made


def test_staff_see_the_waits_and_the_children_behind_them(client, area):
    la, _, made = area
    manager = make_user("service_manager", la)
    client.force_login(manager)
    page = audit_page(client.get(reverse("web:nd-waits")))
    text = text_of(page)
    assert "Zebedee" not in text  # figures only
    tables = page.findall(".//{*}table")
    first = text_of(tables[0])
    assert "Autism" in first and "ADHD" in first
    # autism: 7 waiting, median 100 days (14.3 weeks), longest 400 days, 3 over 18 weeks
    assert "14.3 weeks" in first and "57.1 weeks" in first
    links = [a.get("href") for a in tables[0].findall(".//{*}a")]
    assert any("which=waiting" in href and "member=autism" in href for href in links)
    before = AuditEntry.objects.filter(verb="read").count()
    listed = client.get(
        reverse("web:nd-waits-children") + "?which=waiting&group=pathway&member=autism"
    )
    page = audit_page(listed)
    assert text_of(page).count("Zebedee") == 7
    assert "Zebedee" not in page.find(".//{*}title").text
    assert AuditEntry.objects.filter(verb="read").count() == before + 1
    referral = made[-1]
    shown = audit_page(client.get(reverse("web:nd-referral", args=[referral.pk])))
    assert "Zebedee" in text_of(shown) and "Zebedee" not in shown.find(".//{*}title").text
    assert AuditEntry.objects.filter(verb="read", child=referral.child).exists()


def test_board_members_see_small_counts_suppressed_and_no_children(client, area):
    la, _, _ = area
    client.force_login(make_user("board_member", la))
    page = audit_page(client.get(reverse("web:nd-waits")))
    first = text_of(page.findall(".//{*}table")[0])
    assert "Fewer than 5" in first  # ADHD: 2 waiting; autism: 3 over 18 weeks
    assert not list(page.findall(".//{*}table")[0].findall(".//{*}a"))
    assert client.get(reverse("web:nd-waits-children")).status_code == 403


def test_health_partners_see_the_figures_other_partners_do_not(client, area):
    la, _, _ = area
    health = make_user("advice_giver", la)
    make_advice_team(la).members.add(health)
    social = make_user("advice_giver", la)
    make_advice_team(la, discipline=AdviceTeam.Discipline.SOCIAL_CARE).members.add(social)
    client.force_login(health)
    assert client.get(reverse("web:nd-waits")).status_code == 200
    client.force_login(social)
    assert client.get(reverse("web:nd-waits")).status_code == 403


def test_another_areas_referral_is_not_found(client, area):
    _, _, made = area
    client.force_login(make_user("service_manager", make_la()))
    assert client.get(reverse("web:nd-referral", args=[made[0].pk])).status_code == 404


def test_hostile_query_values_give_404_or_the_page_not_500(client, area):
    la, _, _ = area
    client.force_login(make_user("team_manager", la))
    assert client.get(reverse("web:nd-waits") + "?pathway=%00<script>").status_code == 200
    url = reverse("web:nd-waits-children")
    assert client.get(url + "?which=everything").status_code == 404
    assert client.get(url + "?group=name").status_code == 404
    assert client.get(url + "?member=%3Cb%3E").status_code == 200


def test_the_page_changes_at_once_after_every_write_though_its_lines_are_kept(client, area):
    """The area's lines are kept between requests (``waits.area_lines``): a step, its
    withdrawal and support recorded each show on the next request."""
    from senda.pathways import support, waits

    la, officer, made = area
    client.force_login(make_user("service_manager", la))

    def autism_waiting() -> str:
        page = audit_page(client.get(reverse("web:nd-waits")))
        row = page.findall(".//{*}table")[0].findall(".//{*}tbody/{*}tr")[0]
        return text_of(row.findall("{*}td")[1])

    assert autism_waiting() == "7"
    kept = waits.area_lines(la.pk)
    assert waits.area_lines(la.pk) is kept  # a repeat reads no lines
    step = actions.record_closure(referral=made[0], on=TODAY, reason="moved", by=officer)
    assert autism_waiting() == "6"
    actions.withdraw_step(step=step, why="Recorded in error", by=officer)
    assert autism_waiting() == "7"
    kept = waits.area_lines(la.pk)
    support.record_support(
        referral=made[1],
        kind="school",
        provider_kind="setting",
        provider="The school",
        starts_on=TODAY,
        by=officer,
    )
    assert waits.area_lines(la.pk) is not kept
