"""Reading a plan's sections A–K from a Word document (DOCX), so an officer checks the text
instead of pasting it. A hostile file is refused before python-docx opens it: not a ZIP,
too large, a zip bomb (too many entries, or too many bytes once unpacked, from the ZIP's
own directory), password protected, or not a Word document; then a document with no
recognisable section headings is refused too. Every refusal is
``ActionError("file", message)``."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, BinaryIO

from senda.casework.models.plan_text import SECTION_LETTERS, SECTIONS
from senda.kernel import ActionError

#: The largest DOCX read (a plan with pictures is a few MB).
MAX_BYTES = 10 * 1024 * 1024
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 200

#: "Section A", "Section H1:", "A:", "A.", "H2 –", "Section A – Views" at a paragraph's start.
HEADING = re.compile(
    r"^\s*(?:section\s+(?P<word>h\s?[12]|[a-k])\b|(?P<short>h\s?[12]|[a-k])\s*[:.)–-])"
    r"\s*[:.)–-]?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
TITLES = {letter: title.lower() for letter, title in SECTIONS}


def _open(file: Any) -> BinaryIO:
    handle = getattr(file, "file", file)
    if isinstance(handle, bytes | bytearray):
        handle = io.BytesIO(handle)
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    if size == 0:
        raise ActionError("file", "The selected file is empty")
    if size > MAX_BYTES:
        raise ActionError(
            "file", f"The selected file must be smaller than {MAX_BYTES // (1024 * 1024)}MB"
        )
    return handle


def check_zip(handle: BinaryIO) -> None:
    """A Word document's ZIP directory, read without unpacking anything."""
    message = "The selected file must be a Word document (DOCX)"
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ActionError("file", message) from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise ActionError("file", "The selected file has too many parts to be a plan")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
        raise ActionError("file", "The selected file unpacks to too much to be a plan")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise ActionError("file", "The selected file is password protected")
    if not {"[Content_Types].xml", "word/document.xml"} <= {e.filename for e in entries}:
        raise ActionError("file", message)
    handle.seek(0)


def _blocks(document: Any) -> list[str]:
    """The document's paragraphs and table cells' text, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    blocks.extend(p.text for p in cell.paragraphs)
    return blocks


def heading_letter(text: str) -> tuple[str, str] | None:
    """(letter, the rest of the line) if ``text`` starts a section, else None."""
    match = HEADING.match(text)
    if match is None:
        return None
    letter = (match.group("word") or match.group("short")).upper().replace(" ", "")
    if letter not in SECTION_LETTERS:
        return None
    rest = match.group("rest").strip()
    title = TITLES[letter]
    # "Section A: Views, interests and aspirations" – the title is the heading, not text.
    if rest.lower().rstrip(" .:") and title.startswith(rest.lower().rstrip(" .:")[:12]):
        rest = ""
    return letter, rest


def read_sections(file: Any) -> dict[str, str]:
    """The text under each section heading of a DOCX, by letter (only sections found)."""
    handle = _open(file)
    check_zip(handle)
    import docx

    try:
        document = docx.Document(handle)
    except Exception:  # python-docx raises many kinds for a broken package
        raise ActionError(
            "file", "The selected file could not be read as a Word document"
        ) from None
    found: dict[str, list[str]] = {}
    current: str | None = None
    for block in _blocks(document):
        start = heading_letter(block)
        if start is not None and start[0] not in found:
            current, rest = start
            found[current] = [rest] if rest else []
        elif current is not None:
            found[current].append(block)
    sections = {letter: "\n".join(lines).strip() for letter, lines in found.items()}
    if not sections:
        raise ActionError(
            "file",
            'No plan sections were found: each should start with a heading such as "Section A"',
        )
    return {letter: sections[letter] for letter in SECTION_LETTERS if letter in sections}
