"""Views before a review: the family's "all about me" and parent's views pages, who may
open them, and the setting's review page that shows them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import FamilyContact
from senda.portal.models import FamilyViews
from tests.factories import make_user
from tests.portal.family_fixtures import other_family, review_due
from tests.portal.upload_helpers import big_pdf, media, pdf  # noqa: F401 (fixture)

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def on_today(today_is):
    today_is(TODAY)


def url(case, about: str = "") -> str:
    found = reverse("web:family-views", kwargs={"case_id": case.pk})
    return f"{found}?about={about}" if about else found


def test_a_parent_gives_the_childs_views_and_the_read_is_audited(client, personas):
    review_due(personas.case, date(2026, 9, 1))
    client.force_login(personas.parent)
    page = client.get(url(personas.case))
    html = page.content.decode()
    assert page.status_code == 200 and "good at" in html
    assert "1 September 2026" in html
    assert AuditEntry.objects.filter(verb="read", user=personas.parent).exists()
    answers = {"about": "child", "like": "Trains", "helps": "Quiet room", "helped_by": "Dad"}
    response = client.post(url(personas.case), answers, follow=True)
    assert "Your views are saved" in response.content.decode()
    views = FamilyViews.objects.get()
    assert views.answers == {"like": "Trains", "helps": "Quiet room"}
    assert (views.helped_by, views.review_due_on, views.about) == ("Dad", date(2026, 9, 1), "child")


def test_a_parent_gives_their_own_views_with_a_file(client, personas, media):  # noqa: F811
    client.force_login(personas.parent)
    assert "What worries you" in client.get(url(personas.case, "parent")).content.decode()
    upload = SimpleUploadedFile("letter.pdf", pdf(), content_type="application/pdf")
    response = client.post(url(personas.case), {"about": "parent", "file": upload})
    assert response.status_code == 302
    views = FamilyViews.objects.get()
    assert views.about == "parent" and views.upload.purpose == "parent_views"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"about": "child"}, "Answer at least one question, or upload a file"),
        ({"about": "child", "like": "x" * 6000}, "5,000 characters or fewer"),
        ({"about": "child", "helped_by": "x" * 101}, "100 characters or fewer"),
    ],
)
def test_hostile_or_empty_answers_get_a_form_error(client, personas, data, message):
    client.force_login(personas.parent)
    response = client.post(url(personas.case), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not FamilyViews.objects.exists()


def test_a_bad_file_gets_its_message(client, personas, media):  # noqa: F811
    client.force_login(personas.parent)
    upload = SimpleUploadedFile("x.pdf", b"not really", content_type="application/pdf")
    response = client.post(url(personas.case), {"about": "child", "file": upload})
    assert "must be a PDF" in response.content.decode()
    assert not FamilyViews.objects.exists()


def test_another_family_and_staff_get_404(client, personas):
    for user in (other_family(personas), personas.case_officer, personas.senco):
        client.force_login(user)
        assert client.get(url(personas.case)).status_code == 404
        assert client.post(url(personas.case), {"about": "child", "like": "x"}).status_code == 404
    assert not FamilyViews.objects.exists()


def test_a_family_member_who_only_sees_is_told_and_cannot_write(client, personas):
    FamilyContact.objects.filter(user=personas.parent).update(parental_responsibility=False)
    client.force_login(personas.parent)
    assert (
        "only a parent with parental responsibility"
        in client.get(url(personas.case)).content.decode()
    )
    response = client.post(url(personas.case), {"about": "child", "like": "x"})
    assert response.status_code == 200 and not FamilyViews.objects.exists()


def test_the_senco_sees_the_familys_views_on_the_review_page(client, personas):
    client.force_login(personas.parent)
    client.post(url(personas.case), {"about": "child", "like": "Trains", "helped_by": "Dad"})
    client.force_login(personas.senco)
    html = client.get(
        reverse("web:portal-review", kwargs={"case_id": personas.case.pk})
    ).content.decode()
    assert "The family's views" in html
    assert "Trains" in html and "Dad" in html


def test_script_in_an_answer_is_shown_as_text(client, personas):
    client.force_login(personas.parent)
    client.post(url(personas.case), {"about": "child", "like": "<script>alert(1)</script>"})
    client.force_login(personas.senco)
    html = client.get(
        reverse("web:portal-review", kwargs={"case_id": personas.case.pk})
    ).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_review_page_says_when_there_are_no_views(client, personas):
    client.force_login(personas.senco)
    html = client.get(
        reverse("web:portal-review", kwargs={"case_id": personas.case.pk})
    ).content.decode()
    assert "has not given their views" in html


def test_the_familys_case_page_links_their_pages_and_staffs_does_not(client, personas):
    page = reverse("web:case-detail", kwargs={"case_id": personas.case.pk})
    client.force_login(personas.parent)
    html = client.get(page, follow=True).content.decode()  # "Where we are"
    for name in ("family-messages", "family-complaint"):  # the survey only when open
        assert reverse(f"web:{name}", kwargs={"case_id": personas.case.pk}) in html
    client.force_login(personas.senco)
    assert url(personas.case) not in client.get(page).content.decode()


@pytest.mark.parametrize(
    "name", ["family-views", "family-draft", "family-messages", "family-complaint"]
)
def test_the_family_pages_read_at_about_age_nine(client, personas, name):
    """Flesch-Kincaid grade 5 or below for each page's sentences (its paragraphs), as the
    other family pages; with a draft open and a message waiting, so every part shows."""
    import re

    import textstat

    from senda.portal import family_voice as voice
    from tests.portal.family_fixtures import issue

    issue(personas.case, "draft_plan_issued", TODAY, personas.case_officer)
    voice.send_family_message(case=personas.case, body="Hello.", by=personas.parent)
    client.force_login(personas.parent)
    html = client.get(reverse(f"web:{name}", kwargs={"case_id": personas.case.pk})).content
    main = html.decode().split("<main")[1].split("</main>")[0]
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", main, flags=re.S)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(paragraphs)))
    assert textstat.flesch_kincaid_grade(words) <= 5, words


def test_the_childs_setting_and_the_uploader_open_the_views_file(
    client,
    personas,
    media,  # noqa: F811
):
    from tests.factories import make_setting

    client.force_login(personas.parent)
    upload = SimpleUploadedFile("drawing.pdf", pdf(), content_type="application/pdf")
    client.post(url(personas.case), {"about": "child", "file": upload})
    views = FamilyViews.objects.get()
    file_url = reverse("web:file", kwargs={"upload_id": views.upload_id})
    assert client.get(file_url).status_code == 200  # the parent who uploaded it
    client.force_login(personas.senco)
    review = reverse("web:portal-review", kwargs={"case_id": personas.case.pk})
    assert file_url in client.get(review).content.decode()
    assert client.get(file_url).status_code == 200
    for user in (
        other_family(personas),
        make_user("senco", personas.la, setting=make_setting(personas.la)),
        personas.advice_giver,
    ):
        client.force_login(user)
        assert client.get(file_url).status_code == 404


def test_an_oversize_file_is_a_form_error_and_nothing_is_saved(
    client,
    personas,
    media,  # noqa: F811
    settings,
):
    settings.SENDA_UPLOAD_MAX_MB = 1
    client.force_login(personas.parent)
    big = SimpleUploadedFile("big.pdf", big_pdf(int(1.5 * 2**20)), content_type="application/pdf")
    data = {"about": "child", "like": "Trains", "file": big}
    response = client.post(url(personas.case), data)
    html = response.content.decode()
    assert "The selected file must be smaller than 1MB" in html
    assert "Your views are saved" not in html
    assert not FamilyViews.objects.exists()


def test_the_upload_hint_says_the_limit_and_the_types(client, personas):
    client.force_login(personas.parent)
    html = client.get(url(personas.case)).content.decode()
    assert "PDF, Word document (DOCX), JPG or PNG" in html and "smaller than 20MB" in html


def test_saving_the_parents_views_comes_back_to_the_parents_page(client, personas):
    client.force_login(personas.parent)
    data = {"about": "parent", "worries": "Mornings"}
    response = client.post(url(personas.case, "parent"), data)
    assert response.status_code == 302 and response.url.endswith("?about=parent")
    page = client.get(response.url).content.decode()
    assert "Your views are saved" in page and "Mornings" in page


def test_council_staff_see_the_familys_latest_views_on_the_case_page(
    client,
    personas,
    media,  # noqa: F811
):
    client.force_login(personas.parent)
    client.post(url(personas.case), {"about": "child", "like": "Lego", "helped_by": "Dad"})
    upload = SimpleUploadedFile("letter.pdf", pdf(), content_type="application/pdf")
    client.post(url(personas.case), {"about": "child", "like": "Trains", "helped_by": "Dad"})
    client.post(url(personas.case), {"about": "parent", "worries": "Mornings", "file": upload})
    client.force_login(personas.case_officer)
    case_page = reverse("web:case-detail", kwargs={"case_id": personas.case.pk})
    before = AuditEntry.objects.filter(verb="read", user=personas.case_officer).count()
    html = client.get(case_page).content.decode()
    assert "The family's views" in html
    assert "Trains" in html and "Lego" not in html  # the latest of each kind
    assert "Mornings" in html and "Dad" in html and "1 June 2026" in html
    assert AuditEntry.objects.filter(verb="read", user=personas.case_officer).count() > before
    views = FamilyViews.objects.get(about="parent")
    file_url = reverse("web:file", kwargs={"upload_id": views.upload.pk})
    assert file_url in html
    assert client.get(file_url).status_code == 200


@pytest.mark.parametrize(
    "name", ["family-views", "family-draft", "family-messages", "family-complaint"]
)
def test_the_family_pages_lead_back_to_where_we_are_not_the_staff_page(client, personas, name):
    client.force_login(personas.parent)
    args = {"case_id": personas.case.pk}
    html = client.get(reverse(f"web:{name}", kwargs=args)).content.decode()
    assert f'href="{reverse("web:family-case", kwargs=args)}"' in html
    assert reverse("web:case-detail", kwargs=args) not in html
