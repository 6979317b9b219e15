"""The themes staff give families' feedback: one list for survey comments and for
complaints (each complaint's category maps to a theme), so the termly summary counts both
under the same headings (docs/families.md, "Surveys and You said, we did")."""

from __future__ import annotations

from senda.casework.models import Complaint, RootCauseReview

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


#: The themes of appeals' root-cause reviews (``RootCauseReview.Theme``): a
#: recommendation may come from them too (source "appeals").
ROOT_CAUSE_THEMES: dict[str, str] = dict(RootCauseReview.Theme.choices)

#: Where a recommendation's theme was counted → the themes it may name.
THEMES_BY_SOURCE: dict[str, dict[str, str]] = {
    "feedback": THEMES,
    "appeals": ROOT_CAUSE_THEMES,
}


def label(code: str) -> str:
    """The theme's name, from feedback or from root-cause reviews (the code itself for one
    no longer listed)."""
    return THEMES.get(code) or ROOT_CAUSE_THEMES.get(code) or code


def choices() -> list[tuple[str, str]]:
    """Every theme a recommendation may name, as ``source:code`` pairs for one select."""
    return [
        (f"{source}:{code}", f"{name} ({'appeals' if source == 'appeals' else 'feedback'})")
        for source, themes in THEMES_BY_SOURCE.items()
        for code, name in themes.items()
    ]
