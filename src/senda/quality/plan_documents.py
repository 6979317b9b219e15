"""Plan documents an outside auditor may open: the documents of the versions of plans
they audit, while the audit is open (council staff open their area's through
``portal.access.uploads_for``). The audited file view asks this when the portal's rules
do not give the file."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from senda.portal.models import Upload
from senda.quality.access import audits_for


def plan_documents_for(user: Any, today: date) -> QuerySet[Upload]:
    plans = audits_for(user, today).values("plan_id")
    return Upload.objects.filter(purpose="plan", plan_version__plan_id__in=plans)
