"""The demo's families and disagreements (issue 14): the ``parent`` and ``young-person``
personas' journeys have their data, and the area holds complaints, mediation, appeals,
surveys and recommendations whose dates follow the cases' own events."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth.models import User
from django.core.files.storage import default_storage

from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    CaseEvent,
    Complaint,
    DeadlineRow,
    Mediation,
    RootCauseReview,
)
from senda.clock.rights import is_young_person
from senda.demo.build import Built
from senda.demo.families import COMMENTS, fitting_action, tiny_pdf
from senda.improvement.models import Feedback, Recommendation
from senda.people.families import family_children
from senda.people.family_actions import withdraw_delegation
from senda.people.models import Delegation, FamilyContact, Membership, Role
from senda.portal.feedback_summary import term_of
from senda.portal.feedback_themes import THEMES
from senda.portal.models import FamilyViews, FeedbackSummary, SharedDocument, SurveyResponse
from senda.portal.surveys import open_events
from senda.portal.uploads import PDF, detect
from tests.demo.conftest import TODAY


def _parent_cases() -> list:
    contacts = FamilyContact.objects.filter(user__username="parent").select_related("child")
    return [contact.child.cases.get() for contact in contacts]


def test_the_parent_has_two_children_a_review_coming_and_a_draft_to_comment_on(
    area: Built,
) -> None:
    parent = User.objects.get(username="parent")
    assert (parent.membership.role, parent.membership.la) == (Role.PARENT, area.la)
    contacts = FamilyContact.objects.filter(user=parent)
    assert contacts.count() == 2
    assert all(c.parental_responsibility for c in contacts)
    assert len({c.child.family_name for c in contacts}) == 1  # siblings
    reviews, drafts = [], []
    for case in _parent_cases():
        assert not is_young_person(case.child.date_of_birth, TODAY)  # the parent holds the rights
        rows = DeadlineRow.objects.filter(case=case, done__isnull=True)
        reviews += rows.filter(rule="annual-review", due__gt=TODAY, due__lte=TODAY + timedelta(42))
        drafts += rows.filter(rule="draft-comment-period", due__gte=TODAY)
    assert len(reviews) == 1 and len(drafts) == 1
    review_case = reviews[0].case
    assert review_case.plans.live(TODAY).exists()
    assert not FamilyViews.objects.filter(case=review_case).exists()  # views still to give
    draft = CaseEvent.objects.current().get(case=drafts[0].case, type="draft_plan_issued")
    assert TODAY - timedelta(10) <= draft.on < TODAY
    assert not CaseEvent.objects.filter(case=drafts[0].case, type="final_plan_issued").exists()


def test_the_parent_can_open_shared_plan_documents(area: Built) -> None:
    cases = _parent_cases()
    shared = SharedDocument.objects.filter(case__in=cases).select_related("upload")
    assert {d.kind for d in shared} == {"plan", "draft"}
    for document in shared:
        upload = document.upload
        assert upload.can_open and upload.scan == "clean"
        with default_storage.open(upload.file.name, "rb") as handle:
            assert detect(handle) == PDF
            assert handle.seek(0, 2) == upload.size


def test_the_young_person_is_17_with_a_live_plan_and_lets_their_parent_see(area: Built) -> None:
    user = User.objects.get(username="young-person")
    assert (user.membership.role, user.membership.la) == (Role.YOUNG_PERSON, area.la)
    own = FamilyContact.objects.get(user=user)
    child = own.child
    assert own.is_young_person and not own.parental_responsibility
    age = (TODAY - child.date_of_birth).days // 365.25
    assert age == 17 and is_young_person(child.date_of_birth, TODAY)
    assert child.cases.get().plans.live(TODAY).exists()
    delegation = Delegation.objects.get(child=child)
    assert delegation.scope == Delegation.Scope.SEE and delegation.withdrawn_on is None
    assert delegation.granted_by == user and delegation.granted_on <= TODAY
    assert delegation.contact != own and delegation.contact.child == child


def test_the_young_persons_parent_sees_the_record_only_while_it_is_shared(area: Built) -> None:
    young = User.objects.get(username="young-person")
    child = FamilyContact.objects.get(user=young).child
    parent = User.objects.get(username="young-persons-parent")
    assert (parent.membership.role, parent.membership.la) == (Role.PARENT, area.la)
    contact = FamilyContact.objects.get(user=parent)
    assert contact.child == child and contact.parental_responsibility
    assert not contact.is_young_person
    delegation = Delegation.objects.get(child=child)
    assert delegation.contact == contact and delegation.scope == Delegation.Scope.SEE
    assert list(family_children(parent, TODAY)) == [child]
    withdraw_delegation(delegation=delegation, by=young, today=TODAY)
    assert not family_children(parent, TODAY).exists()  # the young person stopped sharing
    assert list(family_children(young, TODAY)) == [child]  # still theirs


def test_a_family_persona_has_a_survey_to_answer(area: Built) -> None:
    young = User.objects.get(username="young-person")
    case = FamilyContact.objects.get(user=young).child.cases.get()
    offers = open_events(young, case, TODAY)
    assert offers, "the young person's review meeting (or plan) is within the survey's days"
    assert all(offer.event.on <= TODAY <= offer.closes_on for offer in offers)
    assert not SurveyResponse.objects.filter(case=case).exists()
    parent = User.objects.get(username="young-persons-parent")
    assert open_events(parent, case, TODAY)  # while the record is shared with them


def test_family_accounts_have_memberships_in_their_area(area: Built) -> None:
    contacts = FamilyContact.objects.filter(child__la=area.la, user__isnull=False)
    assert contacts.count() > 2
    assert (
        not Membership.objects.filter(
            user__in=contacts.values("user"), role__in=[Role.PARENT, Role.YOUNG_PERSON]
        )
        .exclude(la=area.la)
        .exists()
    )


def test_complaints_reach_both_stages_on_time_and_late(area: Built) -> None:
    complaints = Complaint.objects.filter(case__la=area.la)
    assert complaints.filter(stage=1).exists()
    assert complaints.filter(stage__gte=2, escalated_on__isnull=False).exists()
    assert complaints.filter(ombudsman_on__isnull=False).exists()
    assert {"review_timeliness", "plan_updates"} <= set(
        complaints.values_list("category", flat=True)
    )
    assert complaints.exclude(learning="").exists()
    answered = [c for c in complaints if c.stage1_responded_on]
    gaps = {(c.stage1_responded_on - c.received_on).days <= 14 for c in answered}
    assert gaps == {True, False}  # some on time, some late
    for c in complaints:
        steps = [c.received_on, c.stage1_responded_on, c.escalated_on, c.stage2_responded_on]
        done = [d for d in steps if d is not None]
        assert done == sorted(done) and done[-1] <= TODAY


def test_appeals_at_every_stage_with_orders_costs_and_reviews(area: Built) -> None:
    appeals = Appeal.objects.filter(case__la=area.la)
    open_ = appeals.filter(outcome="")
    assert open_.filter(registered_on__isnull=True).exists()  # lodged
    assert open_.filter(registered_on__isnull=False, response_on__isnull=True).exists()
    assert open_.filter(response_on__isnull=False, hearing_on__isnull=True).exists()
    assert open_.filter(hearing_on__gt=TODAY).exists()
    assert appeals.filter(concession=Appeal.Concession.BEFORE_RESPONSE).exists()
    outcomes = set(appeals.values_list("outcome", flat=True))
    assert {"allowed", "allowed_in_part", "dismissed", "withdrawn", "conceded"} <= outcomes
    assert AppealCost.objects.filter(appeal__in=appeals).values("line").distinct().count() >= 4
    orders = AppealOrder.objects.filter(appeal__in=appeals)
    assert orders.filter(done_on__isnull=False).exists()
    assert RootCauseReview.objects.filter(appeal__in=appeals).exists()
    for appeal in appeals:
        events = CaseEvent.objects.filter(case=appeal.case, on=appeal.decision_on)
        assert events.exists()  # the decision appealed is the case's own
        steps = [appeal.decision_on, appeal.lodged_on, appeal.registered_on, appeal.response_on]
        done = [d for d in steps if d is not None]
        assert done == sorted(done) and done[-1] <= TODAY
        assert appeal.decided_on is None or appeal.decided_on <= TODAY
        if appeal.mediation is not None:  # the certificate lets the family appeal
            assert appeal.mediation.certificate_on <= appeal.lodged_on


def test_mediation_at_every_step(area: Built) -> None:
    mediations = Mediation.objects.filter(case__la=area.la)
    assert mediations.filter(choice="").exists()  # spoke to the adviser
    assert mediations.filter(certificate=Mediation.Certificate.DECLINED).exists()
    assert mediations.filter(choice="mediate", notice_on__isnull=True).exists()
    assert mediations.filter(meeting_on__gt=TODAY).exists()  # arranged
    assert mediations.filter(certificate=Mediation.Certificate.AFTER).exists()
    assert mediations.filter(certificate=Mediation.Certificate.DEEMED).exists()
    for m in mediations:
        steps = [m.decision_on, m.adviser_contacted_on, m.la_told_on, m.notice_on]
        done = [d for d in steps if d is not None]
        assert done == sorted(done)
        assert m.certificate_on is None or m.certificate_on <= TODAY
        if m.meeting_on is not None and m.la_told_on is not None:
            assert m.notice_on <= m.meeting_on


def test_survey_answers_last_term_and_its_summary(area: Built) -> None:
    last = term_of(TODAY).previous()
    starts, ends = last.starts, last.ends
    last_term = SurveyResponse.objects.filter(la=area.la, answered_on__range=(starts, ends))
    assert last_term.count() >= 5
    assert last_term.exclude(comment="").exclude(themes=[]).exists()
    for response in last_term.select_related("event"):
        assert response.event.case_id == response.case_id
        assert response.event.on <= response.answered_on
    summary = FeedbackSummary.objects.get(la=area.la)
    assert (summary.term_starts, summary.term_ends) == (starts, ends)
    assert summary.figures["responses"] == last_term.count()


def test_comments_are_varied_and_not_repeated_within_a_term(area: Built) -> None:
    assert len(COMMENTS) >= 40 and len({c for c, _ in COMMENTS}) == len(COMMENTS)
    assert {t for _, themes in COMMENTS for t in themes} == set(THEMES)
    for term in (term_of(TODAY), term_of(TODAY).previous()):
        given = list(
            SurveyResponse.objects.filter(la=area.la, answered_on__range=(term.starts, term.ends))
            .exclude(comment="")
            .values_list("comment", flat=True)
        )
        assert given
        rounds = -(-len(given) // len(COMMENTS))  # a comment again only once all are given
        assert max(Counter(given).values()) <= rounds


def test_recommendations_lead_to_actions_and_you_said_we_did(area: Built) -> None:
    recommendations = Recommendation.objects.filter(plan__la=area.la)
    assert recommendations.count() >= 2
    assert all(r.action_id for r in recommendations)
    done = recommendations.get(implemented_on__isnull=False)
    assert Feedback.objects.filter(recommendation=done).exclude(we_did="").exists()
    fits = {"timeliness": ("annual review",), "provision_unspecified": ("quality", "specific")}
    for recommendation in recommendations.select_related("action"):
        title = " ".join(recommendation.action.what.lower().split())
        assert any(word in title for word in fits[recommendation.theme]), title
        assert "tribunal" not in title


def test_a_recommendation_with_no_fitting_action_links_none() -> None:
    actions = [SimpleNamespace(what="Review learning from tribunal  appeals.")]
    assert fitting_action(actions, ("annual review",)) is None  # type: ignore[arg-type]
    actions.append(SimpleNamespace(what="Clear the backlog of overdue annual\n reviews."))
    assert fitting_action(actions, ("annual review",)) is actions[1]  # type: ignore[arg-type]


def test_tiny_pdf_is_a_pdf() -> None:
    content = tiny_pdf("Title (x)", ["a line"])
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")


def test_the_wipe_empties_every_table_of_the_rooms_it_names() -> None:
    """A new model in people, casework, portal, improvement, quality, governance, retention
    or disclosure is wiped too, or a rebuild would leave its rows pointing at deleted ones."""
    from django.apps import apps

    from senda.demo.wipe import WIPED

    wiped = {model._meta.label for model in WIPED}
    for app in (
        "people",
        "casework",
        "portal",
        "improvement",
        "quality",
        "governance",
        "retention",
        "disclosure",
    ):
        for model in apps.get_app_config(app).get_models():
            assert model._meta.label in wiped, model._meta.label


# A rebuild leaves one copy of the families' records: tests/demo/test_build.py
# (test_it_builds_the_same_area_again_and_wipes_the_old_one, ``families_fingerprint``).
