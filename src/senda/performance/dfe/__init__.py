"""DfE national statistics: "Education, health and care plans" (SEN2), for benchmarks.

    senda import dfe-ehcp data/dfe-ehcp            # every release zip in the folder

- :mod:`~senda.performance.dfe.measures` (pure): the curated published measures and their ids
  (``MEASURES``, ``get``), how a cell is shown (``shown``), DfE's symbols (``SYMBOLS``).
- :mod:`~senda.performance.dfe.reader` (pure): reading a release zip into figures.
- :mod:`~senda.performance.dfe.importer`: writing them, all or nothing (``import_path``).

Figures are stored exactly as published (``PublishedFigure.raw``); where two releases give
the same year, the newer release's figure is shown (``senda.performance.benchmarks``).
The data is published under the Open Government Licence v3.0; see data/dfe-ehcp/README.md.
"""

from senda.performance.dfe.importer import Imported, ImportFailed, import_path
from senda.performance.dfe.measures import MEASURES, SYMBOLS, Measure, period_label, shown

__all__ = [
    "MEASURES",
    "SYMBOLS",
    "ImportFailed",
    "Imported",
    "Measure",
    "import_path",
    "period_label",
    "shown",
]
