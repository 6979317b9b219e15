"""The demo records SEN2's facts about most children (why there is no UPN, elective home
education, children missing education) and leaves a few gaps for the data-quality page."""

from __future__ import annotations

from senda.demo.build import Built
from senda.people.models import Child


def test_most_children_have_their_flags_recorded_and_a_few_do_not(area: Built) -> None:
    children = Child.objects.filter(la=area.la)
    total = children.count()
    no_upn = children.filter(upn="")
    unrecorded_ehe = children.filter(elective_home_education__isnull=True).count()
    assert no_upn.exclude(upn_unknown="").exists()
    assert set(no_upn.exclude(upn_unknown="").values_list("upn_unknown", flat=True)) <= {
        "UN1",
        "UN2",
        "UN3",
        "UN8",
        "UN9",
    }
    assert not children.exclude(upn="").exclude(upn_unknown="").exists()  # never both
    assert 0 < unrecorded_ehe < total * 0.05
    assert children.filter(elective_home_education=True).exists()
    assert children.filter(missing_education=False).count() > total * 0.9


def test_some_children_are_in_each_vulnerable_group(area: Built) -> None:
    from datetime import date

    from senda.people.groups import groups_by_child

    children = Child.objects.filter(la=area.la)
    found = groups_by_child(children, date.today())
    members = {group for groups in found.values() for group in groups}
    assert members == {
        "looked_after",
        "previously_looked_after",
        "home_educated",
        "missing_education",
    }
    assert len(found) < children.count() * 0.15
