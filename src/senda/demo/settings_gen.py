"""The education settings of a fictional area: names, URNs/UKPRNs, phases and types.

URNs are 6 digits beginning with the LA number (990xxx), UKPRNs 8 digits beginning 1999:
well-formed, and far above the numbers GIAS and the UKRLP have issued so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from senda.demo.names import PLACE_ENDINGS, PLACE_STEMS, SAINTS, SPECIAL_WORDS

#: (kind, how many in an area of full size, name pattern, phase, type)
MIX: tuple[tuple[str, int, str, str, str], ...] = (
    ("nursery", 12, "{place} Nursery School", "early_years", "nursery"),
    ("primary", 62, "{place} Primary School", "primary", "maintained"),
    ("primary", 10, "St {saint}'s CE Primary School", "primary", "maintained"),
    ("infant", 5, "{place} Infant School", "primary", "maintained"),
    ("junior", 5, "{place} Junior School", "primary", "academy"),
    ("secondary", 22, "{place} Academy", "secondary", "academy"),
    ("all_through", 3, "{place} All-Through School", "all_through", "academy"),
    ("special", 12, "{special} School", "special", "special"),
    ("ap", 4, "{place} Learning Centre", "ap", "ap"),
    ("fe", 4, "{place} College", "post16", "fe_college"),
    ("sixth_form", 1, "{place} Sixth Form College", "post16", "fe_college"),
    ("indep_special", 8, "{special} House School", "special", "independent_special"),
)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    kind: str
    name: str
    urn: str
    ukprn: str
    phase: str
    type: str
    locality: str


def _place(rng: Random, used: set[str]) -> str:
    while True:
        place = rng.choice(PLACE_STEMS) + rng.choice(PLACE_ENDINGS)
        if place not in used:
            used.add(place)
            return place


def _name(rng: Random, pattern: str, places: set[str]) -> str:
    if "{saint}" in pattern:
        return pattern.format(saint=rng.choice(SAINTS))
    if "{special}" in pattern:
        # a whole place before the word ("Welford Oakwood"), never a bare stem ("Oakwood
        # Wel" was one). The same two draws as ever, the ending following from them, so
        # the rest of the area (drawn from the same stream) is unchanged; the caller draws
        # again if the name is taken.
        word, stem = rng.choice(SPECIAL_WORDS), rng.choice(PLACE_STEMS)
        ending = PLACE_ENDINGS[
            (SPECIAL_WORDS.index(word) + PLACE_STEMS.index(stem)) % len(PLACE_ENDINGS)
        ]
        return pattern.format(special=f"{stem}{ending} {word}")
    return pattern.format(place=_place(rng, places))


def make_settings(
    rng: Random, la_code: str, localities: tuple[str, ...], scale: float = 1.0
) -> list[SettingSpec]:
    """About 150 settings at ``scale`` 1 (at least one of each kind at any scale)."""
    places: set[str] = set()
    names: set[str] = set()
    found: list[SettingSpec] = []
    for kind, count, pattern, phase, type_ in MIX:
        for _ in range(max(1, round(count * scale))):
            name = ""
            while not name or name in names:
                name = _name(rng, pattern, places)
            names.add(name)
            n = len(found) + 1
            is_college = phase == "post16"
            found.append(
                SettingSpec(
                    kind=kind,
                    name=name,
                    urn=f"{la_code}{n:03d}",
                    ukprn=f"1999{la_code[-1]}{n:03d}" if is_college or rng.random() < 0.3 else "",
                    phase=phase,
                    type=type_,
                    locality=localities[n % len(localities)],
                )
            )
    return found
