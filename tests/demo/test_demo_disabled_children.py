"""The demo's short breaks fit their kind (issue 18, a new user's walk found an overnight
stay at a sports club): each break's provider is one that gives that kind of break."""

from datetime import date

import pytest

from senda.demo.disabled_children import PROVIDERS, provider_for, write_register
from senda.pathways.disabled.models import BreakType, RegisterRecord
from tests.factories import make_child, make_la, make_user

TODAY = date(2026, 3, 10)


def test_every_kind_of_break_has_providers_that_give_it():
    assert set(PROVIDERS) == set(BreakType.values) - {BreakType.OTHER}
    assert not any("club" in name.lower() for name in PROVIDERS[BreakType.OVERNIGHT])
    assert provider_for("sitting", 4) == "Home sitting service"
    assert provider_for("overnight", 3) == PROVIDERS["overnight"][1]


@pytest.mark.django_db
def test_the_registers_breaks_are_with_providers_of_their_kind():
    la = make_la()
    for n in range(40):
        make_child(la, date_of_birth=date(2012, 1, 1 + n % 28))
    write_register(seed=7, la=la, today=TODAY, by=make_user("service_manager", la))
    breaks = RegisterRecord.objects.filter(kind="short_break", entry__la=la)
    assert breaks.filter(break_type="overnight").exists()
    for row in breaks:
        assert row.provider in PROVIDERS[row.break_type], (row.break_type, row.provider)
