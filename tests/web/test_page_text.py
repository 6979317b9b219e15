"""The cheap text extraction the role matrix's module-path check relies on
(tests/web/page_text.py): a path in the visible text is flagged, one only in markup is not."""

from __future__ import annotations

import pytest

from tests.web.page_text import module_paths, visible_text


def page(head: str = "", body: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>Cases</title>{head}</head>"
        f"<body><h1>Cases</h1>{body}</body></html>"
    )


@pytest.mark.parametrize(
    "body",
    [
        "<p>Defined in senda.casework.x</p>",
        "<dl><dt>Definition</dt><dd><span>senda.casework.x</span>.</dd></dl>",
        "<p>See senda&#46;casework.x</p>",  # an entity is text once decoded
        "<textarea name='n'>senda.casework.x</textarea>",
    ],
)
def test_it_flags_a_module_path_in_the_visible_text(body):
    found = module_paths(page(body=body))
    assert len(found) == 1
    assert "senda.casework.x" in found[0]


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("", "<a href='/senda.casework.x/' title='senda.casework.x'>Cases</a>"),
        ("", '<div data-x="a > senda.casework.x">Cases</div>'),  # a quoted ">"
        ("", "<script>window.x = 'senda.casework.x';</script>"),
        ("", "<SCRIPT type='module'>\nimport 'senda.casework.x'\n</SCRIPT >"),
        ("", "<style>.senda\\.casework\\.x {}</style>"),
        ("", "<!-- senda.casework.x -->"),
        ("<meta name='senda.casework.x'><script>senda.casework.x</script>", ""),
        ("", "<p>senda</p>.casework"),  # a tag between the words is a space
        ("", "<p>Casenda.casework is no module of Senda's</p>"),  # not a word
    ],
)
def test_it_does_not_flag_a_module_path_only_in_markup(head, body):
    assert module_paths(page(head, body)) == []


def test_it_keeps_the_text_and_leaves_out_the_head():
    text = visible_text(page(body="<p>Ada &amp; <b>Grace</b></p>"))
    assert " ".join(text.split()) == "Cases Ada & Grace"
