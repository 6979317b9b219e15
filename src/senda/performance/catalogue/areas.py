"""The improvement areas the KPIs serve, in the order the board dashboard shows them."""

from __future__ import annotations

from senda.performance.catalogue.entry import Area

AREAS: dict[str, Area] = {
    area.id: area
    for area in (
        Area("timeliness", "Timely assessments and plans"),
        Area("reviews", "Annual reviews and amended plans"),
        Area("quality", "Quality of plans, advice and audits"),
        Area("workforce", "Workforce"),
        Area("families", "Working with children, young people and families"),
        Area("disagreements", "Complaints, mediation and appeals"),
        Area("pathways", "Neurodevelopmental pathway"),
        Area("adulthood", "Preparing for adulthood"),
        Area("social-care", "Social care and family help"),
        Area("sufficiency", "Sufficiency of places"),
        Area("finance", "High needs funding"),
        Area("data", "Data quality"),
    )
}
