"""A subject access request on the demo: the parent's child's record, everything of it in
one archive with its third-party review list, and the parent's own."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date

from django.contrib.auth.models import User

from senda.demo.build import Built
from senda.disclosure import actions
from senda.people.models import FamilyContact
from tests.demo.conftest import TODAY


def test_the_demo_answers_a_subject_access_request(area: Built) -> None:
    manager = User.objects.get(username="service-manager")
    contact = FamilyContact.objects.filter(user__username="parent").first()
    assert contact is not None
    began = time.perf_counter()
    for subject, child, about in (
        ("child", contact.child, None),
        ("parent", None, contact),
    ):
        request = actions.log_request(
            la=area.la,
            subject=subject,
            child=child,
            contact=about,
            requester="The parent, by email",
            received_on=date(2026, 3, 2),
            by=manager,
            today=TODAY,
        )
        assert request.due_on == date(2026, 4, 2)
        made = actions.produce(request=request, by=manager)
        with zipfile.ZipFile(io.BytesIO(made.data)) as zipped:
            names = zipped.namelist()
        assert "index.html" in names and "who-viewed.csv" in names
        assert any(name.startswith("records/casework-") for name in names) or subject == "parent"
        assert made.flags
    assert time.perf_counter() - began < 20
