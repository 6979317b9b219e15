"""A person's display name (senda.people.names): one rule for every page and export."""

from __future__ import annotations

from django.contrib.auth.models import User

from senda.people.names import display_name, name_from


def test_it_names_a_person_by_their_full_name() -> None:
    assert display_name(User(username="ada", first_name="Ada", last_name="Lovelace")) == (
        "Ada Lovelace"
    )


def test_it_names_a_person_without_a_name_by_their_username() -> None:
    assert display_name(User(username="ada")) == "ada"
    assert display_name(User(username="ada", first_name=" ", last_name="")) == "ada"


def test_it_says_who_is_missing_as_the_caller_asks() -> None:
    assert display_name(None) == "Not recorded"
    assert display_name(None, "Unassigned") == "Unassigned"
    assert display_name(None, "") == ""


def test_it_names_from_columns_as_from_a_user() -> None:
    user = User(username="ada", first_name="Ada", last_name="")
    assert name_from("Ada", "", "ada") == display_name(user) == user.get_full_name()
    assert name_from("", "", "ada") == "ada"
