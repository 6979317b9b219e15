"""The training register's rules and the workforce KPIs' measures (senda.people.workforce)."""

from datetime import date

import pytest

from senda.kernel import ActionError
from senda.people import training_actions as act
from senda.people import workforce
from senda.people.models import Attendance
from tests.factories import make_la, make_user
from tests.people.training_factories import make_register

TODAY = date(2026, 3, 2)


def test_it_adds_months_keeping_the_day_or_the_months_last() -> None:
    assert workforce.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert workforce.add_months(date(2025, 11, 15), 12) == date(2026, 11, 15)
    assert workforce.current_until(date(2025, 3, 2), 12) == date(2026, 3, 1)


def test_it_says_when_induction_is_due() -> None:
    assert workforce.induction(date(2026, 1, 1), None, TODAY) == "due"
    assert workforce.induction(date(2025, 10, 1), None, TODAY) == "overdue"
    assert workforce.induction(date(2025, 10, 1), date(2025, 10, 9), TODAY) == "done"
    assert workforce.induction(date(2020, 1, 1), None, TODAY) == ""


@pytest.fixture
def area(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)
    la = make_la()
    manager = make_user("team_manager", la)
    return la, manager, make_register(la, manager, TODAY)


@pytest.mark.django_db
def test_it_measures_staff_trained_confidence_and_posts(area) -> None:
    la, manager, reg = area
    found = workforce.count("staff-trained", la, date(2026, 1, 1), date(2026, 3, 31), TODAY)
    assert found.counted == (reg.sen[0].pk, reg.sen[1].pk)
    assert found.missed == (reg.sen[2].pk,)
    assert (found.numerator, found.denominator, found.of) == (2, 3, "trainee")
    salt = workforce.count("staff-trained-salt", la, date(2026, 1, 1), date(2026, 3, 31), TODAY)
    assert (salt.counted, salt.missed) == ((), (reg.salt.pk,))
    # a year and a day later the session no longer counts (the refresher period)
    later = date(2027, 1, 31)
    assert workforce.count("staff-trained", la, later, later, later).counted == ()
    confident = workforce.count("training-confidence", la, date(2026, 1, 1), TODAY, TODAY)
    assert (confident.numerator, confident.denominator) == (1, 2)
    improved = workforce.count("training-confidence-improved", la, date(2026, 1, 1), TODAY, TODAY)
    assert improved.counted == (reg.sen[0].pk,)
    posts = workforce.count("posts-filled", la, date(2026, 1, 1), TODAY, TODAY)
    assert (posts.counted, posts.missed, posts.of) == ((), (reg.post.pk,), "post")
    act.fill_post(post=reg.post, on=TODAY, trainee=reg.salt, by=manager)
    posts = workforce.count("posts-filled", la, date(2026, 1, 1), TODAY, TODAY)
    assert posts.counted == (reg.post.pk,)


@pytest.mark.django_db
def test_it_supersedes_a_changed_line_and_refuses_all_on_one_problem(area) -> None:
    la, manager, reg = area
    written = act.record_attendance(
        session=reg.session,
        marks=[act.Mark(reg.sen[0], True, 2, 4, True), act.Mark(reg.sen[1], True, 3, 4, True)],
        by=manager,
    )
    assert written == 1  # Ada's line is the same; Ben's replaces the one before (kept)
    rows = Attendance.objects.filter(trainee=reg.sen[1])
    assert rows.count() == 2 and rows.current().get().confidence_after == 4
    with pytest.raises(ActionError, match="did not attend"):
        act.record_attendance(
            session=reg.session,
            marks=[act.Mark(reg.sen[2], True), act.Mark(reg.salt, False, 3)],
            by=manager,
        )
    assert not Attendance.objects.filter(trainee=reg.sen[2]).exists()  # all or nothing
    officer = make_user("case_officer", la)
    with pytest.raises(ActionError, match="team or service manager"):
        act.record_attendance(session=reg.session, marks=[act.Mark(reg.sen[2])], by=officer)


@pytest.mark.django_db
def test_a_days_answer_is_not_kept_past_a_write(area) -> None:
    la, manager, reg = area
    before = workforce.count("staff-trained", la, TODAY, TODAY, TODAY)
    act.record_attendance(session=reg.session, marks=[act.Mark(reg.sen[2])], by=manager)
    after = workforce.count("staff-trained", la, TODAY, TODAY, TODAY)
    assert (before.numerator, after.numerator) == (2, 3)


def test_an_induction_is_not_the_training_the_targets_count() -> None:
    def line(pk: int, programme: str) -> workforce.Line:
        return workforce.Line(pk, "salt", 1, programme, ("salt",), date(2026, 1, 5), 12)

    found = [line(1, "induction"), line(2, "nd_inclusion"), line(3, "induction")]
    assert workforce.trained_on(found, TODAY) == {2}
    assert workforce.trained_on(found, TODAY, "induction") == {1, 3}
