"""The rating scales a plan may use. Each value has a label and a rank (0 = complete,
higher = worse) so suggestions and summaries work on either scale. (How a value looks, its
tag colour, is the web's choice: ``senda.web.tags.RATING``.)"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Value:
    code: str
    label: str
    meaning: str
    rank: int  # 0 complete, 1 on track, 2 minor delay, 3 significantly delayed, 4 not started


@dataclass(frozen=True, slots=True)
class Scale:
    code: str
    name: str
    values: tuple[Value, ...]

    def value(self, code: str) -> Value:
        for value in self.values:
            if value.code == code:
                return value
        raise KeyError(f"{code!r} is not a rating on the {self.name} scale")

    def by_rank(self, rank: int) -> Value:
        """The value for a rank; on a scale without that rank, the nearest worse one."""
        ranks = {value.rank: value for value in self.values}
        for r in range(rank, 5):
            if r in ranks:
                return ranks[r]
        return self.values[-1]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(value.code, value.label) for value in self.values]


BRAG = Scale(
    "bragp",
    "BRAG(P)",
    (
        Value("blue", "Blue", "Complete and agreed", 0),
        Value("green", "Green", "On track", 1),
        Value("amber", "Amber", "Minor delays or risks", 2),
        Value("red", "Red", "Significantly delayed", 3),
        Value("pink", "Pink", "Not yet started", 4),
    ),
)
PROGRESS = Scale(
    "progress",
    "Progress",
    (
        Value("complete", "Complete", "Complete", 0),
        Value("on-track", "On track", "On track", 1),
        Value("obstacles", "Some obstacles", "Some obstacles", 2),
        Value("not-commenced", "Not yet commenced", "Not yet commenced", 4),
    ),
)
SCALES = {scale.code: scale for scale in (BRAG, PROGRESS)}

#: How a priority's progress in a quarter is rated in the quarterly report (the seeds'
#: "Priorities and Performance Ambitions" pages): red, amber, green, blue.
RAGB = Scale(
    "ragb",
    "RAGB",
    (
        Value("blue", "Blue", "Achieved: what the priority set out to do is done", 0),
        Value("green", "Green", "On track", 1),
        Value("amber", "Amber", "Some progress, with delays or risks", 2),
        Value("red", "Red", "Not on track: significant concerns", 3),
    ),
)
