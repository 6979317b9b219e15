"""Bad and hostile files get one clear message (``Unreadable``), and ``senda sen2
validate`` exits 2 with it, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from senda.interchange.sen2 import xml_read, xml_write

from .people import HEADER, edge_persons

GOOD_HEADER = xml_write.header_xml(HEADER)


def message(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><Message>{body}</Message>'.encode()


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sen2.xml", message(GOOD_HEADER))
    return buffer.getvalue()


def person(inner: str) -> str:
    return (
        "<Persons><Person><Surname>A</Surname><Forename>B</Forename>"
        f"<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>M</Sex>{inner}</Person></Persons>"
    )


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Message [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Message><Header>&lol3;</Header></Message>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Message [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Message><Header><CollectionDetails><Collection>&secret;</Collection></CollectionDetails></Header></Message>"""

HOSTILE = {
    "empty": (b"", "The file is empty"),
    "not XML": (b"UPN,Surname\nA123,Smith\n", "not XML"),
    "a zip": (zipped(), "This is a zip file"),
    "a PDF": (b"%PDF-1.7\n...", "This is a PDF"),
    "binary": (bytes(range(256)) * 4, "binary file"),
    "UTF-16": (message(GOOD_HEADER).decode().encode("utf-16"), "UTF-16"),
    "Latin-1 declared": (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><Message></Message>',
        "encoded as ISO-8859-1",
    ),
    "not UTF-8": (
        message(GOOD_HEADER + person("")).replace(b"<Surname>A", b"<Surname>Caf\xe9 " + b"x" * 10),
        "not UTF-8",
    ),
    "billion laughs": (LAUGHS, "defines entities"),
    "external entity": (EXTERNAL, "defines entities"),
    "a DOCTYPE": (b'<!DOCTYPE Message SYSTEM "http://example.com/x.dtd"><Message/>', "DOCTYPE"),
    "an undefined entity": (message(GOOD_HEADER + "&x;"), "not well-formed XML"),
    "10,000 deep": (message("<a>" * 10_000 + "</a>" * 10_000), "nested"),
    "20 deep in a person": (
        message(GOOD_HEADER + person("<Favourite>" + "<b>" * 20 + "</b>" * 20 + "</Favourite>")),
        "nested more than 12 deep",
    ),
    "a huge value": (
        message(GOOD_HEADER + person("").replace("<Surname>A", "<Surname>" + "A" * 20_000)),
        "holds 20,000 characters",
    ),
    "a namespace": (
        message(GOOD_HEADER).replace(b"<Message>", b'<Message xmlns="urn:x">'),
        "in an XML namespace",
    ),
    "wrong root": (b"<CINmessage><Header/></CINmessage>", "The root element is <CINmessage>"),
    "no header": (message("<Persons></Persons>"), "no <Header> before its persons"),
    "no header at all": (message(""), "has no <Header>"),
    "another collection": (
        message(GOOD_HEADER.replace("<Collection>SEN2", "<Collection>CIN")),
        "a CIN file, not SEN2",
    ),
    "no LA": (message(GOOD_HEADER.replace("<LEA>938</LEA>", "")), "no usable <LEA>"),
    "cut short": (message(GOOD_HEADER + person(""))[:-40], "not well-formed XML"),
}


def read_all(data: bytes) -> None:
    reading = xml_read.read(io.BytesIO(data))
    for _ in reading.persons():
        pass


@pytest.mark.parametrize("name", list(HOSTILE))
def test_it_is_refused_with_one_clear_message(name):
    data, expected = HOSTILE[name]
    with pytest.raises(xml_read.Unreadable) as refused:
        read_all(data)
    assert expected in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_command_exits_2_saying_why(name, tmp_path, capsys):
    data, expected = HOSTILE[name]
    path = tmp_path / "return.xml"
    path.write_bytes(data)
    with pytest.raises(CommandError) as refused:
        call_command("sen2", "validate", str(path))
    assert refused.value.returncode == 2
    assert expected in str(refused.value)
    assert "Traceback" not in capsys.readouterr().err


def test_a_good_file_is_still_read_after_all_that():
    buffer = io.BytesIO()
    xml_write.write(HEADER, edge_persons(), buffer)
    buffer.seek(0)
    assert len(list(xml_read.read(buffer).persons())) == 5
