"""The record types a retention schedule covers and the defaults an area's schedule is
seeded with, each with its source (docs/retention.md). Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

ANONYMISE = "anonymise"
DELETE = "delete"

#: IRMS's toolkit: a pupil's SEN files are kept until the pupil's 31st birthday (the
#: 25 years an EHC plan may last, and 6 more for a claim: Limitation Act 1980).
IRMS = (
    "IRMS Information Management Toolkit for Schools, retention guidelines: SEN files, "
    "EHC plans and advice kept until the date of birth of the pupil + 31 years (a plan may "
    "last to 25, plus 6 years for a claim under the Limitation Act 1980). Councils' own "
    "schedules follow it or keep to DOB + 35 (Derbyshire County Council's children's "
    "services schedule, for example)."
)
#: Councils' "6 plus" rule: 6 years after the case closed (Limitation Act 1980 s2, s5).
CASE_PLUS_6 = (
    "Local-authority retention schedules' CASE+6 rule: destroy 6 years after the case is "
    "closed, the time for a claim under the Limitation Act 1980 ss2 and 5 (for example "
    "Derbyshire County Council's retention schedule for children's services)."
)


@dataclass(frozen=True, slots=True)
class RecordType:
    code: str
    label: str
    counted_from: str
    keep_years: int
    action: str
    source: str


RECORD_TYPES = (
    RecordType(
        "child",
        "A child's SEN record: the child, their family contacts, cases and everything of theirs",
        "the young person's date of birth, once no case of theirs is open",
        31,
        ANONYMISE,
        IRMS,
    ),
    RecordType(
        "case_message",
        "Secure messages between a family and the case officer, on a closed case",
        "the day the message was sent",
        6,
        DELETE,
        CASE_PLUS_6,
    ),
    RecordType(
        "upload",
        "Files uploaded through the portal, on a closed case",
        "the day the file was uploaded",
        6,
        DELETE,
        CASE_PLUS_6,
    ),
    RecordType(
        "notification",
        "Notifications sent by email or text (the address and what they said)",
        "the day the notification was queued",
        6,
        DELETE,
        CASE_PLUS_6,
    ),
)

BY_CODE = {kind.code: kind for kind in RECORD_TYPES}
CHOICES = [(kind.code, kind.label) for kind in RECORD_TYPES]
ACTIONS = [(ANONYMISE, "Anonymise"), (DELETE, "Delete")]
