"""Wording prompts: the domain notes' weak outcomes are each flagged with the right code,
their stronger rewrites are not; provision paragraphs likewise (docs/quality/plans.md)."""

from __future__ import annotations

import pytest

from senda.quality.prompts import (
    outcome_prompts,
    plan_prompts,
    provision_prompts,
)

#: (weak outcome, the code it must get) — shared/domain/quality-assurance.md §2.
WEAK = [
    ("Amira will improve her communication skills.", "no-measure"),
    ("Amira will improve her communication skills.", "no-time"),
    ("Josh will receive 2 × 30 min SALT sessions weekly.", "provision"),
    ("Staff will manage Leo's anxiety.", "service-subject"),
    ("Sara will reach her full potential.", "vague-verb"),
    ("Tom will continue to develop reading.", "no-time"),
    ("Tom will continue to develop reading.", "vague-verb"),
]
#: The stronger rewrites from the same table: no prompts at all.
STRONG = [
    "By the end of Year 4, Amira will start and keep up a three-turn conversation with a "
    "classmate at break, unprompted, on most days.",
    "By July 2027, Josh will ask an adult for help using a short spoken sentence when stuck "
    "in lessons.",
    "By the end of Key Stage 3, Leo will use his calm-down plan himself and return to class "
    "within 10 minutes on 4 days in 5.",
    "By the end of Year 11, Sara will travel alone by bus to college taster days, planning "
    "the route herself (PfA: independent living).",
    "By the end of Year 6, Tom will read a Year 4-level book aloud at 70 words a minute with "
    "fewer than 5 errors a page.",
]


def codes(prompts) -> set[str]:
    return {p.code for p in prompts}


@pytest.mark.parametrize(("text", "code"), WEAK)
def test_it_flags_each_weak_outcome(text, code):
    assert code in codes(outcome_prompts(text))


@pytest.mark.parametrize("text", STRONG)
def test_it_leaves_each_strong_outcome_alone(text):
    assert outcome_prompts(text) == []


def test_a_year_alone_is_a_time_not_a_measure():
    assert codes(outcome_prompts("By July 2027, Amira will join in at break.")) == {"no-measure"}


def test_it_asks_for_a_link_to_an_aspiration():
    aspirations = "Sam likes trains and wants to work with animals."
    linked = "By the end of Year 6, Sam will feed the class animals unprompted each morning."
    unlinked = "By the end of Year 6, Sam will write three sentences unprompted."
    assert outcome_prompts(linked, aspirations=aspirations) == []
    assert codes(outcome_prompts(unlinked, aspirations=aspirations)) == {"no-aspiration"}


WEAK_PROVISION = [
    ("Access to speech and language therapy as required.", "vague"),
    ("Access to speech and language therapy as required.", "no-amount"),
    ("Access to speech and language therapy as required.", "no-frequency"),
    ("Access to speech and language therapy as required.", "no-deliverer"),
    ("Sam would benefit from regular small group support.", "vague"),
    ("Sam would benefit from regular small group support.", "vague-support"),
    ("Up to 10 hours of teaching assistant time a week.", "vague"),
    ("Opportunities to practise social skills, such as lunch club.", "vague"),
    ("Support with writing.", "vague-support"),
]
STRONG_PROVISION = [
    "Speech and language therapy: 30 minutes a week, delivered by a therapist.",
    "A social skills group of four children, 20 minutes daily, led by a teaching assistant "
    "trained by the speech and language therapist.",
    "Precision teaching of reading, 10 minutes each morning, delivered by a trained "
    "teaching assistant.",
]


@pytest.mark.parametrize(("text", "code"), WEAK_PROVISION)
def test_it_flags_each_weak_provision(text, code):
    assert code in codes(provision_prompts(text))


@pytest.mark.parametrize("text", STRONG_PROVISION)
def test_it_leaves_specified_provision_alone(text):
    assert provision_prompts(text) == []


def test_the_vague_words_are_named_in_the_message():
    messages = [p.message for p in provision_prompts("Access to therapy as required.")]
    assert '"access to" is vague: say exactly what will be provided.' in messages
    assert '"as required" is vague: say exactly what will be provided.' in messages


def test_plan_prompts_count_outcomes_and_ask_for_pfa_from_year_9():
    sections = {"A": "Sara wants to go to college.", "F": "Support with writing.\n\nOk."}
    outcomes = [STRONG[0], STRONG[4]]
    result = plan_prompts(sections, outcomes, year_group=9)
    assert codes(result["plan"]) == {"few-outcomes", "no-pfa"}
    assert codes(result["F1"]) >= {"vague-support", "no-amount"}
    assert "E1" in result  # no shared word with the aspiration
    assert plan_prompts(sections, outcomes, year_group=8)["plan"][0].code == "few-outcomes"
    eleven = [STRONG[3]] * 11
    assert codes(plan_prompts(sections, eleven, year_group=10)["plan"]) == {"many-outcomes"}
    three = [STRONG[3]] * 3
    assert "plan" not in plan_prompts(sections, three, year_group=11)
