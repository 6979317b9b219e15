"""The files of a review report or an advice request, as a table: each links to the
audited file view only when it may be opened (clean, or held unscanned)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from senda.portal.models import Upload
from senda.portal.uploads import PURPOSES
from senda.web.components import table, tag

SCAN_TAGS = {
    Upload.Scan.CLEAN: ("Checked", "govuk-tag--green"),
    Upload.Scan.UNSCANNED: ("Not scanned", "govuk-tag--yellow"),
    Upload.Scan.INFECTED: ("Removed", "govuk-tag--red"),
    Upload.Scan.FAILED: ("Not checked", "govuk-tag--red"),
}


def files_table(uploads: Iterable[Upload]) -> SafeString:
    rows = []
    for upload in uploads:
        name = upload.name
        if upload.can_open:
            url = reverse("web:file", kwargs={"upload_id": upload.pk})
            link = format_html('<a class="govuk-link" href="{}" download>{}</a>', url, name)
            file_cell = {"html": link}
        else:
            file_cell = {"text": name}
        text, classes = SCAN_TAGS.get(upload.scan, (upload.scan, "govuk-tag--grey"))
        rows.append(
            [
                file_cell,
                {"text": PURPOSES.get(upload.purpose, upload.purpose.replace("_", " "))},
                {"text": date_format(localtime(upload.uploaded_at), "j F Y")},
                {"text": f"{max(1, round(upload.size / 1024)):,} KB"},
                {"html": tag(text, classes)},
            ]
        )
    return table("Files added", ["File", "What it is", "Added", "Size", "Virus check"], rows)
