"""SEN2's XML, defined once: for each parent element its children in order, each with its
XML name (and the other spellings readers have seen), the record field it fills, its type,
code list, whether it is required, whether it repeats, and the source the definition comes
from (keys of ``docs/sen2.md`` §0). The writer, the reader, the validator and the element
table in ``docs/sen2.md`` all read this module. Pure: no Django, no I/O.

Types: ``date`` (``YYYY-MM-DD``), ``datetime`` (``YYYY-MM-DDThh:mm:ss``), ``bool``
(written ``true``/``false``; ``1``/``0`` read too, as xs:boolean allows), ``int``, ``code``
(one of ``codes``), ``text``; a ``group`` holds elements, not a value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from senda.interchange.sen2 import records

Kind = Literal["date", "datetime", "bool", "int", "code", "text", "group"]

#: The root element and the two elements under it.
ROOT = "Message"
HEADER = "Header"
PERSONS = "Persons"
PERSON = "Person"

#: Deepest nesting a SEN2 file needs is 8 (Message/Persons/Person/Requests/Assessment/
#: NamedPlan/PlanDetail/URN); anything deeper than this is refused as unreadable.
MAX_DEPTH = 12
#: Longest text value accepted at all (longer: the file is refused).
MAX_TEXT = 10_000

# -- code lists ------------------------------------------------------------------------

OUTCOMES: dict[str, str] = {
    "Y": "yes (assess / issue a plan)",
    "N": "no",
    "A": "not yet decided",
    "W": "withdrawn before a decision",
    "H": "historical: decided before this collection period",
}
REVIEW_OUTCOMES: dict[str, str] = {"A": "amend", "C": "cease", "M": "maintain"}
CEASE_REASONS: dict[str, str] = {
    "1": "reached maximum age",
    "2": "needs met without a plan",
    "3": "moved on to higher education",
    "4": "moved on to paid employment (not apprenticeships)",
    "5": "transferred to another LA in England",
    "6": "no longer engaging in education or training",
    "7": "moved outside England",
    "8": "deceased",
    "9": "other",
}
SETTING_CODES: dict[str, str] = {
    "OLA": "other arrangements by the LA (including EOTAS)",
    "OPA": "other arrangements by parents or young person (not home education)",
    "EHE": "elective home education",
    "EYP": "early years provider with no URN",
    "OTH": "other (say what in SENsettingOther)",
    "NEET": "not in education, employment or training (16-25)",
    "NIEC": "not in education or training: notice to cease issued",
    "NIEO": "not in education or training: other",
}
SEN_TYPES: dict[str, str] = {
    "SPLD": "specific learning difficulty",
    "MLD": "moderate learning difficulty",
    "SLD": "severe learning difficulty",
    "PMLD": "profound and multiple learning difficulty",
    "SEMH": "social, emotional and mental health",
    "SLCN": "speech, language and communication needs",
    "HI": "hearing impairment",
    "VI": "vision impairment",
    "MSI": "multi-sensory impairment",
    "PD": "physical disability",
    "ASD": "autistic spectrum disorder",
    "DS": "Down syndrome (2025 onwards)",
    "OTH": "other difficulty or disability",
}
UPN_UNKNOWN: dict[str, str] = {
    "UN1": "under 6, not yet assigned a UPN",
    "UN2": "never attended a state-funded school in England",
    "UN3": "educated outside England",
    "UN4": "undergoing age assessment",
    "UN5": "sources disagree: no reliable match",
    "UN6": "unaccompanied asylum-seeking child, UPN not yet known",
    "UN7": "referral, UPN not yet known",
    "UN8": "new to the LA, UPN not yet known",
    "UN9": "never at a state school or FE setting in England",
    "UN10": "request ended with no further action before the UPN was known",
}
RESIDENTIAL: dict[str, str] = {"A": "up to 38 weeks", "B": "39 to 52 weeks"}
SEX: dict[str, str] = {"M": "male", "F": "female", "U": "not known"}
REQUEST_SOURCES: dict[str, str] = {
    "1": "the child's parent or the young person",
    "2": "a school or other setting",
    "3": "health",
    "4": "social care",
    "5": "other",
}
RANKS: dict[str, str] = {"1": "first (primary)", "2": "second"}
#: DfE common basic data set main ethnicity codes.
ETHNICITY: dict[str, str] = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WOTH": "any other White background",
    "WROM": "Gypsy / Roma",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "any other Black background",
    "CHNE": "Chinese",
    "OOTH": "any other ethnic group",
    "REFU": "refused",
    "NOBT": "information not yet obtained",
}


# -- the elements ----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One child element of a parent: ``xml`` as written, ``aliases`` also read."""

    xml: str
    field: str
    kind: Kind
    source: str
    codes: dict[str, str] = dataclasses.field(default_factory=dict)
    required: bool = False
    repeat: bool = False
    aliases: tuple[str, ...] = ()
    group: Group | None = None
    #: How serious a value outside ``codes`` is (a query where DfE's list is open-ended).
    code_level: Literal["error", "query"] = "error"
    max_length: int = 0
    what: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.xml, *self.aliases)


@dataclass(frozen=True)
class Group:
    """A parent element: its children in order. ``record`` is the record class it makes;
    ``None`` means its children's fields belong to the enclosing record (the Header's
    CollectionDetails and Source)."""

    xml: str
    record: type | None
    items: tuple[Item, ...]
    source: str = ""

    def item(self, field_name: str) -> Item:
        for item in self.items:
            if item.field == field_name:
                return item
        raise KeyError(field_name)


def _flags(source: str, *pairs: tuple[str, str, str]) -> tuple[Item, ...]:
    return tuple(Item(xml, name, "bool", source, what=what) for xml, name, what in pairs)


def _setting_items() -> tuple[Item, ...]:
    return (
        Item(
            "URN",
            "urn",
            "text",
            "WITAN-CSV ST-READER CAPITA-M5",
            max_length=7,
            what="the setting's unique reference number (6 or 7 digits)",
        ),
        Item(
            "UKPRN",
            "ukprn",
            "text",
            "WITAN-CSV ST-READER CAPITA-M5",
            max_length=8,
            what="the provider's UK provider reference number (8 digits)",
        ),
        Item(
            "SENsetting",
            "setting_code",
            "code",
            "WITAN-DICT CAPITA-M5",
            SETTING_CODES,
            aliases=("SENSetting",),
            what="a setting type, when there is no URN or UKPRN",
        ),
        Item(
            "SENsettingOther",
            "setting_other",
            "text",
            "WITAN-CSV CAPITA-M5",
            aliases=("SENSettingOther",),
            max_length=100,
            what="what the OTH setting is",
        ),
        Item(
            "PlacementRank",
            "rank",
            "int",
            "WITAN-CSV CAPITA-M5",
            RANKS,
            what="1 for the main setting, 2 for a second",
        ),
    )


PLAN_DETAIL = Group(
    "PlanDetail",
    records.PlanSetting,
    (
        *_setting_items(),
        *_flags(
            "WITAN-CSV CAPITA-M5",
            ("SENunitIndicator", "sen_unit", "the place is in a SEN unit"),
            ("ResourcedProvisionIndicator", "resourced_provision", "resourced provision"),
        ),
    ),
    source="WITAN-CSV ST-READER",
)

NAMED_PLAN = Group(
    "NamedPlan",
    records.NamedPlan,
    (
        Item(
            "StartDate",
            "start_date",
            "date",
            "WITAN-CSV ST-READER",
            required=True,
            what="the date the plan was issued (or held on transfer in)",
        ),
        Item(
            "PlanRes",
            "residential",
            "code",
            "WITAN-CSV",
            RESIDENTIAL,
            what="the plan names a residential setting: A up to 38 weeks, B 39-52",
        ),
        Item(
            "PlanWBP",
            "work_based",
            "bool",
            "WITAN-CSV",
            aliases=("PlanWPB",),
            what="work-based learning activity",
        ),
        *_flags(
            "WITAN-CSV",
            ("PB", "personal_budget", "a personal budget was taken up"),
            ("OA", "organised_arrangements", "the budget is by organised arrangements"),
            ("DP", "direct_payments", "the budget is by direct payments"),
        ),
        Item(
            "CeaseDate",
            "cease_date",
            "date",
            "WITAN-CSV ST-READER",
            what="the date the plan ceased",
        ),
        Item(
            "CeaseReason",
            "cease_reason",
            "int",
            "WITAN-DICT",
            CEASE_REASONS,
            what="why the plan ceased",
        ),
        Item(
            "PlanDetail",
            "named_settings",
            "group",
            "WITAN-CSV ST-READER",
            required=True,
            repeat=True,
            group=PLAN_DETAIL,
            what="a setting the plan names",
        ),
    ),
    source="WITAN-CSV",
)

ASSESSMENT = Group(
    "Assessment",
    records.Assessment,
    (
        Item(
            "AssessmentOutcome",
            "outcome",
            "code",
            "WITAN-CSV ST-READER DOMAIN",
            OUTCOMES,
            required=True,
            what="the decision whether to issue a plan",
        ),
        Item(
            "AssessmentOutcomeDate",
            "outcome_date",
            "date",
            "WITAN-CSV ST-READER",
            what="the date of the decision (for Y: the date the final plan was issued)",
        ),
        *_flags(
            "WITAN-CSV ST-READER",
            ("AssessmentMediation", "mediation", "mediation about the decision"),
            ("AssessmentTribunal", "tribunal", "an appeal to the tribunal about it"),
            ("OtherMediation", "other_mediation", "other mediation"),
            ("OtherTribunal", "other_tribunal", "another appeal to the tribunal"),
            ("Week20", "week20", "an exception to the 20-week time limit applies"),
        ),
        Item(
            "NamedPlan",
            "named_plan",
            "group",
            "WITAN-CSV ST-READER",
            group=NAMED_PLAN,
            what="the plan issued",
        ),
    ),
    source="WITAN-CSV",
)

PLACEMENT_DETAIL = Group(
    "PlacementDetail",
    records.Placement,
    (
        *_setting_items(),
        Item(
            "EntryDate",
            "entry_date",
            "date",
            "WITAN-CSV CAPITA-M5",
            what="the date the child started at the setting",
        ),
        Item(
            "LeavingDate",
            "leaving_date",
            "date",
            "WITAN-CSV CAPITA-M5",
            what="the date the child left the setting",
        ),
        *_flags(
            "WITAN-CSV CAPITA-M5",
            ("SENunitIndicator", "sen_unit", "the place is in a SEN unit"),
            ("ResourcedProvisionIndicator", "resourced_provision", "resourced provision"),
        ),
        Item(
            "RES",
            "residential",
            "code",
            "WITAN-CSV ST-READER",
            RESIDENTIAL,
            aliases=("Res",),
            what="residential: A up to 38 weeks, B 39-52",
        ),
        Item(
            "WBP",
            "work_based",
            "bool",
            "WITAN-CSV ST-READER",
            aliases=("WPB",),
            what="work-based learning activity",
        ),
    ),
    source="WITAN-CSV CAPITA-M5",
)

SEN_NEED = Group(
    "SENneed",
    records.Need,
    (
        Item(
            "SENtype",
            "sen_type",
            "code",
            "WITAN-DICT CAPITA-M5",
            SEN_TYPES,
            required=True,
            what="the type of need",
        ),
        Item(
            "SENtypeRank",
            "rank",
            "int",
            "WITAN-CSV CAPITA-M5",
            RANKS,
            required=True,
            what="1 primary, 2 secondary",
        ),
    ),
    source="WITAN-CSV ST-READER",
)

ACTIVE_PLANS = Group(
    "ActivePlans",
    records.ActivePlan,
    (
        Item(
            "TransferLA",
            "transfer_la",
            "text",
            "WITAN-CSV CAPITA-M5",
            max_length=3,
            what="the LA the plan transferred in from during the year (3 digits)",
        ),
        Item(
            "ReviewMeeting",
            "review_meeting",
            "date",
            "WITAN-CSV",
            what="the last annual review meeting",
        ),
        Item(
            "ReviewOutcome",
            "review_outcome",
            "code",
            "WITAN-CSV DOMAIN",
            REVIEW_OUTCOMES,
            what="the annual review decision",
        ),
        Item(
            "ReviewDraft",
            "review_draft",
            "date",
            "WITAN-PRE",
            what="the date a draft amended plan was issued after the review (2025+)",
        ),
        Item(
            "PhaseTransferDueDate",
            "phase_transfer_due",
            "date",
            "WITAN-PRE",
            what="phase transfer: the due date for the amended plan (2025+)",
        ),
        Item(
            "PhaseTransferFinalDate",
            "phase_transfer_final",
            "date",
            "WITAN-PRE",
            what="phase transfer: the date the final plan was issued (2025+)",
        ),
        Item(
            "LastReview",
            "last_review",
            "date",
            "WITAN-CSV CAPITA-M5",
            what="the date of the annual review decision",
        ),
        Item(
            "PlacementDetail",
            "placements",
            "group",
            "WITAN-CSV ST-READER CAPITA-M5",
            required=True,
            repeat=True,
            group=PLACEMENT_DETAIL,
            what="a setting attended while the plan is active",
        ),
        Item(
            "SENneed",
            "needs",
            "group",
            "WITAN-CSV ST-READER CAPITA-M5",
            required=True,
            repeat=True,
            group=SEN_NEED,
            what="a type of need and its rank",
        ),
    ),
    source="WITAN-CSV CAPITA-M5",
)

REQUESTS = Group(
    "Requests",
    records.Request,
    (
        Item(
            "ReceivedDate",
            "received_date",
            "date",
            "WITAN-CSV ST-READER",
            required=True,
            what="the date the request was received (the 20-week clock starts)",
        ),
        Item(
            "RequestSource",
            "source",
            "int",
            "WITAN-PRE DOMAIN",
            REQUEST_SOURCES,
            what="who made the request (2025+)",
        ),
        Item(
            "RYA",
            "rya",
            "bool",
            "WITAN-CSV ST-READER",
            what="made while in relevant youth accommodation",
        ),
        Item(
            "RequestOutcomeDate",
            "outcome_date",
            "date",
            "WITAN-CSV ST-READER",
            what="the date of the decision whether to assess",
        ),
        Item(
            "RequestOutcome",
            "outcome",
            "code",
            "WITAN-CSV ST-READER DOMAIN",
            OUTCOMES,
            required=True,
            what="the decision whether to assess",
        ),
        *_flags(
            "WITAN-CSV ST-READER",
            ("RequestMediation", "mediation", "mediation about the decision"),
            ("RequestTribunal", "tribunal", "an appeal to the tribunal about it"),
            ("Exported", "exported", "moved out of the LA before the assessment finished"),
        ),
        Item(
            "Assessment",
            "assessment",
            "group",
            "WITAN-CSV ST-READER",
            group=ASSESSMENT,
            what="the needs assessment",
        ),
        Item(
            "ActivePlans",
            "active_plan",
            "group",
            "WITAN-CSV ST-READER CAPITA-M5",
            group=ACTIVE_PLANS,
            what="the plan, when active in the year",
        ),
    ),
    source="WITAN-CSV ST-READER",
)

PERSON_GROUP = Group(
    PERSON,
    records.Person,
    (
        Item("Surname", "surname", "text", "WITAN-CSV SF-READER", required=True, max_length=35),
        Item("Forename", "forename", "text", "WITAN-CSV SF-READER", required=True, max_length=35),
        Item("PersonBirthDate", "birth_date", "date", "WITAN-CSV SF-READER", required=True),
        Item("Sex", "sex", "code", "WITAN-CSV SF-READER", SEX, required=True),
        Item(
            "Ethnicity",
            "ethnicity",
            "code",
            "WITAN-CSV SF-READER",
            ETHNICITY,
            code_level="query",
            what="DfE's main ethnicity code",
        ),
        Item(
            "Postcode",
            "postcode",
            "text",
            "WITAN-CSV SF-READER",
            aliases=("PostCode",),
            max_length=8,
        ),
        Item(
            "UPN", "upn", "text", "WITAN-CSV SF-READER", max_length=13, what="unique pupil number"
        ),
        Item(
            "UniqueLearnerNumber",
            "uln",
            "text",
            "WITAN-CSV SF-READER",
            max_length=10,
            what="unique learner number",
        ),
        Item(
            "UPNunknown",
            "upn_unknown",
            "code",
            "WITAN-CSV SF-READER DOMAIN",
            UPN_UNKNOWN,
            what="why there is no UPN",
        ),
        Item(
            "Requests",
            "requests",
            "group",
            "WITAN-CSV ST-READER",
            required=True,
            repeat=True,
            group=REQUESTS,
            what="one element per request",
        ),
    ),
    source="SF-READER",
)

COLLECTION_DETAILS = Group(
    "CollectionDetails",
    None,
    (
        Item("Collection", "collection", "code", "SF-READER", {"SEN2": "SEN2"}, required=True),
        Item(
            "Year",
            "year",
            "int",
            "WITAN-CSV SF-READER",
            required=True,
            what="the collection year (the census's year)",
        ),
        Item(
            "ReferenceDate",
            "reference_date",
            "date",
            "WITAN-CSV SF-READER",
            required=True,
            what="the census date",
        ),
    ),
    source="SF-READER",
)

SOURCE = Group(
    "Source",
    None,
    (
        Item(
            "SourceLevel",
            "source_level",
            "code",
            "SF-READER",
            {"L": "local authority"},
            required=True,
        ),
        Item(
            "LEA",
            "la",
            "text",
            "WITAN-CSV SF-READER",
            required=True,
            max_length=3,
            what="the LA's 3-digit number",
        ),
        Item(
            "SoftwareCode",
            "software_code",
            "text",
            "WITAN-CSV SF-READER",
            required=True,
            max_length=50,
        ),
        Item("Release", "release", "text", "WITAN-CSV SF-READER", max_length=50),
        Item("SerialNo", "serial_no", "int", "WITAN-CSV SF-READER", required=True),
        Item(
            "DateTime",
            "made_at",
            "datetime",
            "WITAN-CSV SF-READER",
            required=True,
            what="when the file was made",
        ),
        Item(
            "DMO",
            "dmo",
            "text",
            "WITAN-CSV",
            max_length=100,
            what="data management officer (a name)",
        ),
        Item("DCO", "dco", "text", "WITAN-CSV", max_length=100, what="data collection officer"),
        Item(
            "DSCO", "dsco", "text", "DOMAIN", max_length=100, what="data submission contact officer"
        ),
    ),
    source="SF-READER",
)

HEADER_GROUP = Group(
    HEADER,
    records.Header,
    (
        Item(
            "CollectionDetails", "", "group", "SF-READER", required=True, group=COLLECTION_DETAILS
        ),
        Item("Source", "", "group", "SF-READER", required=True, group=SOURCE),
    ),
    source="SF-READER",
)

#: Every group, parents before children (for the docs).
GROUPS: tuple[Group, ...] = (
    HEADER_GROUP,
    COLLECTION_DETAILS,
    SOURCE,
    PERSON_GROUP,
    REQUESTS,
    ASSESSMENT,
    NAMED_PLAN,
    PLAN_DETAIL,
    ACTIVE_PLANS,
    PLACEMENT_DETAIL,
    SEN_NEED,
)

CODE_LISTS: dict[str, dict[str, str]] = {
    "RequestOutcome, AssessmentOutcome": OUTCOMES,
    "ReviewOutcome": REVIEW_OUTCOMES,
    "CeaseReason": CEASE_REASONS,
    "SENsetting": SETTING_CODES,
    "SENtype": SEN_TYPES,
    "UPNunknown": UPN_UNKNOWN,
    "PlanRes, RES": RESIDENTIAL,
    "Sex": SEX,
    "RequestSource": REQUEST_SOURCES,
    "PlacementRank, SENtypeRank": RANKS,
    "Ethnicity": ETHNICITY,
}
