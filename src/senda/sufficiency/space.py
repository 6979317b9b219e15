"""The forecast's state space: a child with a plan at a January census is in one state,
(national curriculum year, primary need, provision). States are numbered so that the
simulation works on flat arrays: ``index = (ncy_position * needs + need) * provisions +
provision``. Pure (numpy only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

#: National curriculum years the model follows: -4 (age 0 on 31 August) to 20 (age 24),
#: the SEN2 convention (age on 31 August = NCY + 4).
NCY_LOW, NCY_HIGH = -4, 20
#: SEN2's primary needs (``SENtype``), and "not recorded" for a plan with none.
NEEDS = (
    "ASD", "HI", "MLD", "MSI", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI", "OTH",
    "NONE",
)  # fmt: skip
#: Where a child is educated, as the forecast groups it (``categories.provision`` maps
#: Senda's placements to these; ``categories.LSRP_PROVISION`` maps these to DfE's lines).
PROVISIONS = (
    "early_years",
    "mainstream",
    "specialist_base",
    "special",
    "independent",
    "ap",
    "post16_mainstream",
    "post16_specialist",
    "ehe",
    "eotas",
    "not_in_education",
    "other",
)
PROVISION_LABELS = {
    "early_years": "Early years",
    "mainstream": "Mainstream school",
    "specialist_base": "SEN unit or resourced provision",
    "special": "Special school (maintained or academy)",
    "independent": "Independent or non-maintained special school",
    "ap": "Alternative provision",
    "post16_mainstream": "FE college or sixth form",
    "post16_specialist": "Specialist post-16 institution",
    "ehe": "Elective home education",
    "eotas": "Education otherwise than at school",
    "not_in_education": "Not in education, employment or training",
    "other": "Other or not recorded",
}


@dataclass(frozen=True)
class Space:
    """The states. ``needs`` and ``provisions`` default to the lists above."""

    ncy_low: int = NCY_LOW
    ncy_high: int = NCY_HIGH
    needs: tuple[str, ...] = NEEDS
    provisions: tuple[str, ...] = PROVISIONS

    @property
    def ncys(self) -> range:
        return range(self.ncy_low, self.ncy_high + 1)

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self.ncys), len(self.needs), len(self.provisions))

    @property
    def size(self) -> int:
        a, b, c = self.shape
        return a * b * c

    def index(self, ncy: int, need: str, provision: str) -> int:
        """The state's number; ``KeyError``/``ValueError`` outside the space."""
        if not self.ncy_low <= ncy <= self.ncy_high:
            raise ValueError(f"year group {ncy} is outside {self.ncy_low}..{self.ncy_high}")
        _, needs, provisions = self.shape
        return ((ncy - self.ncy_low) * needs + self._need[need]) * provisions + self._provision[
            provision
        ]

    def state(self, index: int) -> tuple[int, str, str]:
        position, provision = divmod(index, len(self.provisions))
        ncy, need = divmod(position, len(self.needs))
        return ncy + self.ncy_low, self.needs[need], self.provisions[provision]

    @cached_property
    def _need(self) -> dict[str, int]:
        return {need: i for i, need in enumerate(self.needs)}

    @cached_property
    def _provision(self) -> dict[str, int]:
        return {provision: i for i, provision in enumerate(self.provisions)}

    def provision_of(self, name: str) -> int:
        return self._provision[name]

    def need_of(self, name: str) -> int:
        return self._need[name]

    def counts(self, states: np.ndarray) -> np.ndarray:
        """How many children in each state, from an array of state numbers."""
        return np.bincount(states, minlength=self.size)
