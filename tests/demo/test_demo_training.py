"""The demo's training register (``senda.demo.training``): people, courses, sessions and
surveys, and the workforce KPIs computed from them by the demo's tick."""

from __future__ import annotations

from senda.demo.build import Built
from senda.people.models import Attendance, Post, Trainee
from senda.performance.models import KpiFact


def test_it_has_a_register_with_surveys_and_the_kpis_computed(area: Built) -> None:
    people = Trainee.objects.filter(la=area.la)
    assert people.filter(user__isnull=False).exists()  # the case officers' accounts
    assert people.filter(service="salt").exists()
    lines = Attendance.objects.current().of_area(area.la.pk)
    assert lines.filter(confident_after=True).exists()
    assert Post.objects.filter(la=area.la, new=True, filled_on__isnull=False).exists()
    for kpi in ("staff-trained", "training-confidence", "posts-filled"):
        facts = KpiFact.objects.filter(la=area.la, kpi=kpi, dimension="all")
        assert any(fact.numerator and fact.denominator for fact in facts), kpi


def test_partners_staff_have_names_of_their_own_and_sessions_fall_on_working_days(
    area: Built,
) -> None:
    from collections import Counter

    from senda.clock import england_and_wales
    from senda.people.models import TrainingSession

    names = Counter(Trainee.objects.filter(la=area.la).values_list("name", flat=True))
    assert [name for name, n in names.items() if n > 1] == []
    calendar = england_and_wales()
    days = TrainingSession.objects.filter(course__la=area.la).values_list("on", flat=True)
    assert days and all(calendar.is_working_day(day) for day in days)
    assert not any((day.month, day.day) in ((12, 25), (12, 26)) for day in days)


def test_the_establishment_has_a_post_for_each_case_officer(area: Built) -> None:
    """The posts page's capacity (SEN assessment posts × caseload target) rests on posts
    that agree with the officers who hold the caseloads (issue 18's walk: 8 posts beside
    25 officers)."""
    officers = Trainee.objects.filter(la=area.la, service="sen_assessment", user__isnull=False)
    posts = Post.objects.filter(la=area.la, team="sen_assessment", new=False)
    assert posts.count() == officers.count() > 0
    assert set(posts.values_list("filled_by", flat=True)) == set(
        officers.values_list("pk", flat=True)
    )
