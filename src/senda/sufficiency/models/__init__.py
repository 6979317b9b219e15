"""The sufficiency room's tables, one module per feature: stored forecasts
(``forecasts``), the places register and the capital programme (``places``), the High
Needs ledger (``money``), the postcode districts of each locality (``homes``)."""

from senda.sufficiency.models.forecasts import ForecastRun, ForecastRunQuerySet
from senda.sufficiency.models.homes import PostcodeLocality, PostcodeLocalityQuerySet
from senda.sufficiency.models.money import (
    Actual,
    Allocation,
    Budget,
    BudgetLine,
    LedgerImport,
    LedgerMapping,
)
from senda.sufficiency.models.places import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    CommissionedPlacesQuerySet,
)
from senda.sufficiency.models.scenarios import ScenarioChange, StoredScenario

__all__ = [
    "Actual",
    "Allocation",
    "Budget",
    "BudgetLine",
    "CapitalPhase",
    "CapitalProject",
    "CommissionedPlaces",
    "CommissionedPlacesQuerySet",
    "ForecastRun",
    "ForecastRunQuerySet",
    "LedgerImport",
    "LedgerMapping",
    "PostcodeLocality",
    "PostcodeLocalityQuerySet",
    "ScenarioChange",
    "StoredScenario",
]
