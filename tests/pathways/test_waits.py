from datetime import date, timedelta

import pytest

from senda.pathways import measures, waits
from senda.pathways.waits import Line
from tests.factories import make_child, make_la, make_setting, make_user
from tests.pathways.factories import referral

DAY = date(2026, 3, 2)


def line(pk, waited, *, pathway="autism", assessed=None, born=date(2015, 1, 1), locality="North"):
    return Line(pk, pathway, DAY - timedelta(days=waited), None, assessed, None, born, locality)


def test_a_distribution_has_its_median_centile_longest_and_long_waits():
    found = [line(i, days) for i, days in enumerate([7, 14, 140, 400, 70, 21, 28, 35, 42, 700])]
    got = waits.distribution(found, DAY)
    assert got.days == (7, 14, 21, 28, 35, 42, 70, 140, 400, 700)
    assert got.median == 38.5  # (35 + 42) / 2
    assert got.p90 == 400  # nearest rank: the 9th of 10
    assert got.longest == 700
    assert (got.over_18, got.over_52) == (3, 2)  # over 126 days; over 364 days
    assert got.ids[0] == 0 and got.ids[-1] == 9
    empty = waits.distribution([], DAY)
    assert (empty.median, empty.p90, empty.longest, empty.count) == (None, None, None, 0)


def test_exactly_18_weeks_is_not_over_18_weeks():
    got = waits.distribution([line(1, 126), line(2, 127)], DAY)
    assert got.over_18 == 1


def test_breakdowns_by_age_band_when_referred_and_locality():
    found = [
        line(1, 10, born=DAY - timedelta(days=3 * 365)),
        line(2, 10, born=date(2012, 1, 1), locality="South"),
        line(3, 10, born=None, locality=waits.NOT_RECORDED),
    ]
    assert list(waits.by(found, "age", DAY)) == ["Under 5", "11 to 15", "Not recorded"]
    assert list(waits.by(found, "locality", DAY)) == ["North", "South", "Not recorded"]


def test_waiting_and_completed():
    still = line(1, 50)
    seen = line(2, 100, assessed=DAY - timedelta(days=10))
    assert waits.waiting([still, seen], DAY) == [still]
    assert waits.completed([still, seen], DAY - timedelta(days=30), DAY) == [seen]
    assert waits.distribution([seen], DAY).days == (90,)


def test_throughput_shows_whether_the_list_grows():
    found = [
        Line(1, "autism", date(2026, 1, 5), None, date(2026, 2, 10), None, None, ""),
        Line(2, "autism", date(2026, 1, 20), None, None, None, None, ""),
        Line(3, "autism", date(2026, 2, 3), date(2026, 2, 20), None, None, None, ""),
    ]
    jan, feb = waits.throughput(found, waits.months_to(date(2026, 2, 28), 2), DAY)
    assert (jan.referred, jan.assessed, jan.net, jan.waiting) == (2, 0, 2, 2)
    assert (feb.referred, feb.assessed, feb.rejected, feb.net, feb.waiting) == (1, 1, 1, -1, 1)


@pytest.mark.django_db
def test_the_kpis_count_from_the_referrals():
    la = make_la()
    officer = make_user("case_officer", la)
    school = make_setting(la, locality="North")
    for weeks in (10, 20, 30):
        referral(
            make_child(la, setting=school),
            officer,
            on=date(2025, 1, 6),
            accepted=date(2025, 1, 13),
            assessed=date(2025, 1, 6) + timedelta(weeks=weeks),
        )
    waiting = referral(make_child(la), officer, on=date(2025, 6, 2))
    median = measures.count("nd-autism-wait-median", la, date(2025, 1, 1), date(2025, 12, 31), DAY)
    assert (median.numerator, median.denominator) == (20, 3)
    longest = measures.count(
        "nd-autism-wait-longest", la, date(2025, 10, 1), date(2025, 12, 31), DAY
    )
    # on 31 December 2025 the June referral had waited 30 weeks; the others were assessed
    assert longest.numerator == (date(2025, 12, 31) - date(2025, 6, 2)).days // 7
    assert longest.counted == (waiting.pk,)
    assert (
        measures.count(
            "nd-adhd-wait-median", la, date(2025, 1, 1), date(2025, 12, 31), DAY
        ).denominator
        == 0
    )


def test_the_pages_breakdowns_ranked_once_are_the_distributions_by_group():
    from random import Random

    rng = Random(18)
    found = [
        line(
            pk,
            rng.randrange(700),
            pathway=rng.choice(["autism", "adhd", "other"]),
            assessed=DAY - timedelta(days=rng.randrange(30)) if rng.random() < 0.3 else None,
            born=None if rng.random() < 0.1 else date(rng.randrange(2008, 2022), 5, 1),
            locality=rng.choice(["North", "south", waits.NOT_RECORDED]),
        )
        for pk in rng.sample(range(1000), 300)
    ]
    ranked = waits._ranked(found, DAY)
    for group in waits.GROUPS:
        split = waits._split(ranked, group, "")
        assert split.overall == waits.distribution(found, DAY)
        assert split.members == waits.by(found, group, DAY)
        assert list(split.members) == list(waits.by(found, group, DAY))
