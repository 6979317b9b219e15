"""The themes staff give families' feedback: one list for survey comments and for
complaints (each complaint's category maps to a theme), so the termly summary counts both
under the same headings (docs/families.md, "Surveys and You said, we did")."""

from __future__ import annotations

from senda.casework.models import Complaint

#: Theme code → what a reader sees. Codes are stored (``SurveyResponse.themes``,
#: ``Recommendation.theme``): never rename one.
THEMES: dict[str, str] = {
    "communication": "Communication",
    "timeliness": "Things done on time",
    "listening": "Listening to families",
    "provision": "Support and provision",
    "information": "Clear information",
    "portal": "Using Senda online",
}

#: A complaint's category → its theme (``other`` is counted under no theme).
COMPLAINT_THEMES: dict[str, str] = {
    Complaint.Category.REVIEW_TIMELINESS: "timeliness",
    Complaint.Category.PLAN_UPDATES: "timeliness",
    Complaint.Category.ASSESSMENT_DELAY: "timeliness",
    Complaint.Category.COMMUNICATION: "communication",
    Complaint.Category.PROVISION: "provision",
}


def label(code: str) -> str:
    """The theme's name (the code itself for one no longer listed)."""
    return THEMES.get(code, code)


def choices() -> list[tuple[str, str]]:
    return list(THEMES.items())
