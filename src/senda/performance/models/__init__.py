"""Performance records. See the package docstring and docs/performance.md."""

from senda.performance.models.benchmarks import (
    Comparators,
    PublishedArea,
    PublishedFigure,
    PublishedRelease,
)
from senda.performance.models.facts import KpiFact
from senda.performance.models.local import LocalKpi, LocalKpiVersion
from senda.performance.models.recorded import RecordedValue
from senda.performance.models.trajectories import (
    Commentary,
    StatusOverride,
    Trajectory,
    TrajectoryPoint,
)

__all__ = [
    "Commentary",
    "Comparators",
    "KpiFact",
    "LocalKpi",
    "LocalKpiVersion",
    "PublishedArea",
    "PublishedFigure",
    "PublishedRelease",
    "RecordedValue",
    "StatusOverride",
    "Trajectory",
    "TrajectoryPoint",
]
