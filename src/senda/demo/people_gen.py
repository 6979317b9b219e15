"""Synthetic children, their family contacts and the LA's staff names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from senda.demo.ids import make_nhs_number, make_uln, make_upn
from senda.demo.names import FAMILY, GIVEN_F, GIVEN_M
from senda.people.school_year import year_group

#: Primary need, weighted roughly like England's EHC plans (SEN2 codes).
NEEDS = ("ASD", "SLCN", "SEMH", "MLD", "SLD", "SPLD", "PD", "PMLD", "HI", "VI", "MSI", "OTH", "DS")
NEED_WEIGHTS = (33, 22, 15, 9, 5, 4, 4, 1.5, 1.5, 0.7, 0.3, 3, 1)
RELATIONSHIPS = (
    ("mother", 60),
    ("father", 25),
    ("carer", 6),
    ("grandparent", 5),
    ("foster carer", 4),
)


@dataclass(slots=True)
class ContactSpec:
    name: str
    relationship: str
    email: str
    phone: str


@dataclass(slots=True)
class ChildSpec:
    given_name: str
    family_name: str
    dob: date
    sex: str
    need: str
    upn: str
    uln: str
    nhs_number: str
    contact: ContactSpec


class Register:
    """Hands out unique synthetic identifiers and contact details for one build."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.upns: set[str] = set()
        self.ulns: set[str] = set()
        self.nhs: set[str] = set()
        self.serial = 0

    def need(self) -> str:
        return self.rng.choices(NEEDS, NEED_WEIGHTS)[0]

    def sex(self) -> str:
        return self.rng.choices("MFU", (72, 27, 1))[0]

    def child(self, *, dob: date, sex: str, need: str, la_code: str, today: date) -> ChildSpec:
        rng = self.rng
        given = rng.choice(GIVEN_F if sex == "F" else GIVEN_M if sex == "M" else GIVEN_F + GIVEN_M)
        family = rng.choice(FAMILY)
        age = year_group(dob, today) + 4
        return ChildSpec(
            given_name=given,
            family_name=family,
            dob=dob,
            sex=sex,
            need=need,
            upn=make_upn(rng, la_code, self.upns) if age >= 4 else "",
            uln=make_uln(rng, self.ulns) if age >= 14 else "",
            nhs_number=make_nhs_number(rng, self.nhs) if rng.random() < 0.75 else "",
            contact=self.contact(given, family, age),
        )

    def contact(self, child_given: str, family: str, age: int) -> ContactSpec:
        rng = self.rng
        self.serial += 1
        if age >= 18 and rng.random() < 0.3:
            given, relationship = child_given, "self"
        else:
            relationship = rng.choices(*zip(*RELATIONSHIPS, strict=True))[0]
            male = relationship == "father" or (relationship != "mother" and rng.random() < 0.3)
            given = rng.choice(GIVEN_M if male else GIVEN_F)
            if relationship in {"foster carer", "carer"} or rng.random() < 0.15:
                family = rng.choice(FAMILY)
        return ContactSpec(
            name=f"{given} {family}",
            relationship=relationship,
            email=f"{given}.{family}.{self.serial}@example.org".lower(),
            phone=f"07700 900{rng.randrange(1000):03d}",
        )

    def staff_names(self, count: int) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        while len(found) < count:
            name = (self.rng.choice(GIVEN_F + GIVEN_M), self.rng.choice(FAMILY))
            if name not in found:
                found.append(name)
        return found
