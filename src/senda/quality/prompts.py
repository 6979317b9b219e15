"""Wording prompts: rule-based checks on a plan's outcomes (section E) and provision
(section F), shown to the auditor and the officer as prompts to look again, never as a
grade. Pure functions of text: no Django, no database.

The rules are heuristics from the domain notes (docs/quality/plans.md, and
``shared/domain/quality-assurance.md`` §2): SEND Code of Practice 9.66 (an outcome is the
difference made for the child, SMART, not provision), 9.69 (provision detailed, specific,
normally quantified) and *Worcestershire CC v SE* [2020] UKUT 217 (no vague "access to",
"regular", "as required"). Each rule is one small function whose docstring is the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Prompt", "outcome_prompts", "plan_prompts", "provision_prompts"]


@dataclass(frozen=True)
class Prompt:
    code: str
    message: str


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


TIME_ANCHOR = _words(
    r"\bby\b|\bend of\b|\bwithin\b|\bbefore\b|\buntil\b|\b(19|20)\d\d\b|\byear\s*\d+\b"
    r"|\bkey stage\b|\bks\s*[1-5]\b|\bterm\b|\bweeks?\b|\bmonths?\b|\bjanuary\b|\bfebruary\b"
    r"|\bmarch\b|\bapril\b|\bmay\b|\bjune\b|\bjuly\b|\baugust\b|\bseptember\b|\boctober\b"
    r"|\bnovember\b|\bdecember\b|\bsummer\b|\bautumn\b|\bspring\b|\bnext review\b"
    r"|\bleaves?\b|\bleaving\b|\btransfer\b"
)
#: Dates and year groups say when, not how much: taken out before looking for a number.
DATE_NUMBERS = _words(r"\b(19|20)\d\d\b|\byear\s*\d+\b|\bkey stage\s*\d\b|\bks\s*\d\b")
MEASURE = _words(
    r"\d|\bwhen\b|\bone\b|\btwo\b|\bthree\b|\bfour\b|\bfive\b|\bsix\b|\bten\b|\bhalf\b|\bmost\b"
    r"|\bevery\b|\beach\b|\bdaily\b|\bweekly\b|\bunprompted\b|\bindependently\b|\balone\b"
    r"|\bhimself\b|\bherself\b|\bthemselves\b|\bwithout (help|prompting|support)\b"
    r"|\bper\b|\btimes?\b|\bout of\b|\bin \d\b|\bminutes?\b|\bwords?\b"
)
PROVISION_IN_OUTCOME = _words(
    r"\bwill (receive|get|be given|be provided)\b|\bsessions?\b|\bhours?\b"
    r"|\baccess to\b|\bsupport from\b|\btherapy\b|\bsalt\b|\b1:1\b|\bone[- ]to[- ]one\b"
    r"|\bintervention\b"
)
SERVICE_SUBJECT = _words(
    r"^\s*(staff|school|the school|teachers?|adults?|the setting|setting|college|the la"
    r"|the council|professionals?|ta|tas|the ta|support staff|parents?|carers?)\s+"
    r"(will|should|must|to)\b"
)
VAGUE_VERB = _words(
    r"\bimprove\b|\bdevelop\b|\bunderstand\b|\bcontinue to\b|\bbe happy\b|\bpotential\b"
    r"|\bprogress\b|\bbe supported\b|\bbe confident\b|\bfulfil\b|\bengage\b"
)
PFA = _words(
    r"\bpfa\b|preparing for adulthood|\bemployment\b|\bwork\b|\bjob\b|\bcollege\b"
    r"|\bindependent living\b|\bindependen(t|ce|tly)\b|\btravel\b|\bcommunity\b"
    r"|\bfriends?\b|\bhealth(y)?\b|\bapprentice|\bsupported internship\b|\bvolunteer"
)
STOP_WORDS = (
    "a an and are as at be been by can for from has have he her him his i in is it its me my "
    "of on or our she so that the their them they this to was we will with would who what "
    "when where which while you your year years end term able also into more most than then "
    "there these those very want wants like likes day days week weeks time times make makes "
    "get gets use uses up out about after before over under own other each every some any "
    "all one two three four five six"
)
STOP = frozenset(STOP_WORDS.split())

#: F: what a provision paragraph should say, and the words that show it does.
TYPE_WORDS = _words(
    r"therapy|programme|teaching|intervention|group|lesson|session|tuition|support|"
    r"assistant|training|input|plan|curriculum|equipment|strategy|strategies|mentor"
)
AMOUNT_WORDS = _words(
    r"\d+\s*(minutes?|mins?|hours?|hrs?|sessions?|times?|x|×|%)|\b(one|two|three|four|five)"
    r"\s+(minutes?|hours?|sessions?|times?)\b|\bhalf an hour\b|\ban hour\b|\bfull[- ]time\b"
    r"|\b1:1\b|\b\d+:\d+\b"
)
FREQUENCY_WORDS = _words(
    r"\bdaily\b|\bweekly\b|\bfortnightly\b|\bmonthly\b|\btermly\b|\bannually\b|\beach day\b"
    r"|\bevery day\b|\ba (day|week|fortnight|month|term|year)\b|\bper (day|week|fortnight|"
    r"month|term|year|lesson)\b|\beach (week|lesson|term|morning|afternoon)\b"
    r"|\bevery (week|lesson|term|morning|afternoon|\w+day)\b|\bfull[- ]time\b|\bthroughout\b"
    r"|\bin every\b|\bat all times\b|\bonce\b|\btwice\b"
)
DELIVERER_WORDS = _words(
    r"\bdelivered by\b|\bprovided by\b|\bled by\b|\btherapist\b|\bteacher\b|\bassistant\b"
    r"|\bsenco\b|\bpsychologist\b|\bnurse\b|\bmentor\b|\bpractitioner\b|\bspecialist\b"
    r"|\b(ta|hlta|salt|ot|ep|qtvi|qtod)\b|\btrained\b|\bqualified\b|\bstaff\b|\btutor\b"
)
VAGUE_PROVISION: tuple[tuple[str, str], ...] = (
    (r"\baccess to\b", '"access to"'),
    (r"\bopportunit(y|ies)\b", '"opportunities"'),
    (r"\bregular(ly)?\b", '"regular"'),
    (r"\bas required\b", '"as required"'),
    (r"\bas appropriate\b", '"as appropriate"'),
    (r"\bas needed\b", '"as needed"'),
    (r"\bup to\b", '"up to"'),
    (r"\bsuch as\b", '"such as"'),
    (r"\be\.g\.", '"e.g."'),
    (r"\bwould benefit from\b", '"would benefit from"'),
    (r"\bsmall group\b", '"small group"'),
)
SUPPORT = _words(r"\bsupport(ed)?\b")


# --- outcomes (section E) -----------------------------------------------------------------


def no_time_anchor(text: str) -> bool:
    """An outcome says by when: a date, term, year group, key stage or "by the end of"
    (Code 9.66: SMART, usually to the end of a phase or key stage)."""
    return TIME_ANCHOR.search(text) is None


def no_measure(text: str) -> bool:
    """An outcome names a change someone can see or count: a number, how often, or doing
    something unprompted or alone (Code 9.66: SMART)."""
    return MEASURE.search(DATE_NUMBERS.sub(" ", text)) is None


def provision_inside(text: str) -> bool:
    """An outcome is the difference made, not the help given: "will receive", "sessions",
    "hours", "therapy" belong in section F (Code 9.66)."""
    return PROVISION_IN_OUTCOME.search(text) is not None


def service_subject(text: str) -> bool:
    """An outcome is written about the child, not what staff or school will do (Code 9.66:
    personal, not from a service's viewpoint)."""
    return SERVICE_SUBJECT.search(text) is not None


def vague_verb(text: str) -> bool:
    """ "Improve", "develop", "continue to", "reach potential" with nothing observable to
    show it: a vague verb where the outcome has no measure either."""
    return VAGUE_VERB.search(text) is not None and no_measure(text)


OUTCOME_RULES: tuple[tuple[str, Callable[[str], bool], str], ...] = (
    (
        "no-time",
        no_time_anchor,
        "Say by when: a date, a term, a year group or the end of a key stage.",
    ),
    (
        "no-measure",
        no_measure,
        "Say what change people will see or be able to count (how often, how well, unprompted).",
    ),
    (
        "provision",
        provision_inside,
        "This reads like provision (sessions, hours, therapy): that belongs in section F. "
        "Say what difference it will make for the child.",
    ),
    (
        "service-subject",
        service_subject,
        'Write it about the child ("Leo will…"), not about what staff or school will do.',
    ),
    (
        "vague-verb",
        vague_verb,
        'Words like "improve", "develop" or "reach potential" need something observable '
        "to show it has happened.",
    ),
)


def content_words(text: str) -> set[str]:
    """The words that carry meaning (3 letters or more, not a stop word), roughly stemmed.
    Capitalised words are left out: a name is shared by every sentence about the child."""
    words = re.findall(r"\b[a-z]{3,}\b", text)
    return {_stem(w) for w in words if w not in STOP}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def outcome_prompts(
    text: str, *, year_group: int | None = None, aspirations: str | None = None
) -> list[Prompt]:
    """The prompts for one outcome. ``aspirations`` (section A) adds the link check when
    given: an outcome shares no content word with it. ``year_group`` is taken for symmetry
    with the plan check (PfA is judged across the plan's outcomes, not one)."""
    text = (text or "").strip()
    if not text:
        return []
    prompts = [Prompt(code, message) for code, rule, message in OUTCOME_RULES if rule(text)]
    if (aspirations or "").strip() and not content_words(text) & content_words(aspirations or ""):
        prompts.append(
            Prompt(
                "no-aspiration",
                "We could not see a link to an aspiration in section A: say which "
                "hope this outcome is a step towards.",
            )
        )
    return prompts


# --- provision (section F) ----------------------------------------------------------------


def provision_prompts(text: str) -> list[Prompt]:
    """The prompts for one paragraph of provision: type, amount, frequency and who delivers
    it (Code 9.69), and vague words (*Worcestershire CC v SE* [2020] UKUT 217)."""
    text = (text or "").strip()
    if not text:
        return []
    prompts: list[Prompt] = []
    if TYPE_WORDS.search(text) is None:
        prompts.append(Prompt("no-type", "Say what the provision is (the kind of help)."))
    if AMOUNT_WORDS.search(text) is None:
        prompts.append(Prompt("no-amount", "Say how much: minutes, hours or sessions."))
    if FREQUENCY_WORDS.search(text) is None:
        prompts.append(Prompt("no-frequency", "Say how often: daily, weekly, each term."))
    if DELIVERER_WORDS.search(text) is None:
        prompts.append(
            Prompt("no-deliverer", "Say who delivers it and what training or expertise they have.")
        )
    for pattern, words in VAGUE_PROVISION:
        if re.search(pattern, text, re.IGNORECASE):
            prompts.append(Prompt("vague", f"{words} is vague: say exactly what will be provided."))
    if (
        SUPPORT.search(text)
        and AMOUNT_WORDS.search(text) is None
        and FREQUENCY_WORDS.search(text) is None
    ):
        prompts.append(
            Prompt(
                "vague-support",
                '"Support" without detail: say what the support is, how much and how often.',
            )
        )
    return prompts


# --- the whole plan -----------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs: blocks separated by blank lines, else non-empty lines."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    if len(blocks) <= 1:
        blocks = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return blocks


def plan_prompts(
    sections: dict[str, str], outcomes: list[str], year_group: int | None
) -> dict[str, list[Prompt]]:
    """Prompts keyed ``plan`` (the plan as a whole), ``E1``, ``E2``… (each outcome) and
    ``F1``, ``F2``… (each paragraph of section F); keys with no prompts are left out."""
    aspirations = sections.get("A", "")
    result: dict[str, list[Prompt]] = {}
    whole: list[Prompt] = []
    if len(outcomes) < 3:
        whole.append(
            Prompt("few-outcomes", f"The plan has {len(outcomes)} outcomes; most have 3 to 10.")
        )
    elif len(outcomes) > 10:
        whole.append(
            Prompt(
                "many-outcomes",
                f"The plan has {len(outcomes)} outcomes; fewer, clearer ones (3 to 10) are "
                "easier to review.",
            )
        )
    if year_group is not None and year_group >= 9 and not any(PFA.search(o) for o in outcomes):
        whole.append(
            Prompt(
                "no-pfa",
                "From Year 9 the plan should have outcomes preparing for adulthood "
                "(work, independent living, friends and community, health).",
            )
        )
    if whole:
        result["plan"] = whole
    for number, outcome in enumerate(outcomes, start=1):
        found = outcome_prompts(outcome, year_group=year_group, aspirations=aspirations)
        if found:
            result[f"E{number}"] = found
    for number, paragraph in enumerate(paragraphs(sections.get("F", "")), start=1):
        found = provision_prompts(paragraph)
        if found:
            result[f"F{number}"] = found
    return result


def by_section(
    sections: dict[str, str], outcomes: list[str], year_group: int | None
) -> dict[str, list[str]]:
    """The prompts' messages by section for an auditor's page: ``E`` (the plan as a whole
    and each outcome, numbered) and ``F`` (each paragraph of provision, numbered)."""
    found = plan_prompts(sections, outcomes, year_group)
    grouped: dict[str, list[str]] = {"E": [], "F": []}
    for key, prompts in found.items():
        section = "E" if key == "plan" or key.startswith("E") else "F"
        where = (
            "" if key == "plan" else f"{'Outcome' if section == 'E' else 'Paragraph'} {key[1:]}: "
        )
        grouped[section].extend(f"{where}{p.message}" for p in prompts)
    return grouped
