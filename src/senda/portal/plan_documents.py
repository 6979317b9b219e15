"""Keeping an issued plan's document (PDF or DOCX) beside the version of the plan it is
(``Upload.plan_version``, purpose "plan"): stored, checked and scanned by ``store_upload``
like every file, served through the one audited file view. Refusals name the field
``document`` (the plan form's box for it)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senda import audit
from senda.casework.models import PlanVersion
from senda.kernel import ActionError
from senda.portal.models import Upload
from senda.portal.uploads import DOCX, PDF, detect, store_upload

WRONG_TYPE = "The plan's document must be a PDF or a Word document (DOCX)"


def attach_plan_document(*, version: PlanVersion, file: Any, by: Any) -> Upload:
    """Store ``file`` as the document of ``version`` (council casework staff of the case's
    area, as ``store_upload`` checks; a PDF or a Word document only)."""
    version = PlanVersion.objects.select_related("case__child").get(pk=version.pk)
    try:
        if file is not None and getattr(file, "size", 1) and detect(file) not in (PDF, DOCX):
            raise ActionError("file", WRONG_TYPE)
        upload = store_upload(case=version.case, file=file, purpose="plan", by=by)
    except ActionError as error:
        raise ActionError("document", error.message) from None
    with transaction.atomic():
        Upload.objects.filter(pk=upload.pk).update(plan_version=version)
        upload.plan_version = version
        audit.record(
            user=by,
            verb="write",
            obj=upload,
            child=version.case.child,
            summary=f"case {version.case_id}: upload {upload.pk} kept as the document of "
            f"plan version {version.pk}",
        )
    return upload
