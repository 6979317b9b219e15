"""A case's plans issued and review meetings, each with the social care assessment offered
with it (the current ``SocialCareOffer``, or None: nothing recorded yet), latest first: the
case page's section and the recording form's choices."""

from __future__ import annotations

from senda.casework.models import OCCASIONS, Case, CaseEvent, SocialCareOffer

__all__ = ["steps_and_offers"]


def steps_and_offers(case: Case) -> list[tuple[CaseEvent, SocialCareOffer | None]]:
    steps = list(case.events.current().filter(type__in=list(OCCASIONS)).order_by("-on", "-id"))
    offers = {
        offer.event_id: offer for offer in SocialCareOffer.objects.current().filter(event__in=steps)
    }
    return [(step, offers.get(step.pk)) for step in steps]
