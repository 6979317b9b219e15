"""Writing and reading SEN2 XML (``xml_write``, ``xml_read``): a round trip gives the same
records; values in the wrong form become schema findings; the spec's code lists agree with
the ones Senda's records use."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from senda.interchange.sen2 import records as r
from senda.interchange.sen2 import spec, xml_read, xml_write

from .people import HEADER, edge_persons


def round_trip(persons: list[r.Person], header: r.Header = HEADER):
    buffer = io.BytesIO()
    count = xml_write.write(header, iter(persons), buffer)
    assert count == len(persons)
    buffer.seek(0)
    reading = xml_read.read(buffer)
    read = list(reading.persons())
    return reading, read, buffer.getvalue()


def test_written_then_read_gives_equal_records_and_no_findings():
    persons = edge_persons()
    reading, read, _ = round_trip(persons)
    assert reading.header == HEADER
    assert reading.file_findings == []
    assert [person for person, _ in read] == persons
    assert [findings for _, findings in read] == [[] for _ in persons]
    assert [person.position for person, _ in read] == [1, 2, 3, 4, 5]


def test_the_file_is_utf8_xml_in_the_order_of_the_spec():
    _, _, data = round_trip(edge_persons())
    root = etree.fromstring(data)
    assert root.tag == "Message"
    first = root.find("Persons/Person")
    assert [child.tag for child in first][:7] == [
        "Surname",
        "Forename",
        "PersonBirthDate",
        "Sex",
        "Ethnicity",
        "Postcode",
        "UPN",
    ]
    assert first.findtext("Surname") == "Ó'Brien & Sons"
    request = first.find("Requests")
    assert request.findtext("ReceivedDate") == "2025-01-06"
    assert request.findtext("RYA") == "false"
    assert request.findtext("Assessment/Week20") == "true"
    needs = request.findall("ActivePlans/SENneed")
    assert [(n.findtext("SENtype"), n.findtext("SENtypeRank")) for n in needs] == [
        ("ASD", "1"),
        ("DS", "2"),
    ]
    assert root.findtext("Header/Source/DateTime") == "2026-01-30T09:15:02"


def test_other_spellings_and_other_boolean_forms_are_read():
    data = xml_write.header_xml(HEADER)
    person = (
        "<Person><Surname>A</Surname><Forename>B</Forename>"
        "<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>M</Sex><PostCode>AB1 2CD</PostCode>"
        "<UPNunknown>UN2</UPNunknown><Requests><ReceivedDate>2024-01-01</ReceivedDate>"
        "<RYA>1</RYA><RequestOutcome>H</RequestOutcome><Assessment><AssessmentOutcome>H"
        "</AssessmentOutcome><NamedPlan><StartDate>2024-05-01</StartDate><PlanWPB>0</PlanWPB>"
        "<PlanDetail><SENSetting>OTH</SENSetting><SENSettingOther>x</SENSettingOther>"
        "</PlanDetail></NamedPlan></Assessment><ActivePlans><PlacementDetail><URN>100000</URN>"
        "<Res>A</Res><WPB>true</WPB></PlacementDetail><SENneed><SENtype>MLD</SENtype>"
        "<SENtypeRank>1</SENtypeRank></SENneed></ActivePlans></Requests></Person>"
    )
    xml = f"<Message>{data}<Persons>{person}</Persons></Message>".encode()
    ((read, findings),) = xml_read.read(io.BytesIO(xml)).persons()
    assert findings == []
    assert read.postcode == "AB1 2CD"
    request = read.requests[0]
    assert request.rya is True
    plan = request.assessment.named_plan
    assert plan.work_based is False
    assert plan.named_settings[0].setting_code == "OTH"
    assert plan.named_settings[0].setting_other == "x"
    placement = request.active_plan.placements[0]
    assert (placement.residential, placement.work_based) == ("A", True)


def test_a_huge_number_of_persons_is_read_with_flat_memory():
    # Cleared as it goes: only the current person's elements stay in the tree.
    buffer = io.BytesIO()
    xml_write.write(HEADER, (edge_persons()[1] for _ in range(2000)), buffer)
    buffer.seek(0)
    reading = xml_read.read(buffer)
    sizes = []
    for person, _ in reading.persons():
        if person.position % 500 == 0:
            sizes.append(sum(1 for _ in reading.root.iter()))
    # The persons read are gone; what is left is the few persons lxml has parsed ahead
    # (one read of the file's bytes), not the 2,000 x 22 elements of the file.
    assert len(sizes) == 4 and max(sizes) < 1500


def test_the_spec_agrees_with_the_code_lists_of_senda_s_records():
    from senda.casework.models import RESIDENTIAL, SETTING_CODES
    from senda.clock.model import CEASE_REASONS
    from senda.people.models.children import SEN_TYPES, UPN_UNKNOWN_REASONS

    assert set(spec.SEN_TYPES) == {code for code, _ in SEN_TYPES}
    assert {code for code, _ in UPN_UNKNOWN_REASONS} <= set(spec.UPN_UNKNOWN)
    assert set(spec.CEASE_REASONS) == {str(code) for code in CEASE_REASONS}
    assert {code for code, _ in SETTING_CODES} == set(spec.SETTING_CODES)
    assert {code for code, _ in RESIDENTIAL} == set(spec.RESIDENTIAL)


def test_every_group_s_items_have_distinct_names_and_record_fields():
    for group in spec.GROUPS:
        names = [name for item in group.items for name in item.names]
        assert len(names) == len(set(names)), group.xml
        if group.record is not None:
            fields = set(group.record.__dataclass_fields__)
            for item in group.items:
                assert item.field in fields or (item.group is not None and not item.field)


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(
    str.strip
)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
flags = st.none() | st.booleans()
settings_ = st.builds(
    r.Placement,
    urn=st.sampled_from(["", "123456"]),
    setting_code=st.sampled_from(["", *spec.SETTING_CODES]),
    setting_other=texts,
    rank=st.none() | st.sampled_from([1, 2]),
    sen_unit=flags,
    entry_date=st.none() | dates,
    residential=st.sampled_from(["", "A", "B"]),
    work_based=flags,
)
requests = st.builds(
    r.Request,
    received_date=dates,
    source=st.none() | st.integers(1, 5),
    outcome=st.sampled_from(list(spec.OUTCOMES)),
    outcome_date=st.none() | dates,
    rya=flags,
    active_plan=st.none()
    | st.builds(
        r.ActivePlan,
        transfer_la=st.sampled_from(["", "201"]),
        review_draft=st.none() | dates,
        placements=st.lists(settings_, min_size=1, max_size=3).map(tuple),
        needs=st.lists(
            st.builds(r.Need, st.sampled_from(list(spec.SEN_TYPES)), st.sampled_from([1, 2])),
            min_size=1,
            max_size=2,
        ).map(tuple),
    ),
)
persons = st.builds(
    r.Person,
    surname=texts.filter(bool),
    forename=texts.filter(bool),
    birth_date=dates,
    sex=st.sampled_from(list(spec.SEX)),
    upn=st.sampled_from(["", "J938100000001"]),
    requests=st.lists(requests, min_size=1, max_size=3).map(tuple),
)


def _clean(text: str) -> str:
    return xml_write._FORBIDDEN.sub("", text).strip()


@settings(max_examples=60, deadline=None)
@given(st.lists(persons, min_size=1, max_size=4))
def test_any_persons_round_trip(people):
    people = [
        p.__class__(**{**p.__dict__, "surname": _clean(p.surname), "forename": _clean(p.forename)})
        for p in people
    ]
    people = [p for p in people if p.surname and p.forename] or edge_persons()[:1]
    _, read, _ = round_trip(people)
    assert [person for person, _ in read] == people


def test_the_generated_tables_of_docs_sen2_md_are_current():
    from pathlib import Path

    from senda.interchange.sen2 import docs

    path = Path(__file__).resolve().parents[3] / "docs" / "sen2.md"
    text = path.read_text(encoding="utf-8")
    assert docs.splice(text) == text, "run `make docs`"
    assert docs.BEGIN in text


def _reference(person: r.Person) -> str:
    """A person written by the plan walked at run time (``_emit``), as before the compiled
    writer."""
    parts = ["<Person>"]
    xml_write._emit(person, xml_write._PERSON_PLAN, parts)
    return "".join([*parts, "</Person>"])


def test_the_compiled_person_writer_writes_what_the_reference_writes():
    from .returns import every_kind

    for person in [*edge_persons(), *every_kind("936", ["100001", "100002", "100003"])]:
        assert xml_write.person_xml(person) == _reference(person)


@settings(max_examples=60, deadline=None)
@given(st.from_type(r.Person))
def test_the_compiled_person_writer_agrees_on_any_person(person: r.Person):
    assert xml_write.person_xml(person) == _reference(person)


def test_records_made_fast_are_the_records_init_makes():
    """``records.make`` (the export's constructor) against each class's ``__init__``."""
    from dataclasses import fields

    from senda.interchange.sen2 import records as rec

    persons = edge_persons()
    samples: dict[type, list[object]] = {}

    def walk(record: object) -> None:
        samples.setdefault(type(record), []).append(record)
        for f in fields(record):  # type: ignore[arg-type]
            value = getattr(record, f.name)
            for each in value if isinstance(value, tuple) else (value,):
                if hasattr(each, "__dataclass_fields__"):
                    walk(each)

    for person in persons:
        walk(person)
    assert {rec.Person, rec.Request, rec.Assessment, rec.NamedPlan, rec.ActivePlan} <= set(samples)
    made_fast = (rec.Person, rec.Request, rec.Assessment, rec.NamedPlan, rec.ActivePlan)
    for cls in (*made_fast, rec.Placement):
        records = samples[cls]
        for record in records:
            values = {f.name: getattr(record, f.name) for f in fields(cls)}
            made = rec.make(cls, **values)
            assert made == cls(**values) and made.__dict__ == cls(**values).__dict__
            assert type(made) is cls
        assert rec.make(cls).__dict__ == cls().__dict__
    with pytest.raises(TypeError, match="no field"):
        rec.make(rec.Request, recieved_date=None)
    with pytest.raises(TypeError, match="no default"):
        rec.make(rec.Need)
