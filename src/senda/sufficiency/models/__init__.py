"""The sufficiency room's tables, one module per feature: the places register and the
capital programme (``places``)."""

from senda.sufficiency.models.places import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    CommissionedPlacesQuerySet,
)

__all__ = ["CapitalPhase", "CapitalProject", "CommissionedPlaces", "CommissionedPlacesQuerySet"]
