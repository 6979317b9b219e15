"""The demo's settings' names (``senda.demo.settings_gen``): whole words, never a
truncated place ("Oakwood Wel School", issue 18's walk)."""

from __future__ import annotations

from random import Random

from senda.demo.names import PLACE_ENDINGS, PLACE_STEMS, SPECIAL_WORDS
from senda.demo.settings_gen import make_settings


def test_special_schools_are_named_with_a_whole_place() -> None:
    for seed in range(5):
        settings = make_settings(Random(seed), "990", ("North", "South"))
        names = [s.name for s in settings]
        assert len(names) == len(set(names))
        for setting in settings:
            if setting.phase != "special":
                continue
            words = setting.name.split()
            assert not set(words) & set(PLACE_STEMS), setting.name
            assert any(words[0].endswith(ending) for ending in PLACE_ENDINGS), setting.name
            assert set(words) & set(SPECIAL_WORDS), setting.name
