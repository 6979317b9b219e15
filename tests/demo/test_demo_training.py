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
