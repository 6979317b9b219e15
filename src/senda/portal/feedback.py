""" "The portal was easy to use": the one question asked after a setting sends a review
report or a team answers an advice request (a KPI, ``portal-easy-to-use``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import check_choice
from senda.portal.models import PortalFeedback

ABOUT = ("review_report", "advice")


@transaction.atomic
def record_feedback(
    *, la: Any, user: Any, answer: int, about: str, today: date | None = None, what: str = ""
) -> PortalFeedback:
    """One answer (1 strongly disagree – 5 strongly agree) about ``about``; ``what`` names
    the record it followed, for the audit (ids only)."""
    check_choice(answer, PortalFeedback.Answer.values, "answer", "how far you agree")
    check_choice(about, ABOUT, "about", "what the answer is about")
    feedback = PortalFeedback.objects.create(
        la=la, user=user, answer=answer, about=about, answered_on=today or kernel.today()
    )
    summary = f"portal feedback {feedback.pk}" + (f" after {what}" if what else "")
    audit.record(user=user, verb="write", obj=feedback, la_id=la.pk, summary=summary)
    return feedback
