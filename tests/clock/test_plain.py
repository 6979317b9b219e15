"""Every rule's ``plain`` sentence is for families: one short sentence, common words, who
does what by when (GOV.UK writes for a reading age of 9).

The scores are crude on one short sentence (a number and one long word move them a lot),
so the limits are set from what good sentences score here: each sentence at most grade 8
on the Flesch–Kincaid scale, the catalogue on average at most grade 7 and at least 70 on
Flesch reading ease ("fairly easy"). A sentence written as the law writes it scores about
grade 13–15 and fails; so does one that uses a word families should not have to know.
"""

from __future__ import annotations

import re
from statistics import mean

import pytest
import textstat

from senda.clock import RULE_IDS, RULES

MAX_WORDS = 25
MAX_GRADE = 8.0
MAX_MEAN_GRADE = 7.0
MIN_MEAN_EASE = 70.0
#: Words and names families should not meet unexplained in one sentence.
JARGON = re.compile(
    r"\b(EHC|EHCP|LA|ICB|SENCO|SEN2|local authority|regulation|reg|statutory|pursuant|"
    r"commissioning|s\d+|section [A-K]|r\d+|HESC|LGSCO|CFA|notwithstanding|thereof)\b",
    re.IGNORECASE,
)


def problems(sentence: str) -> list[str]:
    """What is wrong with a sentence for families (an empty list when nothing is)."""
    found = []
    text = sentence.strip()
    if not text:
        return ["empty"]
    words = len(text.split())
    if words > MAX_WORDS:
        found.append(f"{words} words")
    if textstat.sentence_count(text) != 1 or re.search(r"[.!?;]\s+\S", text):
        found.append("more than one sentence")
    if not text.endswith("."):
        found.append("does not end with a full stop")
    grade = textstat.flesch_kincaid_grade(text)
    if grade > MAX_GRADE:
        found.append(f"grade {grade:.1f}")
    jargon = JARGON.search(text)
    if jargon:
        found.append(f"jargon: {jargon.group(0)!r}")
    return found


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_plain_sentence_for_families(rule_id: str) -> None:
    assert problems(RULES[rule_id].plain) == []


def test_the_catalogue_reads_easily_on_average() -> None:
    sentences = [rule.plain for rule in RULES.values()]
    assert mean(textstat.flesch_kincaid_grade(s) for s in sentences) <= MAX_MEAN_GRADE
    assert mean(textstat.flesch_reading_ease(s) for s in sentences) >= MIN_MEAN_EASE


def test_a_local_target_says_it_is_not_the_law() -> None:
    for rule in RULES.values():
        if rule.limit_kind in ("local", "guidance"):
            assert "not the law" in rule.plain, rule.id
        else:
            assert "not the law" not in rule.plain, rule.id


@pytest.mark.parametrize(
    "sentence",
    (
        # As the law writes it: long words, long sentence.
        "The local authority shall notify the commissioning body of the health provision "
        "sought within three working days pursuant to regulation 35.",
        # Short, but full of names families do not know.
        "The LA must issue the amended EHC plan within 5 weeks.",
        # Two sentences.
        "The council must answer. It has 10 working days.",
        # Too long, though every word is short.
        "The council must tell you if it will or will not do the thing you asked for, and it "
        "must do so in the time the law sets for it.",
        "",
    ),
)
def test_it_fails_a_sentence_families_would_struggle_with(sentence: str) -> None:
    assert problems(sentence) != []


def test_the_example_sentence_passes() -> None:
    assert (
        problems("The council must tell you within 6 weeks if it will assess your child's needs.")
        == []
    )
