"""The sufficiency room's tables, one module per feature: stored forecasts
(``forecasts``), the places register and the capital programme (``places``)."""

from senda.sufficiency.models.forecasts import ForecastRun, ForecastRunQuerySet
from senda.sufficiency.models.places import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    CommissionedPlacesQuerySet,
)

__all__ = [
    "CapitalPhase",
    "CapitalProject",
    "CommissionedPlaces",
    "CommissionedPlacesQuerySet",
    "ForecastRun",
    "ForecastRunQuerySet",
]
