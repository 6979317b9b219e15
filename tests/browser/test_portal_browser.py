"""The portal's journeys in a real browser (issue 13: "Phone first: every portal page fits
375 px; axe finds nothing on the portal journeys"; every journey works without JavaScript).

- An invited SENCo accepts: the public page, a too-short password, then home with the banner.
- A service manager's invitations page: the form, its error state, the list.
- An advice-giver's task list and a request: an empty answer, the answer, the confirmation
  and the feedback question.
- The officer's received tray, a submitted report, returning it (no reason, then a reason).
- A report's files: a file of the wrong type, then a PDF (no scanner here: unscanned).
- A service manager's outbox and one message; the case page's "Who can see this record"
  and "Messages sent".

The journeys are walked in a 375 px window: with JavaScript axe runs on every page, and
each page is measured (nothing scrolls sideways, no file the page asks for fails); without
JavaScript the same journeys are walked and measured (axe needs JavaScript). (axe ran at
1280 px and the window was narrowed for each measure until December 2026: two resizes a
page; axe at 1280 px is tests/browser/test_accessibility.py's.) The SENCo's review journey is
``test_portal_reviews_browser.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from senda.portal import advice, invitations
from senda.portal.models import AdviceRequest, Message, PortalFeedback, ReviewReport, Upload
from tests.browser.helpers import Browser
from tests.factories import Personas, make_personas
from tests.portal.tray_reports import submitted_report
from tests.portal.upload_helpers import pdf

PHONE = 375
DESKTOP = (1280, 1000)
NEW_PASSWORD = "violet harbour lantern seven"

#: The page's width and the files it asked for that failed (as tests/browser/test_phones.py).
MEASURE = """
const failed = performance.getEntriesByType('resource')
  .filter(r => r.responseStatus >= 400).map(r => r.responseStatus + ' ' + r.name);
const root = document.documentElement;
return {width: root.scrollWidth, viewport: root.clientWidth, failed: failed};
"""


class Journey:
    """A browser walking a journey at 375 px: ``look()`` on each page runs axe (with
    JavaScript) and measures the page; what does not fit is collected and asserted at the end."""

    def __init__(self, browser: Browser, *, javascript: bool) -> None:
        self.browser = browser
        self.javascript = javascript
        #: axe-core needs JavaScript in the page; without it the journey is walked and measured.
        self.axe = javascript
        self.too_wide: list[str] = []

    def look(self, expect_title: str | None = None) -> None:
        browser = self.browser
        title = browser.title
        assert not title.startswith(("Page not found", "Sorry", "You do not")), (
            browser.path,
            title,
        )
        if expect_title is not None:
            assert title.startswith(expect_title), (browser.path, title)
        scripted = "js-enabled" in (browser.one("body").get_attribute("class") or "")
        assert scripted == self.javascript, f"JavaScript {'off' if scripted else 'on'}?"
        if self.axe:
            browser.assert_accessible()
        seen = browser.driver.execute_script(MEASURE)
        if seen["width"] > min(PHONE, seen["viewport"]):
            self.too_wide.append(f"{browser.path} ({title}): {seen['width']} px wide")
        self.too_wide += [f"{browser.path}: {failed}" for failed in seen["failed"]]

    def go(self, path: str, expect_title: str | None = None) -> None:
        self.browser.go(path)
        assert self.browser.path == path, (path, self.browser.path)
        self.look(expect_title)

    def done(self) -> None:
        self.browser.driver.get("about:blank")  # nothing still loading when the server stops
        assert not self.too_wide, "Does not fit a 375 px phone:\n" + "\n".join(self.too_wide)


@pytest.fixture(params=["javascript", "no-javascript"])
def journey(
    request: pytest.FixtureRequest, live_server: Any, transactional_db: None
) -> Iterator[Journey]:
    """The journey with JavaScript (axe on every page) and without it. (The live server
    and database are asked for here, before the browser: asked for only through
    ``getfixturevalue`` they are set up in an order that leaves the server's request
    threads a closed database connection.)"""
    if request.param == "javascript":
        browser = request.getfixturevalue("browser")
    else:
        browser = request.getfixturevalue("browser_without_js")
    browser.driver.set_window_size(PHONE, 812)
    yield Journey(browser, javascript=request.param == "javascript")
    browser.driver.set_window_size(*DESKTOP)


@pytest.fixture
def portal(transactional_db, settings: Any, tmp_path: Path) -> Personas:
    """The personas, the SENCo with an email address (returned reports tell them), a media
    folder of the test's own and no virus scanner."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    (tmp_path / "media").mkdir()
    (tmp_path / "uploading").mkdir()
    settings.SENDA_CLAMD_SOCKET = ""
    settings.SENDA_CLAMD_ADDRESS = ""
    settings.SENDA_CLAMSCAN = ""
    personas = make_personas()
    personas.senco.email = "senco@example.org"
    personas.senco.save()
    return personas


def report_of(personas: Personas) -> ReviewReport:
    return submitted_report(personas.case, personas.case_officer, personas.senco)


def choose_radio(browser: Browser, label_start: str) -> None:
    browser.choose(label_start)


def first_error(browser: Browser) -> str:
    """The first error in the summary; each of its links goes to a field of the page."""
    links = browser.error_summary_links()
    assert links, f"no error summary on {browser.path}"
    for link in links:
        target = (link.get_attribute("href") or "").partition("#")[2]
        assert target and browser.all(f"[id='{target}']"), (
            f"{browser.path}: {link.text!r} links to #{target}, which is not on the page"
        )
    return str(links[0].text)


# 1. Invitation accept ----------------------------------------------------------------


def test_an_invited_senco_accepts_and_lands_at_home(journey: Journey, portal: Personas) -> None:
    _invitation, token = invitations.invite(
        la=portal.la,
        email="nia.okafor@example.org",
        name="Nia Okafor",
        by=portal.service_manager,
        setting=portal.setting,
        position="senco",
    )
    browser = journey.browser
    browser.sign_out()
    journey.go(f"/invitations/{token}/", "Your invitation to Senda")
    browser.fill("Create a password", "short1")
    browser.fill("Enter the password again", "short1")
    browser.click_button("Create account")
    journey.look("Error: Your invitation to Senda")
    assert "at least" in first_error(browser).lower()
    browser.fill("Create a password", NEW_PASSWORD)
    browser.fill("Enter the password again", NEW_PASSWORD)
    browser.click_button("Create account")
    assert browser.path == "/"
    assert "You can now use Senda" in browser.notification_banner()
    journey.look()
    user = User.objects.get(username="nia.okafor@example.org")
    assert user.check_password(NEW_PASSWORD)
    browser.sign_out()  # the link works once
    browser.go(f"/invitations/{token}/")
    journey.look()
    assert "used already" in browser.one("main").text
    journey.done()


# 2. Invitations page -------------------------------------------------------------------


def test_a_service_manager_invites_someone(journey: Journey, portal: Personas) -> None:
    invitations.invite(
        la=portal.la,
        email="earlier@example.org",
        name="Sam Earlier",
        by=portal.service_manager,
        team=portal.advice_team,
    )
    browser = journey.browser
    browser.sign_in(portal.service_manager)
    journey.go("/portal/invitations/", "Invite people to the portal")
    assert "earlier@example.org" in browser.one("main").text
    browser.fill("Name", "Robin Adeyemi")
    browser.click_button("Send invitation")
    journey.look("Error: Invite people to the portal")
    assert first_error(browser) == "Enter the person's email address"
    browser.fill("Email address", "robin.adeyemi@example.org")
    browser.select("School or setting", portal.setting.name)
    browser.select("Their position at the school or setting", "SENCo")
    browser.click_button("Send invitation")
    assert browser.path == "/portal/invitations/"
    assert "Invitation sent to robin.adeyemi@example.org" in browser.notification_banner()
    journey.look("Invite people to the portal")
    assert browser.table("Invitations")[0][0] == "Robin Adeyemi\nrobin.adeyemi@example.org"
    assert [h.text for h in browser.all("h2") if h.text == "Invitations"] == []  # the caption
    withdraw = browser.all("table button")[0].get_attribute("textContent")
    assert " ".join(withdraw.split()) == "Withdraw the invitation to robin.adeyemi@example.org"
    journey.go(f"/portal/settings/{portal.setting.pk}/staff/", "Portal staff")
    journey.done()


# 3. Advice requests --------------------------------------------------------------------


def test_an_advice_giver_answers_a_request(journey: Journey, portal: Personas) -> None:
    request = advice.request_advice(
        case=portal.case,
        team=portal.advice_team,
        kind="review",
        question="Please send your advice for the annual review.",
        on=timezone.localdate(),
        by=portal.case_officer,
    )
    browser = journey.browser
    browser.sign_in(portal.advice_giver)
    journey.go("/portal/advice/", "Advice requests")
    journey.go(f"/portal/advice/{request.pk}/files/", "Files")
    browser.go(f"/portal/advice/{request.pk}/")
    journey.look("Request for advice")
    browser.click_button("Send advice to the council")
    journey.look("Error: Request for advice")
    assert first_error(browser) == "Enter your advice, or upload it as a file."
    browser.fill("Your advice", "Speech and language therapy once a week.")
    browser.click_button("Send advice to the council")
    assert browser.path == f"/portal/advice/{request.pk}/"
    assert "Advice sent" in browser.one(".govuk-panel").text
    journey.look("Request for advice")
    request.refresh_from_db()
    assert request.status == AdviceRequest.Status.ANSWERED
    browser.click_button("Send feedback")
    journey.look("Error: Request for advice")
    assert first_error(browser) == "Choose how far you agree"
    choose_radio(browser, "Agree")
    browser.click_button("Send feedback")
    assert "Thank you for your feedback" in browser.notification_banner()
    journey.look("Request for advice")
    assert PortalFeedback.objects.count() == 1
    journey.go("/portal/advice/", "Advice requests")
    journey.done()


def test_an_officer_asks_a_team_for_advice(journey: Journey, portal: Personas) -> None:
    browser = journey.browser
    browser.sign_in(portal.case_officer)
    path = f"/cases/{portal.case.pk}/advice-requests/"
    journey.go(path, "Advice requests")
    browser.click_button("Ask for advice")
    journey.look("Error: Advice requests")
    assert first_error(browser) == "Choose the team to ask"
    browser.select("Team", portal.advice_team.name)
    choose_radio(browser, "Annual review")
    browser.fill("What should the team advise on?", "Their health needs this year.")
    browser.click_button("Ask for advice")
    assert browser.path == path
    assert "has been asked for advice" in browser.notification_banner()
    journey.look("Advice requests")
    assert AdviceRequest.objects.get().team == portal.advice_team
    journey.done()


def test_an_advice_giver_says_they_cannot_give_advice(journey: Journey, portal: Personas) -> None:
    request = advice.request_advice(
        case=portal.case,
        team=portal.advice_team,
        kind="review",
        question="Please send your advice for the annual review.",
        on=timezone.localdate(),
        by=portal.case_officer,
    )
    browser = journey.browser
    browser.sign_in(portal.advice_giver)
    browser.go(f"/portal/advice/{request.pk}/")
    browser.click_button("Tell the council")
    journey.look("Error: Request for advice")
    assert first_error(browser) == "Choose why you cannot give advice"
    choose_radio(browser, "Our advice from last year still stands")
    browser.click_button("Tell the council")
    assert "Reply sent" in browser.one(".govuk-panel").text
    journey.look("Request for advice")
    request.refresh_from_db()
    assert request.status == AdviceRequest.Status.DECLINED
    journey.done()


# 4. The received tray ------------------------------------------------------------------


def test_an_officer_returns_a_report_with_a_reason(journey: Journey, portal: Personas) -> None:
    report = report_of(portal)
    browser = journey.browser
    browser.sign_in(portal.case_officer)
    journey.go("/portal/tray/", "Received tray")
    journey.go(f"/portal/tray/{report.pk}/", f"Review report {report.pk}")
    journey.go(f"/portal/tray/{report.pk}/log/", f"Log review report {report.pk}")
    journey.go(f"/portal/tray/{report.pk}/return/", f"Return review report {report.pk}")
    browser.go(f"/portal/tray/{report.pk}/")  # the report page's own form, with no reason
    browser.click_button("Return to the setting")
    assert browser.path == f"/portal/tray/{report.pk}/return/"
    journey.look(f"Error: Return review report {report.pk}")
    assert first_error(browser) == "Enter why you are returning the report"
    browser.fill(
        "Why are you returning the report?", "Please add the parents' views and send it again."
    )
    browser.click_button("Return to the setting")
    assert browser.path == "/portal/tray/"
    assert "returned to the setting" in browser.notification_banner()
    journey.look("Received tray")
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.RETURNED
    browser.sign_in(portal.senco)  # the setting sees it back, with the reason
    journey.go("/portal/", "Annual reviews")
    journey.go(f"/portal/reviews/{portal.case.pk}/", "Annual review")
    assert "Please add the parents' views" in browser.one("main").text
    journey.done()


def test_an_officer_records_the_plans_outcomes_and_advice_incorporated(
    journey: Journey, portal: Personas
) -> None:
    report_of(portal)  # the case has a plan
    browser = journey.browser
    browser.sign_in(portal.case_officer)
    path = f"/cases/{portal.case.pk}/plan-outcomes/"
    journey.go(path, "Outcomes of the plan")
    browser.click_button("Save outcomes")
    journey.look("Error: Outcomes of the plan")
    assert first_error(browser) == "Enter at least one outcome"
    browser.select("Area of outcome 1", "Communication and interaction")
    browser.fill("Outcome 1", "Talks with two friends at lunchtime by July.")
    browser.click_button("Save outcomes")
    assert browser.path == path
    assert "outcomes are saved" in browser.notification_banner()
    journey.look("Outcomes of the plan")
    path = f"/cases/{portal.case.pk}/advice-incorporated/"
    journey.go(path, "Advice incorporated in the plan")
    browser.click_button("Save")
    journey.look("Error: Advice incorporated in the plan")
    assert first_error(browser) == "Choose which issue of the plan"
    choose_radio(browser, "Issued")
    browser.check("Health advice")
    browser.click_button("Save")
    assert browser.path == path
    assert "is recorded" in browser.notification_banner()
    journey.look("Advice incorporated in the plan")
    journey.done()


def test_an_officer_records_support_for_a_setting(journey: Journey, portal: Personas) -> None:
    browser = journey.browser
    browser.sign_in(portal.case_officer)
    path = f"/returns/{portal.setting.pk}/"
    journey.go(path, portal.setting.name)
    browser.click_button("Record contact")
    journey.look(f"Error: {portal.setting.name}")
    assert first_error(browser) == "Choose the kind of contact"
    choose_radio(browser, "Visit")
    today = timezone.localdate()
    browser.fill_date("Date of the contact", today.day, today.month, today.year)
    browser.click_button("Record contact")
    assert browser.path.partition("#")[0] == path
    assert "The contact is recorded" in browser.notification_banner()
    journey.look(portal.setting.name)
    journey.done()


# 5. A report's files -------------------------------------------------------------------


def test_a_senco_uploads_a_file_to_a_report(
    journey: Journey, portal: Personas, tmp_path: Path
) -> None:
    report = report_of(portal)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("Not a PDF at all.\n")
    right = tmp_path / "views.pdf"
    right.write_bytes(pdf())
    browser = journey.browser
    browser.sign_in(portal.senco)
    path = f"/portal/reports/{report.pk}/files/"
    journey.go(path, "Files")
    choose_radio(browser, "The parents' or carers' views")
    browser.one("input[type=file]").send_keys(str(wrong))
    browser.click_button("Upload file")
    journey.look("Error: Files")
    assert first_error(browser) == (
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG"
    )
    assert not Upload.objects.exists()
    choose_radio(browser, "The parents' or carers' views")
    browser.one("input[type=file]").send_keys(str(right))
    browser.click_button("Upload file")
    assert browser.path == path
    assert "views.pdf has been uploaded" in browser.notification_banner()
    journey.look("Files")
    upload = Upload.objects.get()
    assert (upload.report_id, upload.purpose) == (report.pk, "parent_views")
    assert browser.table("Files added")[0][0] == "views.pdf"
    journey.done()


# 6 and 7. The outbox and the case page -------------------------------------------------


def test_the_outbox_and_the_case_pages_portal_sections(journey: Journey, portal: Personas) -> None:
    from senda.portal.tray import return_report

    report = report_of(portal)
    return_report(report=report, reason="Please add the parents' views.", by=portal.case_officer)
    advice.request_advice(
        case=portal.case,
        team=portal.advice_team,
        kind="review",
        question="Please send your advice.",
        on=timezone.localdate(),
        by=portal.case_officer,
    )
    invitations.invite(
        la=portal.la,
        email="new.head@example.org",
        name="Kit Morgan",
        by=portal.service_manager,
        setting=portal.setting,
        position="head",
    )
    message = Message.objects.filter(case=portal.case).order_by("pk").first()
    assert message is not None
    browser = journey.browser
    browser.sign_in(portal.service_manager)
    journey.go("/portal/outbox/", "Outbox")
    journey.go(f"/portal/outbox/{message.pk}/", "Message")
    browser.sign_in(portal.case_officer)
    journey.go(f"/cases/{portal.case.pk}/")
    main = browser.one("main").text
    assert "Who can see this record" in main
    assert "Messages sent" in main
    journey.done()
