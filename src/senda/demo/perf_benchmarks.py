"""The demo area's benchmarks: DfE's national figures and Seaview's comparators.

Seaview (LA 990) is synthetic, so DfE publishes nothing for it: its comparators are the East
Midlands region and real counties that resemble it — the East Midlands shire counties and
unitary Northamptonshires, and Staffordshire and Warwickshire from the West Midlands.

The national figures (data/dfe-ehcp in the repository) are public data, not demo data: they
are imported once per database and survive a rebuild (about 1.5 s when they are imported).
"""

from __future__ import annotations

from pathlib import Path

from senda.people.models import LocalAuthority
from senda.performance.dfe import import_path
from senda.performance.models import Comparators, PublishedRelease

#: data/dfe-ehcp at the top of the repository (src/senda/demo/ → three levels up).
DATA = Path(__file__).resolve().parents[3] / "data" / "dfe-ehcp"
EAST_MIDLANDS = "E12000004"
NEIGHBOURS = (
    "E10000007",  # Derbyshire (830)
    "E10000018",  # Leicestershire (855)
    "E10000024",  # Nottinghamshire (891)
    "E10000019",  # Lincolnshire (925)
    "E06000061",  # North Northamptonshire (940)
    "E06000062",  # West Northamptonshire (941)
    "E10000028",  # Staffordshire (860)
    "E10000031",  # Warwickshire (937)
)


def write(la: LocalAuthority, data: Path = DATA) -> None:
    """Import the national figures if none are imported yet; set ``la``'s comparators."""
    if not PublishedRelease.objects.exists() and data.exists():
        import_path(data)
    Comparators.objects.update_or_create(
        la=la,
        defaults={
            "published_code": "",
            "region_code": EAST_MIDLANDS,
            "neighbour_codes": list(NEIGHBOURS),
        },
    )
