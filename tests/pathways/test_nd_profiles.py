"""The ND needs profile (issue 18): the configurable form, drafts, submission and amendment
kept as appended records, a referral naming its profile, the profiles' sampled quality
audit, the three KPIs computed from them, and the families' view of the pathway. One
module, one area built once per test (small)."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.pathways import actions
from senda.pathways import measures as pathway_measures
from senda.pathways.family import family_view
from senda.portal import profiles
from senda.portal.family_status import jargon_in
from senda.portal.models import ProfileAnswer, ProfilePilot, ProfileQuestion
from senda.quality import measures as quality_measures
from senda.quality.models import Criterion
from senda.quality.profiles import grade_profile, sample_profiles
from tests.factories import make_child, make_la, make_setting, make_user
from tests.pathways.factories import TODAY, referral
from tests.web.page_audit import audit_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    la = make_la()
    school, other = make_setting(la), make_setting(la)
    child = make_child(la, setting=school)
    senco = make_user("senco", la, setting=school)
    return la, school, other, child, senco


def completed(child, senco, on=date(2026, 1, 10)):
    profile = profiles.start_profile(child=child, by=senco, today=on)
    questions = ProfileQuestion.objects.filter(section__la=child.la)
    profiles.save_answers(
        profile=profile, answers={q.pk: f"Answer {q.pk}" for q in questions}, by=senco
    )
    return profiles.submit_profile(profile=profile, by=senco, today=on)


def test_a_profile_is_drafted_submitted_and_amended_keeping_every_answer(area):
    la, _school, other, child, senco = area
    draft = profiles.start_profile(child=child, by=senco, today=TODAY)
    assert profiles.start_profile(child=child, by=senco, today=TODAY) == draft  # one draft
    sections = profiles.form_of(la.pk)
    assert len(sections) == len(profiles.DEFAULT_FORM)  # the default form was installed
    first = sections[0].questions[0]
    profiles.save_answers(profile=draft, answers={first.pk: "Plays alone"}, by=senco)
    profiles.save_answers(profile=draft, answers={first.pk: "Plays alone at break"}, by=senco)
    assert ProfileAnswer.objects.filter(profile=draft).count() == 2  # appended, not changed
    assert profiles.current_answers(draft)[first.pk].text == "Plays alone at break"
    with pytest.raises(ActionError) as refused:
        profiles.submit_profile(profile=draft, by=senco, today=TODAY)
    required = [q for s in sections for q in s.questions if q.required and q != first]
    assert [field for field, _ in refused.value.errors] == [f"q{q.pk}" for q in required]
    assert len(required) > 1 and all("before submitting" in m for _, m in refused.value.errors)
    submitted = completed(child, senco, on=TODAY)
    assert submitted.pk == draft.pk and submitted.submitted_on == TODAY
    with pytest.raises(ActionError):
        profiles.save_answers(profile=submitted, answers={first.pk: "x"}, by=senco)
    amended = profiles.amend_profile(profile=submitted, why="New views", by=senco, today=TODAY)
    assert amended.supersedes == submitted and amended.is_draft
    assert profiles.current_answers(amended)[first.pk].text.startswith("Answer")
    assert AuditEntry.objects.filter(summary__startswith=f"needs profile {draft.pk}").exists()
    # staff of another setting may not
    stranger = make_user("senco", la, setting=other)
    with pytest.raises(ActionError):
        profiles.start_profile(child=child, by=stranger, today=TODAY)
    assert profiles.profile_for(stranger, draft.pk) is None
    # the form is edited in the admin (sections with their questions inline; never deleted)
    root = User.objects.create_superuser("root-profiles", password="x")
    admin = Client()
    admin.force_login(root)
    section = first.section
    assert admin.get(f"/admin/portal/profilesection/{section.pk}/change/").status_code == 200
    assert admin.get(f"/admin/portal/profilesection/{section.pk}/delete/").status_code == 403


def test_a_referral_names_its_profile_and_the_kpis_count_from_records(area):
    la, school, other, child, senco = area
    officer = make_user("case_officer", la)
    profile = completed(child, senco, on=date(2026, 1, 10))
    with pytest.raises(ActionError):  # a profile submitted after the referral
        actions.record_referral(
            child=child,
            pathway="autism",
            referred_on=date(2026, 1, 9),
            source="school",
            profile=profile,
            by=officer,
            today=TODAY,
        )
    named = actions.record_referral(
        child=child,
        pathway="autism",
        referred_on=date(2026, 1, 20),
        source="school",
        setting=school,
        profile=profile,
        by=officer,
        today=TODAY,
    )
    bare = actions.record_referral(
        child=make_child(la, setting=other),
        pathway="adhd",
        referred_on=date(2026, 1, 21),
        source="school",
        setting=other,
        by=officer,
        today=TODAY,
    )
    referral(child, officer, on=date(2026, 1, 22), pathway="salt")  # no setting: not counted
    ProfilePilot.objects.create(la=la, setting=school, joined_on=date(2025, 9, 1))
    ProfilePilot.objects.create(la=la, setting=other, joined_on=date(2025, 9, 1))
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    before = pathway_measures.count("nd-profile-before-referral", la, start, end, TODAY)
    assert (before.counted, before.missed) == ((named.pk,), (bare.pk,))
    using = pathway_measures.count("nd-profile-settings-using", la, start, end, TODAY)
    assert (using.counted, using.missed, using.of) == ((school.pk,), (other.pk,), "setting")
    # the sampled audit: graded on the framework's criteria, meets the standard when Good+
    lead = make_user("qa_auditor", la)
    [item] = sample_profiles(la=la, count=3, by=lead, seed=7, today=TODAY)
    assert item.profile == profile and "seed 7" in item.reason
    criteria = Criterion.objects.filter(domain__framework=item.framework)
    graded = grade_profile(
        audit=item,
        judgements={c.pk: ("met", "") for c in criteria},
        feedback="",
        by=lead,
        today=TODAY,
    )
    assert graded.meets_standard is True
    with pytest.raises(ActionError):  # graded once
        grade_profile(audit=item, judgements={}, feedback="", by=lead, today=TODAY)
    quality = quality_measures.count("nd-profiles-meeting-standard", la, start, end, TODAY)
    assert (quality.counted, quality.missed) == ((item.pk,), ())


def test_families_read_the_pathway_in_plain_english(area):
    la, _school, _other, child, _senco = area
    officer = make_user("case_officer", la)
    waiting = referral(child, officer, on=date(2025, 6, 2), accepted=date(2025, 7, 1))
    view = family_view(waiting, TODAY, "parent")
    assert view.heading == "Waiting for an autism assessment"
    assert "39 weeks" in view.text
    done = referral(
        child,
        officer,
        on=date(2025, 1, 6),
        pathway="adhd",
        accepted=date(2025, 2, 3),
        assessed=date(2025, 9, 1),
    )
    actions.record_outcome(
        referral=done, on=date(2025, 10, 1), outcome="diagnosed", by=officer, today=TODAY
    )
    done.refresh_from_db()
    for voice in ("parent", "young person"):
        for found in (family_view(waiting, TODAY, voice), family_view(done, TODAY, voice)):
            words = " ".join([found.heading, found.text, *(w for _, w in found.steps)])
            assert jargon_in(words) == [], words
    parent = make_user("parent", la, child=child)
    client = Client()
    client.force_login(parent)
    page = client.get(reverse("web:family-assessments"))
    text = page.content.decode()
    assert page.status_code == 200 and "Assessment done" in text and "Local Offer" in text
    assert AuditEntry.objects.filter(user=parent, verb="read", child_id=child.pk).exists()
    # someone who may not see the child sees none of it
    other_parent = make_user("parent", la, child=make_child(la))
    client.force_login(other_parent)
    assert "Assessment done" not in client.get(reverse("web:family-assessments")).content.decode()


def test_the_school_completes_a_profile_in_the_portal(area):
    la, _school, _other, child, senco = area
    client = Client()
    client.force_login(senco)
    started = client.post(reverse("web:portal-profiles"), {"child": child.pk})
    assert started.status_code == 302
    url = started["Location"]
    page = client.get(url)
    assert page.status_code == 200 and "Submit the profile" in page.content.decode()
    refused = client.post(url, {"submit": "1"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    questions = ProfileQuestion.objects.filter(section__la=la)
    # every missing answer is in the error summary, each linking to its question
    page = audit_page(refused)
    summary = next(e for e in page.iter() if e.get("class") == "govuk-error-summary")
    links = [a.get("href") for a in summary.findall(".//{*}a")]
    assert links == [f"#id_q{q.pk}" for q in questions.filter(required=True)], links
    answers = {f"q{q.pk}": "Seen in class" for q in questions}
    assert client.post(url, {**answers, "submit": "1"}).status_code == 302
    assert "Amend the profile" in client.get(url).content.decode()
